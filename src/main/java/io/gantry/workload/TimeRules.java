package io.gantry.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The time rules of a live workload: a scheduled one starts at its chosen time; a running one stops at its end time,
 * at the project's lifetime limit, or when it has been idle for the project's idle reclaim time, whichever comes
 * first, and its owner is warned once, a lead time before. Pure: the caller says what it knows and what time it is,
 * and carries out what is due.
 *
 * <p>An end time and the lifetime limit are promises: they stop on time even if the warning came late (a short
 * window, a lead longer than what was left, the platform was down). Idle reclaim is the platform's own decision, so
 * it never reclaims without a full lead's warning: it waits until the lead has passed since its warning.
 */
public final class TimeRules {

    public static final Duration DEFAULT_WARNING_LEAD = Duration.ofMinutes(10);

    /** The phases the rules apply to; other phases have nothing due on a clock. */
    public enum Phase { SCHEDULED, RUNNING }

    /** Why a workload stops on its own; the keys name the stop's event, its warning and the owner's notice. */
    public enum Reason {
        END_TIME("end-time"), LIFETIME("lifetime"), IDLE("idle"),
        /** A task's longest run, in minutes after it started; stopped without a warning, as its owner chose it. */
        RUN_TIME("run-time");

        private final String name;

        Reason(String name) {
            this.name = name;
        }

        /** The stop event's reason. */
        public String reasonKey() {
            return "workload.reason." + name;
        }

        /** The warning event's text. */
        public String warningKey() {
            return "workload.warning." + name;
        }

        /** The owner's in-app notice; its first argument is the workload's name, then the warning's arguments. */
        public String noticeKey() {
            return "workload.notice." + name;
        }
    }

    /**
     * What the caller knows of a live workload and its project.
     *
     * @param startAt the chosen start of a SCHEDULED workload (null: start at once)
     * @param startedAt when a RUNNING workload really started
     * @param endAt its end, absolute: the chosen time, or the actual start plus the chosen hours
     *              ({@link RunWindow#endFor}); null for none
     * @param containerMaxHours the project's lifetime limit, null for none
     * @param idleReclaimHours the project's idle reclaim time, null for none
     * @param lastActivityAt the last CPU or device activity or session seen, null if none since it started
     * @param warnings when each warning was given; an idle warning given before the last activity no longer counts
     * @param runMinutes its longest run in minutes after it started (a task's), null for none
     */
    public record Times(Phase phase, Instant startAt, Instant startedAt, Instant endAt, Integer containerMaxHours,
                        Integer idleReclaimHours, Instant lastActivityAt, Map<Reason, Instant> warnings,
                        Integer runMinutes) {

        /** Without a longest run in minutes. */
        public Times(Phase phase, Instant startAt, Instant startedAt, Instant endAt, Integer containerMaxHours,
                     Integer idleReclaimHours, Instant lastActivityAt, Map<Reason, Instant> warnings) {
            this(phase, startAt, startedAt, endAt, containerMaxHours, idleReclaimHours, lastActivityAt, warnings,
                    null);
        }

        public Times {
            Objects.requireNonNull(phase, "phase");
            if (phase == Phase.RUNNING) {
                Objects.requireNonNull(startedAt, "a running workload has a start");
            }
            positiveOrNull(containerMaxHours, "containerMaxHours");
            positiveOrNull(idleReclaimHours, "idleReclaimHours");
            warnings = warnings == null ? Map.of() : Map.copyOf(warnings);
        }

        private static void positiveOrNull(Integer hours, String name) {
            if (hours != null && hours < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 hour or null: " + hours);
            }
        }
    }

    /** What is due now. */
    public sealed interface Due {
    }

    /** Nothing is due yet. */
    public record Nothing() implements Due {
    }

    /** A SCHEDULED workload reached its start. */
    public record Start() implements Due {
    }

    /**
     * Stop it: {@code at} is the deadline reached (in the past if nobody looked in time); {@code arguments} go with
     * {@link Reason#reasonKey()}: the end time, or the limit's hours.
     */
    public record Stop(Reason reason, Instant at, List<Object> arguments) implements Due {

        public Stop {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * Warn its owner that it stops at {@code at}; {@code arguments} go with {@link Reason#warningKey()}: the time,
     * then the limit's hours for the lifetime and idle rules.
     */
    public record Warn(Reason reason, Instant at, List<Object> arguments) implements Due {

        public Warn {
            arguments = List.copyOf(arguments);
        }

        /** The arguments of {@link Reason#noticeKey()}: the workload's name, then the warning's. */
        public List<Object> noticeArguments(String workloadName) {
            List<Object> all = new ArrayList<>();
            all.add(workloadName);
            all.addAll(arguments);
            return all;
        }
    }

    /**
     * What is due, and when to look again if nothing changes: after a warning, its stop; after nothing, the next
     * warning or stop; null after a start or a stop (the phase changes) or when no rule will ever be due.
     */
    public record Decision(Due due, Instant next) {
    }

    private final Duration warningLead;

    public TimeRules() {
        this(DEFAULT_WARNING_LEAD);
    }

    /** @param warningLead how long before a stop its warning comes; zero gives no warnings */
    public TimeRules(Duration warningLead) {
        if (warningLead.isNegative()) {
            throw new IllegalArgumentException("A warning comes before the stop: " + warningLead);
        }
        this.warningLead = warningLead;
    }

    public Duration warningLead() {
        return warningLead;
    }

    public Decision decide(Times times, Instant now) {
        return switch (times.phase()) {
            case SCHEDULED -> scheduled(times, now);
            case RUNNING -> running(times, now);
        };
    }

    /** A scheduled workload whose end passed before it could start does not start at all. */
    private static Decision scheduled(Times times, Instant now) {
        if (times.endAt() != null && !times.endAt().isAfter(now)) {
            return new Decision(new Stop(Reason.END_TIME, times.endAt(), List.of(times.endAt())), null);
        }
        if (times.startAt() == null || !times.startAt().isAfter(now)) {
            return new Decision(new Start(), null);
        }
        Instant next = times.endAt() != null && times.endAt().isBefore(times.startAt()) ? times.endAt()
                : times.startAt();
        return new Decision(new Nothing(), next);
    }

    private Decision running(Times times, Instant now) {
        List<Deadline> deadlines = new ArrayList<>();
        if (times.endAt() != null) {
            deadlines.add(new Deadline(Reason.END_TIME, times.endAt(), times.warnings().get(Reason.END_TIME),
                    List.of(times.endAt())));
        }
        if (times.containerMaxHours() != null) {
            Instant limit = times.startedAt().plus(Duration.ofHours(times.containerMaxHours()));
            deadlines.add(new Deadline(Reason.LIFETIME, limit, times.warnings().get(Reason.LIFETIME),
                    List.of(times.containerMaxHours())));
        }
        if (times.idleReclaimHours() != null) {
            deadlines.add(idle(times, now));
        }
        if (times.runMinutes() != null) {
            deadlines.add(new Deadline(Reason.RUN_TIME, times.startedAt().plus(Duration.ofMinutes(times.runMinutes())),
                    null, List.of(times.runMinutes())));
        }
        // Ties go to the reason listed first: the owner's own end time reads clearest.
        Deadline first = deadlines.stream().min(Comparator.comparing(Deadline::at)
                .thenComparing(Deadline::reason)).orElse(null);
        if (first == null) {
            return new Decision(new Nothing(), null);
        }
        if (!first.at().isAfter(now)) {
            return new Decision(new Stop(first.reason(), first.at(), first.arguments()), null);
        }
        if (first.warnedAt() != null || warningLead.isZero() || first.reason() == Reason.RUN_TIME) {
            return new Decision(new Nothing(), first.at());
        }
        Instant warnFrom = first.at().minus(warningLead);
        if (warnFrom.isAfter(now)) {
            return new Decision(new Nothing(), warnFrom);
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(first.at());
        if (first.reason() != Reason.END_TIME) {
            arguments.addAll(first.arguments());
        }
        return new Decision(new Warn(first.reason(), first.at(), arguments), first.at());
    }

    /**
     * Idle since the last activity (or the start); reclaimed once idle for the project's time, but never sooner
     * than a full lead after its warning. An idle warning given before the last activity is history: the idle spell
     * it warned about has ended.
     */
    private Deadline idle(Times times, Instant now) {
        Instant since = times.lastActivityAt() == null || times.lastActivityAt().isBefore(times.startedAt())
                ? times.startedAt() : times.lastActivityAt();
        Instant warnedAt = times.warnings().get(Reason.IDLE);
        if (warnedAt != null && warnedAt.isBefore(since)) {
            warnedAt = null;
        }
        Instant reclaim = since.plus(Duration.ofHours(times.idleReclaimHours()));
        Instant earliest = (warnedAt == null ? now : warnedAt).plus(warningLead);
        Instant at = reclaim.isBefore(earliest) ? earliest : reclaim;
        return new Deadline(Reason.IDLE, at, warnedAt, List.of(times.idleReclaimHours()));
    }

    private record Deadline(Reason reason, Instant at, Instant warnedAt, List<Object> arguments) {
    }
}
