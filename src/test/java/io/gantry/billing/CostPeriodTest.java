package io.gantry.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CostPeriodTest {

    @Test
    void anIsoWeekStartsOnMondayAndBelongsToTheYearOfItsThursday() {
        LocalDate newYearsEve = LocalDate.parse("2024-12-31");
        assertThat(CostPeriod.WEEK.start(newYearsEve)).isEqualTo("2024-12-30");
        assertThat(CostPeriod.WEEK.label(CostPeriod.WEEK.start(newYearsEve))).isEqualTo("2025-W01");
        // 2026 ends on a Thursday: its last week is its 53rd, and reaches into 2027.
        assertThat(CostPeriod.WEEK.label(CostPeriod.WEEK.start(LocalDate.parse("2027-01-03")))).isEqualTo("2026-W53");
        assertThat(CostPeriod.WEEK.start(LocalDate.parse("2026-03-02"))).isEqualTo("2026-03-02");
    }

    @Test
    void monthsAndYearsAreCalendarOnes() {
        assertThat(CostPeriod.MONTH.start(LocalDate.parse("2024-02-29"))).isEqualTo("2024-02-01");
        assertThat(CostPeriod.MONTH.label(LocalDate.parse("2024-02-01"))).isEqualTo("2024-02");
        assertThat(CostPeriod.YEAR.start(LocalDate.parse("2024-12-31"))).isEqualTo("2024-01-01");
        assertThat(CostPeriod.YEAR.label(LocalDate.parse("2024-01-01"))).isEqualTo("2024");
    }

    @Test
    void theStartsOfARangeCoverItsFirstAndLastDays() {
        assertThat(CostPeriod.WEEK.starts(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-12")))
                .extracting(LocalDate::toString).containsExactly("2025-12-29", "2026-01-05", "2026-01-12");
        assertThat(CostPeriod.MONTH.starts(LocalDate.parse("2025-11-30"), LocalDate.parse("2026-01-01")))
                .extracting(LocalDate::toString).containsExactly("2025-11-01", "2025-12-01", "2026-01-01");
        assertThat(CostPeriod.YEAR.starts(LocalDate.parse("2026-05-05"), LocalDate.parse("2026-05-05")))
                .extracting(LocalDate::toString).containsExactly("2026-01-01");
    }
}
