package io.gantry.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The strength rules every password must meet: 8 to 64 characters, at least three of the four character classes
 * (lower case, upper case, digit, symbol), and not containing the username. Returns the i18n keys of the rules broken.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;
    public static final int MIN_CLASSES = 3;

    private PasswordPolicy() {
    }

    public static List<String> violations(String password, String username) {
        List<String> broken = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            broken.add("password.rule.too-short");
            return broken;
        }
        if (password.length() > MAX_LENGTH) {
            broken.add("password.rule.too-long");
        }
        if (characterClasses(password) < MIN_CLASSES) {
            broken.add("password.rule.classes");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            broken.add("password.rule.contains-username");
        }
        return broken;
    }

    static int characterClasses(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (!Character.isWhitespace(c)) {
                symbol = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
