package io.gantry.shared;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for an e-mail address and a telephone number, wherever a form asks for one (an account, the
 * platform's contact): the same bounds in every service and every form field. Empty means "not given" and is never a
 * problem; the caller checks the value it stores.
 */
public final class ContactFields {

    public static final int EMAIL_MAX = 128;
    public static final int PHONE_MAX = 32;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]*");

    private ContactFields() {
    }

    public static Optional<String> emailProblem(String email) {
        if (email == null || email.isEmpty()) {
            return Optional.empty();
        }
        return email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()
                ? Optional.of("user.email.invalid") : Optional.empty();
    }

    public static Optional<String> phoneProblem(String phone) {
        if (phone == null || phone.isEmpty()) {
            return Optional.empty();
        }
        return phone.length() > PHONE_MAX || !PHONE.matcher(phone).matches()
                ? Optional.of("user.phone.invalid") : Optional.empty();
    }
}
