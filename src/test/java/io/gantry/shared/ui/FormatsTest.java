package io.gantry.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Nested
    class Money {

        @Test
        void showsExactlyTheCurrencysDigitsAndItsCode() {
            assertThat(Formats.money(new java.math.BigDecimal("1234.5"), java.util.Currency.getInstance("CNY"),
                    Locale.ENGLISH)).isEqualTo("1,234.50 CNY");
            assertThat(Formats.money(new java.math.BigDecimal("1234"), java.util.Currency.getInstance("JPY"),
                    Locale.ENGLISH)).isEqualTo("1,234 JPY");
        }
    }

    @Nested
    class Memory {

        @Test
        void groupsThousandsAndDropsAWholeNumbersDecimal() {
            assertThat(Formats.gib(1024L * 1024, Locale.ENGLISH)).isEqualTo("1,024");
            assertThat(Formats.gib(80 * 1024, Locale.ENGLISH)).isEqualTo("80");
        }

        @Test
        void roundsHalfUpToOneDecimal() {
            assertThat(Formats.gib(1536, Locale.ENGLISH)).isEqualTo("1.5");
            assertThat(Formats.gib(400, Locale.ENGLISH)).isEqualTo("0.4");
            // 0.25 GiB and 7.75 GiB: exactly half way, so up
            assertThat(Formats.gib(256, Locale.ENGLISH)).isEqualTo("0.3");
            assertThat(Formats.gib(7936, Locale.ENGLISH)).isEqualTo("7.8");
            assertThat(Formats.gib(0, Locale.ENGLISH)).isEqualTo("0");
        }

        @Test
        void followsTheLanguagesSeparators() {
            assertThat(Formats.gib(1024L * 1024 + 512, Locale.GERMAN)).isEqualTo("1.024,5");
            assertThat(Formats.gib(1024L * 1024 + 512, Locale.SIMPLIFIED_CHINESE)).isEqualTo("1,024.5");
        }
    }

    @Test
    void countsAreGrouped() {
        assertThat(Formats.count(1234567, Locale.ENGLISH)).isEqualTo("1,234,567");
        assertThat(Formats.count(1, Locale.TRADITIONAL_CHINESE)).isEqualTo("1");
    }

    @Test
    void addressesAreShownInTheirShortForm() {
        assertThat(Formats.address("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(Formats.address("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
