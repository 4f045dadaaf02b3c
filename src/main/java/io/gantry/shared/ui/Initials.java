package io.gantry.shared.ui;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The letters an avatar shows for a name: the first character of its first two words. A character is a whole
 * grapheme (a letter with its accents, an emoji with its modifiers), never half of a surrogate pair, which the
 * browser's own avatar would draw as "�".
 */
public final class Initials {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final int MAX = 2;

    private Initials() {
    }

    public static String of(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        StringBuilder initials = new StringBuilder();
        int taken = 0;
        for (String word : name.strip().split("\\s+")) {
            Matcher first = GRAPHEME.matcher(word);
            if (first.find()) {
                initials.append(first.group().toUpperCase(Locale.ROOT));
                if (++taken == MAX) {
                    break;
                }
            }
        }
        return initials.toString();
    }
}
