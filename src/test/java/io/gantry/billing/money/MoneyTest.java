package io.gantry.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void anExactAmountIsRoundedHalfUpToTheCurrencysDecimals() {
        assertThat(Money.rounded(new BigDecimal("0.005"), CNY).amount()).isEqualByComparingTo("0.01");
        assertThat(Money.rounded(new BigDecimal("0.00499999"), CNY).amount()).isEqualByComparingTo("0.00");
        assertThat(Money.rounded(new BigDecimal("2.5"), JPY).amount()).isEqualByComparingTo("3");
        assertThat(Money.rounded(new BigDecimal("-0.005"), CNY).amount()).isEqualByComparingTo("-0.01");
    }

    @Test
    void anAmountKeepsTheCurrencysScaleSoEqualAmountsAreEqual() {
        assertThat(new Money(new BigDecimal("12.5000"), CNY)).isEqualTo(new Money(new BigDecimal("12.50"), CNY));
        assertThat(new Money(new BigDecimal("12.5"), CNY).amount().scale()).isEqualTo(2);
    }

    @Test
    void anAmountWithMoreDecimalsThanItsCurrencyIsNotMoney() {
        assertThatThrownBy(() -> new Money(new BigDecimal("0.001"), CNY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void amountsInTwoCurrenciesDoNotAdd() {
        assertThatThrownBy(() -> Money.zero(CNY).plus(Money.zero(JPY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | REQUIRED", "'  ' | REQUIRED", "abc | NOT_A_NUMBER", "1,000 | NOT_A_NUMBER", "1e3 | NOT_A_NUMBER",
            "+5 | NOT_A_NUMBER", "0 | NOT_POSITIVE", "0.00 | NOT_POSITIVE", "-5 | NOT_POSITIVE",
            "1.005 | TOO_MANY_DECIMALS", "1000000000000 | TOO_LARGE"})
    void aTypedAmountThatCannotBeCreditedSaysWhy(String typed, Money.Refusal refusal) {
        Money.Parsed parsed = Money.parse(typed, CNY);
        assertThat(parsed.money()).isEmpty();
        assertThat(parsed.refusal()).contains(refusal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"100 | 100.00", " 12.5 | 12.50", "0.01 | 0.01", "7.100 | 7.10"})
    void aTypedAmountIsReadExactly(String typed, String expected) {
        assertThat(Money.parse(typed, CNY).money().orElseThrow().amount()).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void aCurrencyWithoutDecimalsRefusesCents() {
        assertThat(Money.parse("10.5", JPY).refusal()).contains(Money.Refusal.TOO_MANY_DECIMALS);
        assertThat(Money.parse("10", JPY).money().orElseThrow().amount()).isEqualTo(new BigDecimal("10"));
    }
}
