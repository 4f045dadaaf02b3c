package io.gantry.workload;

import io.gantry.shared.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.modulith.NamedInterface;

/**
 * When a workload should run, as its owner chose it (AI-Stack 五.1 (3)): it starts right after its order or at a
 * chosen time, and ends never, at a chosen time, or a number of hours after it really started. The project's
 * lifetime limit and idle reclaim apply on top of it; {@link TimeRules} decides when each is due.
 *
 * <p>The choices are kept apart from their values so that "at a time" with no time is a missing value, not "never".
 * A value the choice does not use is dropped.
 *
 * @param start right away or at {@code startAt}
 * @param startAt the chosen start, only with {@link Start#AT}
 * @param end never, at {@code endAt}, or {@code endAfterHours} after the actual start
 * @param endAt the chosen end, only with {@link End#AT}
 * @param endAfterHours hours after the actual start, only with {@link End#AFTER_HOURS}
 */
@NamedInterface("api")
public record RunWindow(Start start, Instant startAt, End end, Instant endAt, Integer endAfterHours) {

    public enum Start { NOW, AT }

    public enum End { NEVER, AT, AFTER_HOURS }

    /** Form fields the problems name. */
    public static final String START_AT = "startAt";
    public static final String END_AT = "endAt";
    public static final String END_AFTER_HOURS = "endAfterHours";

    /** A start chosen a moment ago is still "now": the user took a while to submit the form. */
    public static final Duration START_SLACK = Duration.ofMinutes(1);
    /** The longest "after N hours": a year, as the longest lifetime limit a project may have. */
    public static final int MAX_HOURS = 24 * 366;

    /** Starts right away and runs until stopped (what a form without time choices means). */
    public static final RunWindow ALWAYS = new RunWindow(Start.NOW, null, End.NEVER, null, null);

    public RunWindow {
        start = start == null ? Start.NOW : start;
        end = end == null ? End.NEVER : end;
        startAt = start == Start.AT ? startAt : null;
        endAt = end == End.AT ? endAt : null;
        endAfterHours = end == End.AFTER_HOURS ? endAfterHours : null;
    }

    public static RunWindow startingNow() {
        return ALWAYS;
    }

    public static RunWindow startingAt(Instant startAt) {
        return new RunWindow(Start.AT, Objects.requireNonNull(startAt), End.NEVER, null, null);
    }

    public RunWindow endingAt(Instant at) {
        return new RunWindow(start, startAt, End.AT, Objects.requireNonNull(at), null);
    }

    public RunWindow endingAfterHours(int hours) {
        return new RunWindow(start, startAt, End.AFTER_HOURS, null, hours);
    }

    /** Whether it waits for a chosen time before it starts (SCHEDULED until then). */
    public boolean scheduled() {
        return start == Start.AT;
    }

    /** When it is meant to start, seen at {@code now}: the chosen time, or now if that has passed or none was. */
    public Instant plannedStart(Instant now) {
        return startAt != null && startAt.isAfter(now) ? startAt : now;
    }

    /** The end for a workload that really started at {@code startedAt}, or null if it has none. */
    public Instant endFor(Instant startedAt) {
        return switch (end) {
            case NEVER -> null;
            case AT -> endAt;
            case AFTER_HOURS -> endAfterHours == null ? null : startedAt.plus(Duration.ofHours(endAfterHours));
        };
    }

    /**
     * What is wrong with the choices at {@code now}, field by field. An end beyond the project's lifetime limit is
     * refused so the user learns it before submitting rather than from a stop; "never" is allowed, as the limit
     * then ends it.
     *
     * @param containerMaxHours the project's lifetime limit, null for none
     */
    public List<FieldProblem> problems(Instant now, Integer containerMaxHours) {
        List<FieldProblem> problems = new ArrayList<>();
        if (start == Start.AT) {
            if (startAt == null) {
                problems.add(new FieldProblem(START_AT, "field.required"));
            } else if (startAt.isBefore(now.minus(START_SLACK))) {
                problems.add(new FieldProblem(START_AT, "workload.window.start-past"));
            }
        }
        Instant from = plannedStart(now);
        Duration limit = containerMaxHours == null ? null : Duration.ofHours(containerMaxHours);
        switch (end) {
            case NEVER -> {
            }
            case AT -> {
                if (endAt == null) {
                    problems.add(new FieldProblem(END_AT, "field.required"));
                } else if (!endAt.isAfter(from)) {
                    problems.add(new FieldProblem(END_AT, "workload.window.end-not-after-start"));
                } else if (limit != null && Duration.between(from, endAt).compareTo(limit) > 0) {
                    problems.add(new FieldProblem(END_AT, "workload.window.end-beyond-lifetime", containerMaxHours,
                            from.plus(limit)));
                }
            }
            case AFTER_HOURS -> {
                if (endAfterHours == null) {
                    problems.add(new FieldProblem(END_AFTER_HOURS, "field.required"));
                } else if (endAfterHours < 1 || endAfterHours > MAX_HOURS) {
                    problems.add(new FieldProblem(END_AFTER_HOURS, "workload.window.hours-range", MAX_HOURS));
                } else if (containerMaxHours != null && endAfterHours > containerMaxHours) {
                    problems.add(new FieldProblem(END_AFTER_HOURS, "workload.window.hours-beyond-lifetime",
                            containerMaxHours));
                }
            }
        }
        return problems;
    }
}
