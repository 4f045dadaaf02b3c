package io.gantry.schedule.cron;

import io.gantry.shared.FieldProblem;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * What may be wrong with a schedule's cron expression, as a problem on its {@code trigger} field: blank, not a valid
 * Quartz expression, firing more often than once a minute (the firing job looks every few seconds and a task takes
 * longer than that to start), or never firing again.
 */
public final class CronRules {

    public static final String FIELD = "trigger";
    public static final String BLANK = "cron.problem.blank";
    /** Argument: Quartz's own message, which names the part it could not read. */
    public static final String INVALID = "cron.problem.invalid";
    public static final String TOO_OFTEN = "cron.problem.too-often";
    public static final String NEVER_FIRES = "cron.problem.never-fires";

    /**
     * Fires looked at for the once-a-minute rule: an expression firing twice in some minute fires at least twice in
     * every minute it fires in (its seconds apply to each), so a few consecutive fires show it.
     */
    private static final int FIRES_CHECKED = 4;

    private CronRules() {
    }

    /** The problem with {@code cron} as of {@code now}, if any. */
    public static Optional<FieldProblem> problem(String cron, Instant now) {
        if (cron == null || cron.isBlank()) {
            return Optional.of(new FieldProblem(FIELD, BLANK));
        }
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException | RuntimeException invalid) {
            String reason = invalid.getMessage() == null ? invalid.getClass().getSimpleName() : invalid.getMessage();
            return Optional.of(new FieldProblem(FIELD, INVALID, reason));
        }
        // Whether two fires fall within a minute does not depend on the zone; UTC keeps the answer off the JVM's zone.
        expression.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        Date previous = expression.getNextValidTimeAfter(Date.from(now));
        if (previous == null) {
            return Optional.of(new FieldProblem(FIELD, NEVER_FIRES));
        }
        for (int i = 1; i < FIRES_CHECKED; i++) {
            Date next = expression.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            if (next.getTime() - previous.getTime() < 60_000) {
                return Optional.of(new FieldProblem(FIELD, TOO_OFTEN));
            }
            previous = next;
        }
        return Optional.empty();
    }

    /** The problem with {@code cron} as of the system clock; services pass their own clock's now to the other form. */
    public static Optional<FieldProblem> problem(String cron) {
        return problem(cron, Instant.now());
    }
}
