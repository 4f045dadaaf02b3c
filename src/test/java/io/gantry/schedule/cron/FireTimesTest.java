package io.gantry.schedule.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Fire times in a schedule's zone, from Quartz. Across daylight-saving changes each wall-clock time fires at most once:
 * a time the spring change skips does not fire that day, and a time the autumn change repeats fires once, at its
 * second (standard-time) occurrence.
 */
class FireTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String DAILY_AT_20 = new Trigger.Daily(LocalTime.of(20, 0)).cron();
    private static final String EVERY_30_MINUTES = new Trigger.EveryMinutes(30).cron();

    private static Instant instant(String text) {
        return Instant.parse(text);
    }

    private static List<String> offsets(List<ZonedDateTime> fires) {
        return fires.stream().map(ZonedDateTime::toOffsetDateTime).map(Object::toString).toList();
    }

    @Nested
    class AcrossDaylightSaving {

        @Test
        void aDailyTimeKeepsItsWallClockTimeWhenBerlinMovesToSummerTime() {
            List<ZonedDateTime> fires = FireTimes.next(DAILY_AT_20, BERLIN, instant("2026-03-27T12:00:00Z"), null,
                    null, 3);
            assertThat(offsets(fires)).containsExactly("2026-03-27T20:00+01:00", "2026-03-28T20:00+01:00",
                    "2026-03-29T20:00+02:00");
            assertThat(fires).allSatisfy(fire -> assertThat(fire.getZone()).isEqualTo(BERLIN));
        }

        @Test
        void theHourBerlinSkipsInSpringDoesNotFire() {
            assertThat(offsets(FireTimes.next(EVERY_30_MINUTES, BERLIN, instant("2026-03-28T23:45:00Z"), null, null,
                    4))).containsExactly("2026-03-29T01:00+01:00", "2026-03-29T01:30+01:00",
                    "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00");
            // 02:30 does not exist on 29 March: the daily fire at 02:30 is missing that day.
            assertThat(offsets(FireTimes.next(new Trigger.Daily(LocalTime.of(2, 30)).cron(), BERLIN,
                    instant("2026-03-27T12:00:00Z"), null, null, 2)))
                    .containsExactly("2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00");
        }

        @Test
        void theHourBerlinRepeatsInAutumnFiresOnce() {
            assertThat(offsets(FireTimes.next(EVERY_30_MINUTES, BERLIN, instant("2026-10-24T23:15:00Z"), null, null,
                    4))).containsExactly("2026-10-25T01:30+02:00", "2026-10-25T02:00+01:00",
                    "2026-10-25T02:30+01:00", "2026-10-25T03:00+01:00");
            assertThat(offsets(FireTimes.next(new Trigger.Daily(LocalTime.of(2, 30)).cron(), BERLIN,
                    instant("2026-10-24T12:00:00Z"), null, null, 2)))
                    .containsExactly("2026-10-25T02:30+01:00", "2026-10-26T02:30+01:00");
        }

        @Test
        void newYorkChangesOnItsOwnDates() {
            assertThat(offsets(FireTimes.next(DAILY_AT_20, NEW_YORK, instant("2026-03-07T12:00:00Z"), null, null,
                    3))).containsExactly("2026-03-07T20:00-05:00", "2026-03-08T20:00-04:00",
                    "2026-03-09T20:00-04:00");
            assertThat(offsets(FireTimes.next(new Trigger.Daily(LocalTime.of(1, 30)).cron(), NEW_YORK,
                    instant("2026-10-31T12:00:00Z"), null, null, 2)))
                    .containsExactly("2026-11-01T01:30-05:00", "2026-11-02T01:30-05:00");
        }

        @Test
        void taipeiHasNoChange() {
            assertThat(offsets(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-03-28T12:00:00Z"), null, null, 2)))
                    .containsExactly("2026-03-29T20:00+08:00", "2026-03-30T20:00+08:00");
        }
    }

    @Nested
    class StartAndEnd {

        @Test
        void firesNothingBeforeTheStartButAtItExactly() {
            Instant start = instant("2026-05-03T12:00:00Z");
            assertThat(offsets(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-05-01T00:00:00Z"), start, null, 2)))
                    .containsExactly("2026-05-03T20:00+08:00", "2026-05-04T20:00+08:00");
            assertThat(offsets(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-05-01T00:00:00Z"),
                    start.plusMillis(1), null, 1))).containsExactly("2026-05-04T20:00+08:00");
        }

        @Test
        void aStartAlreadyPassedChangesNothing() {
            assertThat(offsets(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-05-03T12:00:00Z"),
                    instant("2026-01-01T00:00:00Z"), null, 1))).containsExactly("2026-05-04T20:00+08:00");
        }

        @Test
        void firesNothingAfterTheEndButAtItExactly() {
            Instant end = instant("2026-05-04T12:00:00Z");
            assertThat(offsets(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-05-01T13:00:00Z"), null, end, 5)))
                    .containsExactly("2026-05-02T20:00+08:00", "2026-05-03T20:00+08:00", "2026-05-04T20:00+08:00");
            assertThat(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-05-01T13:00:00Z"), null,
                    end.minusSeconds(1), 5)).hasSize(2);
        }

        @Test
        void anEndBeforeTheStartFiresNever() {
            assertThat(FireTimes.next(DAILY_AT_20, TAIPEI, instant("2026-05-01T00:00:00Z"),
                    instant("2026-06-01T00:00:00Z"), instant("2026-05-15T00:00:00Z"), 5)).isEmpty();
        }

        @Test
        void stopsWhenTheExpressionDoes() {
            assertThat(offsets(FireTimes.next("0 0 12 1 1 ? 2027-2028", TAIPEI, instant("2026-05-01T00:00:00Z"),
                    null, null, 5))).containsExactly("2027-01-01T12:00+08:00", "2028-01-01T12:00+08:00");
        }
    }

    @Nested
    class Between {

        private final String everyMinute = new Trigger.EveryMinutes(1).cron();

        @Test
        void excludesTheFromAndIncludesTheTo() {
            assertThat(FireTimes.between(everyMinute, BERLIN, instant("2026-05-01T10:00:00Z"),
                    instant("2026-05-01T10:03:00Z"), null, null)).containsExactly(instant("2026-05-01T10:01:00Z"),
                    instant("2026-05-01T10:02:00Z"), instant("2026-05-01T10:03:00Z"));
        }

        @Test
        void keepsWithinStartAndEnd() {
            assertThat(FireTimes.between(everyMinute, BERLIN, instant("2026-05-01T10:00:00Z"),
                    instant("2026-05-01T10:10:00Z"), instant("2026-05-01T10:04:00Z"), instant("2026-05-01T10:06:00Z")))
                    .containsExactly(instant("2026-05-01T10:04:00Z"), instant("2026-05-01T10:05:00Z"),
                            instant("2026-05-01T10:06:00Z"));
        }

        @Test
        void findsTheSameFiresAsNextAcrossTheAutumnChange() {
            Instant from = instant("2026-10-24T22:00:00Z");
            List<Instant> between = FireTimes.between(EVERY_30_MINUTES, BERLIN, from, instant("2026-10-25T04:00:00Z"),
                    null, null);
            assertThat(between).isEqualTo(FireTimes.next(EVERY_30_MINUTES, BERLIN, from, null, null, between.size())
                    .stream().map(ZonedDateTime::toInstant).toList());
            assertThat(between).hasSize(10);
        }

        @Test
        void keepsTheLatestFiresAfterALongOutage() {
            Instant to = instant("2026-05-10T00:00:00Z");
            List<Instant> fires = FireTimes.between(everyMinute, TAIPEI, instant("2026-05-01T00:00:00Z"), to, null,
                    null);
            assertThat(fires).hasSize(FireTimes.MAX_BETWEEN);
            assertThat(fires.getLast()).isEqualTo(to);
            assertThat(fires.getFirst()).isEqualTo(to.minusSeconds(60L * (FireTimes.MAX_BETWEEN - 1)));
        }
    }

    @Test
    void refusesAnInvalidExpression() {
        assertThatThrownBy(() -> FireTimes.next("0 0 25 * * ?", TAIPEI, Instant.EPOCH, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Hour");
    }
}
