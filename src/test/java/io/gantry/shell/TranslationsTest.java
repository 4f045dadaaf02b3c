package io.gantry.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.identity.Language;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every message goes through the same formatting, whether it is given arguments or not. */
class TranslationsTest {

    private final Translations translations = new Translations();

    @ParameterizedTest
    @EnumSource(Language.class)
    void noMessageShowsADoubledApostropheOrLosesOne(Language language) throws IOException {
        Properties bundle = bundle(language);
        for (String key : bundle.stringPropertyNames()) {
            String pattern = bundle.getProperty(key);
            // An apostrophe must be written twice in a pattern; a single one would quote text and vanish.
            assertThat(pattern.replace("''", "")).as(key).doesNotContain("'");
            String withoutArguments = translations.getTranslation(key, language.locale());
            String withArguments = translations.getTranslation(key, language.locale(), 1, 2, 3, 4, 5, 6,
                    7, 8);
            assertThat(withoutArguments).as(key).doesNotContain("''");
            assertThat(withArguments).as(key).doesNotContain("''");
            assertThat(pattern.contains("{") ? withArguments : withoutArguments).as(key)
                    .contains(pattern.contains("''") ? "'" : "");
        }
    }

    private static Properties bundle(Language language) throws IOException {
        String suffix = language == Language.EN ? "" : "_" + language.locale().toString();
        Properties properties = new Properties();
        try (var in = TranslationsTest.class.getResourceAsStream("/vaadin-i18n/translations" + suffix
                + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
