package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.github.houbb.opencc4j.util.ZhConverterUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TranslationBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private static Properties load(String suffix) throws IOException {
        Properties properties = new Properties();
        try (var in = TranslationBundlesTest.class.getResourceAsStream("/vaadin-i18n/translations" + suffix
                + ".properties")) {
            assertThat(in).as("bundle " + suffix).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"_zh_CN", "_zh_TW"})
    void chineseBundlesCarryTheSameKeysAndPlaceholdersAsEnglish(String suffix) throws IOException {
        Properties english = load("");
        Properties chinese = load(suffix);
        assertThat(new TreeSet<>(chinese.stringPropertyNames()))
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(chinese.getProperty(key))).as(key)
                    .isEqualTo(placeholders(english.getProperty(key)));
            // Every pattern must survive MessageFormat: a stray apostrophe would silently swallow a placeholder.
            Object[] arguments = {"A", "B", "C", "D"};
            String formatted = new MessageFormat(chinese.getProperty(key), Locale.ROOT).format(arguments);
            assertThat(formatted).as(key).doesNotContain("{0}");
        }
    }

    /**
     * Traditional Chinese values hold no character whose Traditional forms (per OpenCC) exclude itself, i.e. no
     * Simplified-only character; characters written the same in both scripts pass.
     */
    @Test
    void traditionalChineseHoldsNoSimplifiedOnlyCharacter() throws IOException {
        assertThat(foreignCharacters(load("_zh_TW"), ZhConverterUtil::toTraditional)).isEmpty();
    }

    @Test
    void simplifiedChineseHoldsNoTraditionalOnlyCharacter() throws IOException {
        assertThat(foreignCharacters(load("_zh_CN"), ZhConverterUtil::toSimple)).isEmpty();
    }

    /** Keys whose values are in the other script on purpose: the language switch shows each language as it writes. */
    private static final Set<String> OWN_SCRIPT_KEYS = Set.of("language.zh-CN", "language.zh-TW");

    /**
     * Characters OpenCC converts although both scripts use them: 群 and 峰 (OpenCC's Traditional forms are the variants
     * 羣 and 峯, while Taiwan's standard forms are 群 and 峰, as in AI-Stack's own 高峰與離峰期).
     */
    private static final Set<Character> USED_IN_BOTH = Set.of('群', '峰');

    /** Each character of the bundle's values that the other script's conversion would change, with a key using it. */
    private static Map<Character, String> foreignCharacters(Properties bundle,
                                                           java.util.function.Function<Character, List<String>> toOwn) {
        Map<Character, String> found = new TreeMap<>();
        for (String key : bundle.stringPropertyNames()) {
            if (OWN_SCRIPT_KEYS.contains(key)) {
                continue;
            }
            for (char c : bundle.getProperty(key).toCharArray()) {
                if (!ZhConverterUtil.isChinese(c) || USED_IN_BOTH.contains(c)) {
                    continue;
                }
                List<String> ownForms = toOwn.apply(c);
                if (ownForms != null && !ownForms.isEmpty() && !ownForms.contains(String.valueOf(c))) {
                    found.putIfAbsent(c, key + " -> " + ownForms);
                }
            }
        }
        return found;
    }

    private static Set<String> placeholders(String value) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
