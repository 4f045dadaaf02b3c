package io.gantry.schedule.cron;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * When a cron expression fires in a time zone, within a schedule's start and end (either may be null: no bound).
 * Quartz's {@link CronExpression} computes every time, with its zone's daylight-saving rules; fire times have whole
 * seconds.
 */
public final class FireTimes {

    /**
     * At most this many fires from {@link #between}: a day of fires every minute. After a longer outage the latest
     * ones are kept, since the latest missed fire is the one that still runs.
     */
    public static final int MAX_BETWEEN = 1440;

    private FireTimes() {
    }

    /**
     * The next {@code count} fires after {@code after}, none before {@code start} nor after {@code end}, in
     * {@code zone}; fewer when the expression stops firing or reaches the end.
     *
     * @throws IllegalArgumentException when the expression is invalid (see {@link CronRules#problem})
     */
    public static List<ZonedDateTime> next(String cron, ZoneId zone, Instant after, Instant start, Instant end,
                                           int count) {
        CronExpression expression = parse(cron, zone);
        List<ZonedDateTime> fires = new ArrayList<>(Math.max(count, 0));
        Instant from = firstLookAfter(after, start);
        while (fires.size() < count) {
            Instant fire = nextAfter(expression, from);
            if (fire == null || (end != null && fire.isAfter(end))) {
                break;
            }
            fires.add(fire.atZone(zone));
            from = fire;
        }
        return fires;
    }

    /**
     * The fires in {@code (fromExclusive, toInclusive]}, none before {@code start} nor after {@code end}, oldest
     * first; at most {@link #MAX_BETWEEN}, the latest ones.
     *
     * @throws IllegalArgumentException when the expression is invalid (see {@link CronRules#problem})
     */
    public static List<Instant> between(String cron, ZoneId zone, Instant fromExclusive, Instant toInclusive,
                                        Instant start, Instant end) {
        CronExpression expression = parse(cron, zone);
        Instant last = end != null && end.isBefore(toInclusive) ? end : toInclusive;
        ArrayDeque<Instant> fires = new ArrayDeque<>();
        Instant from = firstLookAfter(fromExclusive, start);
        for (Instant fire = nextAfter(expression, from); fire != null && !fire.isAfter(last);
             fire = nextAfter(expression, fire)) {
            if (fires.size() == MAX_BETWEEN) {
                fires.removeFirst();
            }
            fires.addLast(fire);
        }
        return List.copyOf(fires);
    }

    /** Quartz looks strictly after a moment; a fire exactly at the start still counts, so look from just before it. */
    private static Instant firstLookAfter(Instant after, Instant start) {
        if (start == null) {
            return after;
        }
        Instant justBeforeStart = start.minusMillis(1);
        return justBeforeStart.isAfter(after) ? justBeforeStart : after;
    }

    private static Instant nextAfter(CronExpression expression, Instant after) {
        Date next = expression.getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    private static CronExpression parse(String cron, ZoneId zone) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException | RuntimeException invalid) {
            throw new IllegalArgumentException("Invalid cron expression " + cron + ": " + invalid.getMessage(),
                    invalid);
        }
    }
}
