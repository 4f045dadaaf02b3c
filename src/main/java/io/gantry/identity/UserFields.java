package io.gantry.identity;

import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for the fields of an account, shared by registration, the create-users wizard and the profile. */
public final class UserFields {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    public static final int NICKNAME_MAX = 64;
    public static final int PHONE_MAX = 32;
    public static final int EMAIL_MAX = 128;
    public static final int DESCRIPTION_MAX = 255;
    public static final int MAX_JOB_HOURS_LIMIT = 10_000;

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.-]*");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private UserFields() {
    }

    /** The i18n key of the first rule the username breaks, if any. */
    public static Optional<String> usernameProblem(String username) {
        if (username == null || username.isBlank()) {
            return Optional.of("user.username.required");
        }
        if (username.length() < USERNAME_MIN || username.length() > USERNAME_MAX) {
            return Optional.of("user.username.length");
        }
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of("user.username.pattern");
        }
        return Optional.empty();
    }

    public static Optional<String> nicknameProblem(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            return Optional.of("user.nickname.required");
        }
        if (nickname.length() > NICKNAME_MAX) {
            return Optional.of("user.nickname.length");
        }
        return Optional.empty();
    }

    public static Optional<String> phoneProblem(String phone) {
        if (phone == null || phone.isEmpty()) {
            return Optional.empty();
        }
        if (phone.length() > PHONE_MAX || !PHONE.matcher(phone).matches()) {
            return Optional.of("user.phone.invalid");
        }
        return Optional.empty();
    }

    public static Optional<String> emailProblem(String email) {
        if (email == null || email.isEmpty()) {
            return Optional.empty();
        }
        if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
            return Optional.of("user.email.invalid");
        }
        return Optional.empty();
    }

    public static Optional<String> descriptionProblem(String description) {
        if (description != null && description.length() > DESCRIPTION_MAX) {
            return Optional.of("field.too-long");
        }
        return Optional.empty();
    }

    public static Optional<String> maxJobHoursProblem(Integer hours) {
        if (hours != null && (hours < 1 || hours > MAX_JOB_HOURS_LIMIT)) {
            return Optional.of("user.max-job-hours.range");
        }
        return Optional.empty();
    }
}
