package io.gantry.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * An error the user caused and can correct. It carries an i18n key and its arguments, and optionally the form field
 * it belongs to, so that a view can show the message on that field.
 */
public class UserFacingException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;
    private final String field;

    public UserFacingException(String field, String messageKey, Object... arguments) {
        super(messageKey + Arrays.toString(arguments));
        this.field = field;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** The form field the error belongs to, if any. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
