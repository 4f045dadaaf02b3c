package io.gantry.identity;

import io.gantry.shared.ContactFields;
import io.gantry.shared.Names;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for the fields of an account, shared by registration, the create-users wizard and the profile. */
public final class UserFields {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    public static final int NICKNAME_MAX = 64;
    public static final int PHONE_MAX = ContactFields.PHONE_MAX;
    public static final int EMAIL_MAX = ContactFields.EMAIL_MAX;
    public static final int DESCRIPTION_MAX = 255;
    public static final int MAX_JOB_HOURS_LIMIT = 10_000;

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.-]*");

    private UserFields() {
    }

    /**
     * Names the platform itself acts or is known under: the operation log writes the platform's own work as "system"
     * (SystemTask.SYSTEM), and an account called "root" or "admin" would pass for the platform's administrator in
     * lists and logs.
     */
    public static final Set<String> PLATFORM_NAMES = Set.of("system", "root", "admin", "administrator",
            "gantry", "anonymous");

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

    /**
     * A name that no new account may take: the platform's own names and the configured administrator's name (which
     * need not be "admin").
     */
    public static Optional<String> reservedProblem(String username, String administratorName) {
        if (username == null) {
            return Optional.empty();
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        return PLATFORM_NAMES.contains(name) || name.equals(administratorName.strip().toLowerCase(Locale.ROOT))
                ? Optional.of("user.username.reserved") : Optional.empty();
    }

    public static Optional<String> nicknameProblem(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            return Optional.of("user.nickname.required");
        }
        if (nickname.length() > NICKNAME_MAX) {
            return Optional.of("user.nickname.length");
        }
        return Names.problem(nickname);
    }

    public static Optional<String> phoneProblem(String phone) {
        return ContactFields.phoneProblem(phone);
    }

    public static Optional<String> emailProblem(String email) {
        return ContactFields.emailProblem(email);
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
