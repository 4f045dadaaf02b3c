package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** English counts agree with their nouns: "1 device", "2 devices", never "1 devices". */
class CountMessagesTest {

    private static final Pattern ONE_WITH_PLURAL = Pattern.compile(
            "\\b1 (CPU )?(devices|cores|hours|days|seconds|users|members|people|nodes|requests|characters|rules"
                    + "|containers|tasks)\\b");
    private static final Pattern SEVERAL_WITH_SINGULAR = Pattern.compile(
            "\\b2 (CPU )?(device|core|hour|day|second|user|member|person|node|request|character|rule|container)\\b");

    @Test
    void everyEnglishMessageAgreesWithItsCounts() throws IOException {
        Properties english = english();
        for (String key : english.stringPropertyNames()) {
            String pattern = english.getProperty(key);
            if (!pattern.contains("{")) {
                continue;
            }
            assertThat(format(pattern, 1)).as(key).doesNotContainPattern(ONE_WITH_PLURAL);
            assertThat(format(pattern, 2)).as(key).doesNotContainPattern(SEVERAL_WITH_SINGULAR);
        }
    }

    @Test
    void countsAreGroupedAsEveryOtherNumber() throws IOException {
        String devices = english().getProperty("unit.devices");
        assertThat(format(devices, 1)).isEqualTo("1 device");
        assertThat(format(devices, 1024)).isEqualTo("1,024 devices");
        assertThat(format(devices, 0)).isEqualTo("0 devices");
    }

    private static Properties english() throws IOException {
        Properties english = new Properties();
        try (var in = CountMessagesTest.class.getResourceAsStream("/vaadin-i18n/translations.properties")) {
            english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return english;
    }

    private static String format(String pattern, int count) {
        Object[] arguments = new Object[8];
        Arrays.fill(arguments, count);
        return new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
    }
}
