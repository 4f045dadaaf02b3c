package io.gantry.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages Gantry speaks; each has a bundle under {@code vaadin-i18n/}. */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    ZH_TW("zh-TW", Locale.TRADITIONAL_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public static Optional<Language> ofTag(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(tag)).findFirst();
    }

    /** The closest supported language for a locale: Chinese by script or region, otherwise English. */
    public static Language closestTo(Locale locale) {
        if (locale == null || !"zh".equals(locale.getLanguage())) {
            return EN;
        }
        String script = locale.getScript();
        String country = locale.getCountry();
        if ("Hant".equals(script) || "TW".equals(country) || "HK".equals(country) || "MO".equals(country)) {
            return ZH_TW;
        }
        return ZH_CN;
    }
}
