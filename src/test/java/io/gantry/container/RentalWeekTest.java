package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.container.RentalWeek.Mark;
import io.gantry.container.RentalWeek.Stretch;
import io.gantry.workload.RentedHour;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RentalWeekTest {

    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    static final long A100 = 1;
    static final long ASCEND = 2;

    static RentedHour rented(long spec, int hour, String deviceHours) {
        return new RentedHour(spec, FROM.plus(Duration.ofHours(hour)), new BigDecimal(deviceHours));
    }

    @Nested
    class Hours {

        @Test
        void everyHourOfTheWindowIsThereAndAnHourWithoutRentalIsZero() {
            RentalWeek week = RentalWeek.of(FROM, 4, List.of(A100), List.of(rented(A100, 2, "1.5")));

            assertThat(week.hours()).containsExactly(FROM, FROM.plusSeconds(3600), FROM.plusSeconds(7200),
                    FROM.plusSeconds(10800));
            assertThat(week.perSpec().get(A100)).containsExactly(BigDecimal.ZERO, BigDecimal.ZERO,
                    new BigDecimal("1.5"), BigDecimal.ZERO);
        }

        @Test
        void totalsAddTheSpecsAndSpecsFollowTheGivenOrderOnlyWhenRented() {
            RentalWeek week = RentalWeek.of(FROM, 2, List.of(ASCEND, 99L, A100),
                    List.of(rented(A100, 0, "2"), rented(ASCEND, 0, "0.5"), rented(A100, 1, "1")));

            assertThat(week.perSpec().keySet()).containsExactly(ASCEND, A100);
            assertThat(week.totals()).containsExactly(new BigDecimal("2.5"), new BigDecimal("1"));
        }

        @Test
        void hoursOutsideTheWindowAreLeftOut() {
            RentalWeek week = RentalWeek.of(FROM, 2, List.of(A100),
                    List.of(rented(A100, -1, "4"), rented(A100, 2, "4"), rented(A100, 1, "1")));

            assertThat(week.totals()).containsExactly(BigDecimal.ZERO, new BigDecimal("1"));
        }

        @Test
        void aWindowWithoutRentalIsEmptyAndMarksNothing() {
            RentalWeek week = RentalWeek.of(FROM, 3, List.of(A100), List.of());

            assertThat(week.isEmpty()).isTrue();
            assertThat(week.busiest()).isZero();
            assertThat(week.marks()).containsOnly(Mark.NONE);
        }
    }

    @Nested
    class PeaksAndQuietHours {

        @Test
        void aPeakIsAtLeastFourFifthsOfTheBusiestHourAndAQuietHourAtMostAFifth() {
            RentalWeek week = RentalWeek.of(FROM, 6, List.of(A100), List.of(rented(A100, 0, "10"),
                    rented(A100, 1, "8"), rented(A100, 2, "7.9"), rented(A100, 3, "2.1"), rented(A100, 4, "2")));

            assertThat(week.busiest()).isEqualByComparingTo("10");
            assertThat(week.marks()).containsExactly(Mark.PEAK, Mark.PEAK, Mark.NONE, Mark.NONE, Mark.QUIET,
                    Mark.QUIET);
        }

        @Test
        void consecutiveMarkedHoursMakeOneStretch() {
            RentalWeek week = RentalWeek.of(FROM, 5, List.of(A100), List.of(rented(A100, 1, "4"),
                    rented(A100, 2, "4"), rented(A100, 4, "4")));

            assertThat(week.stretches(Mark.PEAK)).containsExactly(
                    new Stretch(Mark.PEAK, FROM.plusSeconds(3600), FROM.plusSeconds(3 * 3600)),
                    new Stretch(Mark.PEAK, FROM.plusSeconds(4 * 3600), FROM.plusSeconds(5 * 3600)));
            assertThat(week.stretches(Mark.QUIET)).containsExactly(
                    new Stretch(Mark.QUIET, FROM, FROM.plusSeconds(3600)),
                    new Stretch(Mark.QUIET, FROM.plusSeconds(3 * 3600), FROM.plusSeconds(4 * 3600)));
        }
    }
}
