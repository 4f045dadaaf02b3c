package io.gantry.shell;

import com.vaadin.flow.i18n.I18NProvider;
import io.gantry.identity.Language;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * Every visible string, from {@code vaadin-i18n/translations*.properties}: English (the default bundle), Simplified
 * and Traditional Chinese. Any locale maps to the closest of the three (zh-HK and zh-Hant to Traditional), never to
 * the JVM's own locale.
 */
@Component
class Translations implements I18NProvider {

    private static final String BUNDLE = "vaadin-i18n.translations";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return Arrays.stream(Language.values()).map(Language::locale).toList();
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Language language = Language.closestTo(locale);
        String pattern;
        try {
            pattern = bundle(language).getString(key);
        } catch (MissingResourceException missing) {
            return "!" + key;
        }
        // Always through MessageFormat, so that a doubled apostrophe reads as one with or without arguments.
        return new MessageFormat(pattern, language.locale()).format(params);
    }

    private static ResourceBundle bundle(Language language) {
        Locale locale = language == Language.EN ? Locale.ROOT : language.locale();
        return ResourceBundle.getBundle(BUNDLE, locale, Translations.class.getClassLoader(), NO_FALLBACK);
    }
}
