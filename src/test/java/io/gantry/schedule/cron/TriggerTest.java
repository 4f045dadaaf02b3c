package io.gantry.schedule.cron;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each kind of trigger writes the cron expression that fires when the editor says it does. */
class TriggerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Taipei");
    /** A Saturday, 10:07 in Taipei. */
    private static final Instant NOW = Instant.parse("2026-03-14T02:07:00Z");

    private static List<LocalDateTime> nextFires(Trigger trigger, int count) {
        return FireTimes.next(trigger.cron(), ZONE, NOW, null, null, count).stream()
                .map(ZonedDateTime::toLocalDateTime).toList();
    }

    private static LocalDateTime at(String localDateTime) {
        return LocalDateTime.parse(localDateTime);
    }

    @Nested
    class EveryMinutes {

        @Test
        void firesEveryNMinutesFromTheTopOfTheHour() {
            Trigger every15 = new Trigger.EveryMinutes(15);
            assertThat(every15.cron()).isEqualTo("0 0/15 * * * ?");
            assertThat(nextFires(every15, 4)).containsExactly(at("2026-03-14T10:15"), at("2026-03-14T10:30"),
                    at("2026-03-14T10:45"), at("2026-03-14T11:00"));
        }

        @Test
        void startsAgainAtTheTopOfEachHourWhenTheMinutesDoNotDivideIt() {
            assertThat(nextFires(new Trigger.EveryMinutes(25), 3)).containsExactly(at("2026-03-14T10:25"),
                    at("2026-03-14T10:50"), at("2026-03-14T11:00"));
        }

        @Test
        void refusesMinutesOutsideOneTo59() {
            assertThatThrownBy(() -> new Trigger.EveryMinutes(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Trigger.EveryMinutes(60)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new Trigger.EveryMinutes(59).cron()).isEqualTo("0 0/59 * * * ?");
        }
    }

    @Nested
    class Hourly {

        @Test
        void firesEveryHourAtItsMinute() {
            Trigger hourly = new Trigger.Hourly(5);
            assertThat(hourly.cron()).isEqualTo("0 5 * * * ?");
            assertThat(nextFires(hourly, 2)).containsExactly(at("2026-03-14T11:05"), at("2026-03-14T12:05"));
        }

        @Test
        void refusesMinutesOutsideZeroTo59() {
            assertThatThrownBy(() -> new Trigger.Hourly(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Trigger.Hourly(60)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new Trigger.Hourly(0).cron()).isEqualTo("0 0 * * * ?");
        }
    }

    @Nested
    class Daily {

        @Test
        void firesEveryDayAtItsTime() {
            Trigger daily = new Trigger.Daily(LocalTime.of(20, 0));
            assertThat(daily.cron()).isEqualTo("0 0 20 * * ?");
            assertThat(nextFires(daily, 2)).containsExactly(at("2026-03-14T20:00"), at("2026-03-15T20:00"));
        }

        @Test
        void keepsTheTimeToTheMinute() {
            assertThat(new Trigger.Daily(LocalTime.of(9, 30, 45))).isEqualTo(new Trigger.Daily(LocalTime.of(9, 30)));
        }

        @Test
        void needsATime() {
            assertThatThrownBy(() -> new Trigger.Daily(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Weekly {

        @Test
        void firesOnItsDaysAtItsTimeWithTheDaysInWeekOrder() {
            Trigger weekly = new Trigger.Weekly(Set.of(WEDNESDAY, MONDAY), LocalTime.of(9, 30));
            assertThat(weekly.cron()).isEqualTo("0 30 9 ? * MON,WED");
            assertThat(nextFires(weekly, 3)).containsExactly(at("2026-03-16T09:30"), at("2026-03-18T09:30"),
                    at("2026-03-23T09:30"));
        }

        @Test
        void namesEveryDayAsQuartzDoes() {
            Trigger weekend = new Trigger.Weekly(Set.of(SUNDAY, FRIDAY), LocalTime.of(23, 59));
            assertThat(weekend.cron()).isEqualTo("0 59 23 ? * FRI,SUN");
            assertThat(nextFires(weekend, 2)).containsExactly(at("2026-03-15T23:59"), at("2026-03-20T23:59"));
        }

        @Test
        void needsAtLeastOneDay() {
            assertThatThrownBy(() -> new Trigger.Weekly(Set.of(), LocalTime.NOON))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Monthly {

        @Test
        void firesOnItsDayOfEachMonth() {
            Trigger monthly = new Trigger.Monthly(1, LocalTime.of(8, 0));
            assertThat(monthly.cron()).isEqualTo("0 0 8 1 * ?");
            assertThat(nextFires(monthly, 2)).containsExactly(at("2026-04-01T08:00"), at("2026-05-01T08:00"));
        }

        @Test
        void skipsMonthsWithoutItsDay() {
            assertThat(nextFires(new Trigger.Monthly(31, LocalTime.of(8, 0)), 3)).containsExactly(
                    at("2026-03-31T08:00"), at("2026-05-31T08:00"), at("2026-07-31T08:00"));
        }

        @Test
        void refusesDaysOutsideOneTo31() {
            assertThatThrownBy(() -> new Trigger.Monthly(0, LocalTime.NOON))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Trigger.Monthly(32, LocalTime.NOON))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Cron {

        @Test
        void isTheExpressionAsWrittenWithoutSurroundingSpaces() {
            assertThat(new Trigger.Cron("  0 15 10 ? * MON-FRI ").cron()).isEqualTo("0 15 10 ? * MON-FRI");
        }
    }
}
