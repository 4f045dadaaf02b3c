package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.workload.TimeRules.Decision;
import io.gantry.workload.TimeRules.Due;
import io.gantry.workload.TimeRules.Nothing;
import io.gantry.workload.TimeRules.Phase;
import io.gantry.workload.TimeRules.Reason;
import io.gantry.workload.TimeRules.Start;
import io.gantry.workload.TimeRules.Stop;
import io.gantry.workload.TimeRules.Times;
import io.gantry.workload.TimeRules.Warn;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What is due for a live workload at a given instant; each row is one moment of one workload's life. */
class TimeRulesTest {

    /** When the workloads below really started. */
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Duration LEAD = TimeRules.DEFAULT_WARNING_LEAD;

    static Instant at(String offset) {
        return T0.plus(Duration.parse("PT" + offset));
    }

    /** A running workload's facts, built up row by row. */
    record Running(Instant endAt, Integer maxHours, Integer idleHours, Instant lastActivityAt,
                   Map<Reason, Instant> warnings) {

        static Running started() {
            return new Running(null, null, null, null, Map.of());
        }

        Running endingAt(Instant end) {
            return new Running(end, maxHours, idleHours, lastActivityAt, warnings);
        }

        Running lifetime(int hours) {
            return new Running(endAt, hours, idleHours, lastActivityAt, warnings);
        }

        Running idleReclaim(int hours) {
            return new Running(endAt, maxHours, hours, lastActivityAt, warnings);
        }

        Running activeAt(Instant activity) {
            return new Running(endAt, maxHours, idleHours, activity, warnings);
        }

        Running warned(Reason reason, Instant when) {
            Map<Reason, Instant> given = new EnumMap<>(Reason.class);
            given.putAll(warnings);
            given.put(reason, when);
            return new Running(endAt, maxHours, idleHours, lastActivityAt, given);
        }

        Times times() {
            return new Times(Phase.RUNNING, null, T0, endAt, maxHours, idleHours, lastActivityAt, warnings);
        }
    }

    static Arguments row(String what, Running workload, Instant now, Due due, Instant next) {
        return Arguments.of(what, workload, now, due, next);
    }

    static Warn warn(Reason reason, Instant at, Object... arguments) {
        return new Warn(reason, at, List.of(arguments));
    }

    static Stop stop(Reason reason, Instant at, Object... arguments) {
        return new Stop(reason, at, List.of(arguments));
    }

    static Stream<Arguments> runningRows() {
        Instant end = at("2H");
        Running ending = Running.started().endingAt(end);
        Running idle = Running.started().idleReclaim(2);
        return Stream.of(
                row("no end, no limits: nothing, ever", Running.started(), at("500H"), new Nothing(), null),

                // A chosen end time.
                row("end time ahead: look again when its warning is due", ending, at("1H"), new Nothing(),
                        end.minus(LEAD)),
                row("a second before the warning", ending, end.minus(LEAD).minusSeconds(1), new Nothing(),
                        end.minus(LEAD)),
                row("exactly a lead before the end: warn, naming the end", ending, end.minus(LEAD),
                        warn(Reason.END_TIME, end, end), end),
                row("warned: nothing until the end", ending.warned(Reason.END_TIME, end.minus(LEAD)),
                        end.minusSeconds(1), new Nothing(), end),
                row("exactly at the end: stop", ending.warned(Reason.END_TIME, end.minus(LEAD)), end,
                        stop(Reason.END_TIME, end, end), null),
                row("the end passed unseen: stop at once, the warning is too late", ending, at("3H"),
                        stop(Reason.END_TIME, end, end), null),
                row("lead longer than what is left: warn now, still stop on time",
                        Running.started().endingAt(at("5M")), T0, warn(Reason.END_TIME, at("5M"), at("5M")),
                        at("5M")),

                // The project's lifetime limit.
                row("lifetime limit ahead", Running.started().lifetime(4), at("3H"), new Nothing(),
                        at("4H").minus(LEAD)),
                row("lifetime warning names the time and the limit", Running.started().lifetime(4),
                        at("3H50M"), warn(Reason.LIFETIME, at("4H"), at("4H"), 4), at("4H")),
                row("exactly at the lifetime limit: stop", Running.started().lifetime(4)
                        .warned(Reason.LIFETIME, at("3H50M")), at("4H"), stop(Reason.LIFETIME, at("4H"), 4), null),
                row("a limit shorter than the chosen end wins the warning", Running.started().endingAt(at("3H"))
                        .lifetime(1), at("50M"), warn(Reason.LIFETIME, at("1H"), at("1H"), 1), at("1H")),
                row("a limit shorter than the chosen end wins the stop", Running.started().endingAt(at("3H"))
                        .lifetime(1).warned(Reason.LIFETIME, at("50M")), at("1H"),
                        stop(Reason.LIFETIME, at("1H"), 1), null),
                row("an end before the limit wins", Running.started().endingAt(at("1H")).lifetime(4), at("50M"),
                        warn(Reason.END_TIME, at("1H"), at("1H")), at("1H")),
                row("an end at the limit reads as the end time", Running.started().endingAt(at("1H")).lifetime(1),
                        at("1H"), stop(Reason.END_TIME, at("1H"), at("1H")), null),
                row("a warning given for one reason does not cover another, earlier one",
                        Running.started().endingAt(at("3H")).warned(Reason.END_TIME, at("2H50M")).lifetime(1),
                        at("55M"), warn(Reason.LIFETIME, at("1H"), at("1H"), 1), at("1H")),

                // Idle reclaim.
                row("idle since the start: warn a lead before", idle, at("1H50M"),
                        warn(Reason.IDLE, at("2H"), at("2H"), 2), at("2H")),
                row("idle, warned: reclaim at the idle time", idle.warned(Reason.IDLE, at("1H50M")), at("2H"),
                        stop(Reason.IDLE, at("2H"), 2), null),
                row("recent activity: idle counts from it", idle.activeAt(at("1H30M")), at("1H50M"),
                        new Nothing(), at("3H30M").minus(LEAD)),
                row("activity after the warning: the warning is history", idle.warned(Reason.IDLE, at("1H50M"))
                        .activeAt(at("1H55M")), at("2H"), new Nothing(), at("3H55M").minus(LEAD)),
                row("activity after the warning, idle again: warned anew", idle.warned(Reason.IDLE, at("1H50M"))
                        .activeAt(at("1H55M")), at("3H45M"), warn(Reason.IDLE, at("3H55M"), at("3H55M"), 2),
                        at("3H55M")),
                row("activity from before the start is not this run's", idle.activeAt(T0.minusSeconds(3600)),
                        at("1H50M"), warn(Reason.IDLE, at("2H"), at("2H"), 2), at("2H")),
                row("idle long past and never warned: warn, reclaim a full lead later", idle, at("5H"),
                        warn(Reason.IDLE, at("5H").plus(LEAD), at("5H").plus(LEAD), 2), at("5H").plus(LEAD)),
                row("warned late: the reclaim waits out the lead", idle.warned(Reason.IDLE, at("1H55M")),
                        at("2H"), new Nothing(), at("2H5M")),
                row("warned late, lead passed: reclaim", idle.warned(Reason.IDLE, at("1H55M")), at("2H5M"),
                        stop(Reason.IDLE, at("2H5M"), 2), null),
                row("an end time before the idle reclaim wins", idle.endingAt(at("1H")), at("55M"),
                        warn(Reason.END_TIME, at("1H"), at("1H")), at("1H")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runningRows")
    void running(String what, Running workload, Instant now, Due due, Instant next) {
        assertThat(new TimeRules().decide(workload.times(), now)).isEqualTo(new Decision(due, next));
    }

    static Stream<Arguments> scheduledRows() {
        Instant start = at("1H");
        return Stream.of(
                Arguments.of("before its start: look again at the start", start, null, T0, new Nothing(), start),
                Arguments.of("exactly at its start: start", start, null, start, new Start(), null),
                Arguments.of("its start passed: start", start, at("3H"), at("2H"), new Start(), null),
                Arguments.of("no start time: start at once", null, null, T0, new Start(), null),
                Arguments.of("its end passed before it could start: it never starts", start, at("2H"), at("2H"),
                        new Stop(Reason.END_TIME, at("2H"), List.of(at("2H"))), null),
                Arguments.of("no warnings before it starts", start, at("1H5M"), at("58M"), new Nothing(), start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scheduledRows")
    void scheduled(String what, Instant startAt, Instant endAt, Instant now, Due due, Instant next) {
        Times times = new Times(Phase.SCHEDULED, startAt, null, endAt, 1, 1, null, Map.of());
        assertThat(new TimeRules().decide(times, now)).isEqualTo(new Decision(due, next));
    }

    @Nested
    class WarningLead {

        @Test
        void isConfigurable() {
            Times times = Running.started().endingAt(at("2H")).times();
            TimeRules rules = new TimeRules(Duration.ofMinutes(30));

            assertThat(rules.decide(times, at("1H29M")).due()).isEqualTo(new Nothing());
            assertThat(rules.decide(times, at("1H30M")).due())
                    .isEqualTo(warn(Reason.END_TIME, at("2H"), at("2H")));
        }

        @Test
        void zeroGivesNoWarningsAndStopsOnTime() {
            TimeRules rules = new TimeRules(Duration.ZERO);
            Times ending = Running.started().endingAt(at("2H")).times();
            Times idle = Running.started().idleReclaim(2).times();

            assertThat(rules.decide(ending, at("2H").minusSeconds(1))).isEqualTo(new Decision(new Nothing(), at("2H")));
            assertThat(rules.decide(ending, at("2H")).due()).isEqualTo(stop(Reason.END_TIME, at("2H"), at("2H")));
            assertThat(rules.decide(idle, at("2H")).due()).isEqualTo(stop(Reason.IDLE, at("2H"), 2));
        }

        @Test
        void cannotComeAfterTheStop() {
            assertThatThrownBy(() -> new TimeRules(Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Keys {

        @Test
        void nameTheReasonTheWarningAndTheNotice() {
            assertThat(Reason.END_TIME.reasonKey()).isEqualTo("workload.reason.end-time");
            assertThat(Reason.LIFETIME.warningKey()).isEqualTo("workload.warning.lifetime");
            assertThat(Reason.IDLE.noticeKey()).isEqualTo("workload.notice.idle");
        }

        @Test
        void theNoticeNamesTheWorkloadThenWhatTheWarningSays() {
            assertThat(warn(Reason.LIFETIME, at("4H"), at("4H"), 4).noticeArguments("notebook"))
                    .containsExactly("notebook", at("4H"), 4);
        }
    }

    @Test
    void aRunningWorkloadNeedsItsStart() {
        assertThatThrownBy(() -> new Times(Phase.RUNNING, null, null, null, null, null, null, Map.of()))
                .isInstanceOf(NullPointerException.class);
    }
}
