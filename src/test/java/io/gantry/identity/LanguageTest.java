package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            en-US, EN
            de-DE, EN
            zh-CN, ZH_CN
            zh, ZH_CN
            zh-SG, ZH_CN
            zh-TW, ZH_TW
            zh-HK, ZH_TW
            zh-Hant-TW, ZH_TW
            zh-Hans-CN, ZH_CN
            """)
    void mapsEveryLocaleToTheClosestSupportedLanguage(String tag, Language expected) {
        assertThat(Language.closestTo(Locale.forLanguageTag(tag))).isEqualTo(expected);
    }
}
