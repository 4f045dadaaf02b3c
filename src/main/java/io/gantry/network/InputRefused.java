package io.gantry.network;

import java.util.List;

/**
 * Input the network rules refuse, as an i18n key and its arguments. The exception's message is the key alone, so that
 * whatever the user pasted (a private key, by mistake) never reaches a log through it.
 */
public class InputRefused extends IllegalArgumentException {

    private final String messageKey;
    private final transient List<Object> arguments;

    public InputRefused(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = List.of(arguments);
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
