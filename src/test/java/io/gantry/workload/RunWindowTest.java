package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.shared.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The start and end a user chooses, and what the form says about them. */
class RunWindowTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    static Instant in(String offset) {
        return offset.startsWith("-") ? NOW.minus(Duration.parse("PT" + offset.substring(1)))
                : NOW.plus(Duration.parse("PT" + offset));
    }

    /** A problem as the form shows it: field, key and arguments. */
    static String problem(String field, String key, Object... arguments) {
        return field + " " + key + " " + Arrays.toString(arguments);
    }

    static List<String> problems(RunWindow window, Integer containerMaxHours) {
        return window.problems(NOW, containerMaxHours).stream()
                .map((FieldProblem p) -> problem(p.field(), p.messageKey(), p.arguments())).toList();
    }

    static Stream<Arguments> windows() {
        RunWindow now = RunWindow.startingNow();
        RunWindow later = RunWindow.startingAt(in("2H"));
        return Stream.of(
                Arguments.of("right away, never ending", now, 4, List.of()),
                Arguments.of("never ending is allowed under a lifetime limit: the limit ends it", later, 1,
                        List.of()),
                Arguments.of("a start a minute ago is still now", RunWindow.startingAt(in("-1M")), null, List.of()),
                Arguments.of("a start further in the past", RunWindow.startingAt(in("-1M1S")), null,
                        List.of(problem("startAt", "workload.window.start-past"))),
                Arguments.of("a start at a time without a time", new RunWindow(RunWindow.Start.AT, null, null, null,
                        null), null, List.of(problem("startAt", "field.required"))),
                Arguments.of("an end at a time without a time", new RunWindow(null, null, RunWindow.End.AT, null,
                        null), null, List.of(problem("endAt", "field.required"))),
                Arguments.of("an end after hours without hours", new RunWindow(null, null,
                        RunWindow.End.AFTER_HOURS, null, null), null, List.of(problem("endAfterHours",
                        "field.required"))),
                Arguments.of("an end at the start", later.endingAt(in("2H")), null,
                        List.of(problem("endAt", "workload.window.end-not-after-start"))),
                Arguments.of("an end before a start right away", now.endingAt(in("-5M")), null,
                        List.of(problem("endAt", "workload.window.end-not-after-start"))),
                Arguments.of("an end a second after the start", later.endingAt(in("2H0M1S")), null, List.of()),
                Arguments.of("an end exactly at the lifetime limit", later.endingAt(in("6H")), 4, List.of()),
                Arguments.of("an end beyond the limit names it and the latest end", later.endingAt(in("6H0M1S")), 4,
                        List.of(problem("endAt", "workload.window.end-beyond-lifetime", 4, in("6H")))),
                Arguments.of("the limit counts from now when it starts right away", now.endingAt(in("5H")), 4,
                        List.of(problem("endAt", "workload.window.end-beyond-lifetime", 4, in("4H")))),
                Arguments.of("no hours", now.endingAfterHours(0), null,
                        List.of(problem("endAfterHours", "workload.window.hours-range", RunWindow.MAX_HOURS))),
                Arguments.of("one hour", now.endingAfterHours(1), null, List.of()),
                Arguments.of("a year", now.endingAfterHours(RunWindow.MAX_HOURS), null, List.of()),
                Arguments.of("more than a year", now.endingAfterHours(RunWindow.MAX_HOURS + 1), null,
                        List.of(problem("endAfterHours", "workload.window.hours-range", RunWindow.MAX_HOURS))),
                Arguments.of("hours at the limit", now.endingAfterHours(4), 4, List.of()),
                Arguments.of("hours beyond the limit name it", now.endingAfterHours(5), 4,
                        List.of(problem("endAfterHours", "workload.window.hours-beyond-lifetime", 4))),
                Arguments.of("every field at once", new RunWindow(RunWindow.Start.AT, in("-1H"), RunWindow.End.AT,
                        null, null), null, List.of(problem("startAt", "workload.window.start-past"),
                        problem("endAt", "field.required"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void problems(String what, RunWindow window, Integer containerMaxHours, List<String> expected) {
        assertThat(problems(window, containerMaxHours)).isEqualTo(expected);
    }

    @Nested
    class Choices {

        @Test
        void noChoiceMeansRightAwayAndNeverEnding() {
            assertThat(new RunWindow(null, null, null, null, null)).isEqualTo(RunWindow.ALWAYS);
            assertThat(RunWindow.ALWAYS.scheduled()).isFalse();
            assertThat(RunWindow.ALWAYS.endFor(NOW)).isNull();
        }

        @Test
        void dropsWhatTheChoiceDoesNotUse() {
            RunWindow window = new RunWindow(RunWindow.Start.NOW, in("1H"), RunWindow.End.AFTER_HOURS, in("3H"), 2);

            assertThat(window).isEqualTo(new RunWindow(RunWindow.Start.NOW, null, RunWindow.End.AFTER_HOURS, null,
                    2));
        }

        @Test
        void endsAfterHoursCountFromTheActualStart() {
            RunWindow window = RunWindow.startingAt(in("1H")).endingAfterHours(3);

            assertThat(window.scheduled()).isTrue();
            assertThat(window.endFor(in("1H30M"))).isEqualTo(in("4H30M"));
            assertThat(RunWindow.startingNow().endingAt(in("3H")).endFor(in("1H"))).isEqualTo(in("3H"));
        }

        @Test
        void plansTheStartAtTheChosenTimeOrNow() {
            assertThat(RunWindow.startingAt(in("1H")).plannedStart(NOW)).isEqualTo(in("1H"));
            assertThat(RunWindow.startingAt(in("-30S")).plannedStart(NOW)).isEqualTo(NOW);
            assertThat(RunWindow.startingNow().plannedStart(NOW)).isEqualTo(NOW);
        }
    }
}
