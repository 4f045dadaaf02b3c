package io.gantry.shared;

import java.util.Optional;
import java.util.Set;

/**
 * The rule every name a user gives shares (accounts, nicknames, groups, roles, projects, images, keys, whitelists,
 * containers): no control or invisible formatting characters. A Unicode direction override (U+202E) makes a name
 * read differently from what it is, so that one thing passes for another in lists, logs and confirmations;
 * zero-width and control characters make two names look alike or break a log line.
 */
public final class Names {

    /** The i18n key of the field message. */
    public static final String CONTROL_CHARACTERS = "field.control-characters";

    private Names() {
    }

    /** The i18n key of the problem, if the name holds a character no name may hold; null is no problem here. */
    public static Optional<String> problem(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return name.codePoints().anyMatch(Names::refused) ? Optional.of(CONTROL_CHARACTERS) : Optional.empty();
    }

    /**
     * Letters that draw nothing (Hangul fillers, the Braille blank): Unicode counts them as letters or symbols, so
     * their general category lets them through, yet a name made of them looks empty or like another.
     */
    private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0,
            0x2800);

    private static boolean refused(int codePoint) {
        if (BLANK_LETTERS.contains(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            // Cc (tabs, new lines, escapes), Cf (direction overrides and isolates, zero-width characters, BOM),
            // line and paragraph separators, lone surrogates, private use and unassigned code points.
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
