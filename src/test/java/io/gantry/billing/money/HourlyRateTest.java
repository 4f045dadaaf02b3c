package io.gantry.billing.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class HourlyRateTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final UnitPrices PRICES = new UnitPrices(new BigDecimal("12.5000"), new BigDecimal("0.0500"),
            new BigDecimal("0.0100"));

    @Test
    void theRateIsDevicesAndCoresAndGibibytesAtTheirPricesExactly() {
        // 2 × 12.5 + 8 × 0.05 + 32 GiB × 0.01 = 25.72 per hour; 1536 MiB is 1.5 GiB exactly.
        assertThat(HourlyRate.of(PRICES, 2, 8, 32768, CNY).perHour()).isEqualByComparingTo("25.72");
        assertThat(HourlyRate.of(PRICES, 0, 0, 1536, CNY).perHour()).isEqualByComparingTo("0.015");
    }

    @Test
    void aFullMinuteCostsASixtiethOfTheHourRounded() {
        HourlyRate rate = HourlyRate.of(PRICES, 1, 0, 0, CNY);
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        // 12.5 / 60 = 0.208333…: rounded to 0.21 for the first minute's running total.
        assertThat(rate.chargeForMinute(start, null, start).amount()).isEqualByComparingTo("0.21");
        // The second minute is what brings the running total from 0.21 to 0.42 (0.416666… rounded).
        assertThat(rate.chargeForMinute(start, null, start.plusSeconds(60)).amount()).isEqualByComparingTo("0.21");
        // The third, from 0.42 to 0.63 (0.625 rounded half up).
        assertThat(rate.chargeForMinute(start, null, start.plusSeconds(120)).amount()).isEqualByComparingTo("0.21");
        // The fourth, from 0.63 to 0.83 (0.8333…): rounding never drifts from the whole.
        assertThat(rate.chargeForMinute(start, null, start.plusSeconds(180)).amount()).isEqualByComparingTo("0.20");
    }

    @Test
    void aPartialFirstAndLastMinuteCostTheirShare() {
        HourlyRate rate = HourlyRate.of(new UnitPrices(new BigDecimal("60"), BigDecimal.ZERO, BigDecimal.ZERO), 1, 0,
                0, CNY);
        Instant minute = Instant.parse("2026-12-03T10:00:00Z");
        // 1 per minute: started 15 s into the minute, it ran three quarters of it.
        assertThat(rate.chargeForMinute(minute.plusSeconds(15), null, minute).amount())
                .isEqualByComparingTo("0.75");
        // Ended 20 s into the next: a third of it.
        Instant end = minute.plusSeconds(80);
        assertThat(rate.chargeForMinute(minute.plusSeconds(15), end, minute.plusSeconds(60)).amount())
                .isEqualByComparingTo("0.33");
        // Not at all in the minute after its end, nor before its start.
        assertThat(rate.chargeForMinute(minute.plusSeconds(15), end, minute.plusSeconds(120)).isZero()).isTrue();
        assertThat(rate.chargeForMinute(minute.plusSeconds(15), end, minute.minusSeconds(60)).isZero()).isTrue();
    }

    @Test
    void theChargesOfARunAddUpToItsWholeCostRoundedOnce() {
        HourlyRate rate = HourlyRate.of(PRICES, 3, 7, 12345, CNY);
        Instant start = Instant.parse("2026-12-03T10:00:17.250Z");
        Instant end = start.plus(Duration.ofMinutes(137)).plusMillis(4321);
        Money sum = Money.zero(CNY);
        for (Instant minute = Instant.parse("2026-12-03T10:00:00Z"); minute.isBefore(end);
             minute = minute.plusSeconds(60)) {
            sum = sum.plus(rate.chargeForMinute(start, end, minute));
        }
        assertThat(sum).isEqualTo(rate.cost(Duration.between(start, end)));
    }

    @Test
    void theFirstHourIsWhatAnOrderNeedsInTheWallet() {
        assertThat(HourlyRate.of(PRICES, 1, 2, 4096, CNY).hour().amount()).isEqualByComparingTo("12.64");
    }
}
