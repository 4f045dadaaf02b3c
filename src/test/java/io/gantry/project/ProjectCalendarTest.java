package io.gantry.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A project is open from its start date through its end date, judged on the day in Gantry's zone. */
class ProjectCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Project YEAR_2026 = new Project(1, "p", null, LocalDate.parse("2026-01-01"),
            LocalDate.parse("2026-12-31"), ProjectLimits.NONE, Instant.EPOCH);

    @Nested
    class AtTheDayBoundaryInGantrysZone {

        /** 2026-12-31 23:59:59 in Shanghai, still the afternoon of the same day in UTC. */
        final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-31T15:59:59Z"));
        final ProjectCalendar calendar = new ProjectCalendar(clock, SHANGHAI);

        @Test
        void theLastSecondOfTheEndDateIsStillOpen() {
            assertThat(calendar.today()).isEqualTo(LocalDate.parse("2026-12-31"));
            assertThat(calendar.statusOf(YEAR_2026)).isEqualTo(ProjectStatus.EXPIRING);
            assertThat(calendar.statusOf(YEAR_2026).open()).isTrue();
        }

        @Test
        void midnightInGantrysZoneClosesItWhateverTheDayElsewhere() {
            clock.advance(Duration.ofSeconds(1));

            assertThat(calendar.today()).isEqualTo(LocalDate.parse("2027-01-01"));
            assertThat(calendar.statusOf(YEAR_2026)).isEqualTo(ProjectStatus.EXPIRED);
            assertThat(calendar.statusOf(YEAR_2026).open()).isFalse();
            // In UTC (a browser there, or a server on UTC) it is still the 31st: the zone decides, once.
            assertThat(new ProjectCalendar(clock, ZoneOffset.UTC).statusOf(YEAR_2026).open()).isTrue();
        }

        @Test
        void theStartDateOpensItAtMidnightInGantrysZone() {
            Project next = new Project(2, "q", null, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-06-30"),
                    ProjectLimits.NONE, Instant.EPOCH);
            assertThat(calendar.statusOf(next)).isEqualTo(ProjectStatus.NOT_STARTED);

            clock.advance(Duration.ofSeconds(1));

            assertThat(calendar.statusOf(next)).isEqualTo(ProjectStatus.ACTIVE);
        }
    }

    @Nested
    class StatusOnADay {

        @Test
        void expiringFromAWeekBeforeTheEndDate() {
            assertThat(ProjectStatus.of(YEAR_2026, LocalDate.parse("2026-12-23"))).isEqualTo(ProjectStatus.ACTIVE);
            assertThat(ProjectStatus.of(YEAR_2026, LocalDate.parse("2026-12-24"))).isEqualTo(ProjectStatus.EXPIRING);
        }

        @Test
        void aOneDayProjectIsOpenOnlyOnThatDay() {
            Project oneDay = new Project(3, "d", null, LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-01"),
                    ProjectLimits.NONE, Instant.EPOCH);
            assertThat(oneDay.isOpenOn(LocalDate.parse("2026-04-30"))).isFalse();
            assertThat(oneDay.isOpenOn(LocalDate.parse("2026-05-01"))).isTrue();
            assertThat(oneDay.isOpenOn(LocalDate.parse("2026-05-02"))).isFalse();
        }
    }
}
