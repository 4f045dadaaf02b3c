package io.gantry.identity;

/**
 * A user's personal settings (Apulis 3.14, AI-Stack 八.8). A null language means "the browser's".
 *
 * @param refreshSeconds how often auto-refreshing lists reload; 0 turns refreshing off
 */
public record Preferences(Theme theme, Language language, int refreshSeconds) {

    public static final int[] REFRESH_CHOICES = {0, 5, 10, 30, 60};
    public static final Preferences DEFAULT = new Preferences(Theme.SYSTEM, null, 30);
}
