package io.gantry.billing;

import static io.gantry.db.Tables.COST_HOUR;
import static io.gantry.db.Tables.PURCHASE_ORDER;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * Spending read from the hourly summary the ledger keeps ({@link CostHourRepository}), summed by the database: one
 * grouped query per analysis. Hours are UTC hours, so a period's first day is exact for zones whose offset is a whole
 * number of hours, the only ones {@link #zoneName} takes.
 */
@Repository
class CostRepository {

    /** The spending of one period and group, positive. */
    record Sum(LocalDate period, String group, BigDecimal amount) {
    }

    private final DSLContext db;

    CostRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * The charges between two instants summed per period (its first day in the zone) and group. The instants are
     * local midnights, whole UTC hours, so the hours from {@code from} until {@code until} hold exactly their charges.
     *
     * @param scope which lines count: every line, or those of some projects and of one user's work
     */
    List<Sum> spending(Instant from, Instant until, CostPeriod period, CostDimension dimension, ZoneId zone,
                       Condition scope) {
        return spendingQuery(from, until, period, dimension, zone, scope)
                .fetch(r -> new Sum(r.value1(), r.value2() == null ? "" : r.value2().toString(), r.value3()));
    }

    /** The query behind {@link #spending}, as the database gets it. */
    ResultQuery<Record3<LocalDate, Object, BigDecimal>> spendingQuery(Instant from, Instant until, CostPeriod period,
                                                                      CostDimension dimension, ZoneId zone,
                                                                      Condition scope) {
        Field<LocalDate> start = periodStart(period, zone);
        Field<Object> group = switch (dimension) {
            // The summary keeps a missing service type, spec or user as '' or 0, read back as none (inlined: see below).
            case SERVICE_TYPE -> DSL.nullif(COST_HOUR.SERVICE_TYPE, DSL.inline("")).coerce(Object.class);
            case SPEC -> DSL.nullif(COST_HOUR.SPEC_ID, DSL.inline(0L)).coerce(Object.class);
            case MEMBER -> DSL.nullif(COST_HOUR.USER_ID, DSL.inline(0L)).coerce(Object.class);
            case PROJECT -> COST_HOUR.PROJECT_ID.coerce(Object.class);
        };
        return db.select(start, group, DSL.sum(COST_HOUR.AMOUNT)).from(COST_HOUR)
                .where(COST_HOUR.HOUR_START.ge(hour(from))).and(COST_HOUR.HOUR_START.lt(hour(until)))
                .and(scope)
                .groupBy(start, group);
    }

    /** Spending of these projects' work, or of this user's own work anywhere. */
    static Condition projectsOrUser(Collection<Long> projectIds, long userId) {
        return COST_HOUR.PROJECT_ID.in(projectIds).or(COST_HOUR.USER_ID.eq(userId));
    }

    /** The UTC hour an instant falls in; a bound at a whole hour stays where it is. */
    private static Instant hour(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    /** The spec names the orders recorded, for specs since deleted from the inventory. */
    Map<Long, String> orderedSpecNames(Collection<Long> specIds) {
        if (specIds.isEmpty()) {
            return Map.of();
        }
        // A spec renamed between orders has several names: the latest order's is the one shown.
        return db.select(PURCHASE_ORDER.SPEC_ID, PURCHASE_ORDER.SPEC_NAME).from(PURCHASE_ORDER)
                .where(PURCHASE_ORDER.ID.in(DSL.select(DSL.max(PURCHASE_ORDER.ID)).from(PURCHASE_ORDER)
                        .where(PURCHASE_ORDER.SPEC_ID.in(specIds)).groupBy(PURCHASE_ORDER.SPEC_ID)))
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    /**
     * The first day of an hour's period in the zone: the day it falls on there, truncated to the ISO week (Monday),
     * month or year. The zone and unit are inlined, never bound, so that the grouped expression reads the same in
     * GROUP BY as in SELECT. PostgreSQL turns the instant into the zone's local time ({@code at time zone}) and its
     * {@code week} is ISO's. H2 has no such conversion that survives a cast (a cast to a local time converts to the
     * session's zone), so it formats the day in the zone; its ISO week is {@code iso_week} ({@code week} starts on a
     * Sunday).
     */
    private Field<LocalDate> periodStart(CostPeriod period, ZoneId zone) {
        boolean h2 = db.dialect().family() == SQLDialect.H2;
        String unit = switch (period) {
            case WEEK -> h2 ? "iso_week" : "week";
            case MONTH -> "month";
            case YEAR -> "year";
        };
        String day = h2 ? "cast(formatdatetime({1}, 'yyyy-MM-dd', 'en', {2}) as date)"
                : "cast({1} at time zone {2} as timestamp)";
        return DSL.field("cast(date_trunc({0}, " + day + ") as date)", SQLDataType.LOCALDATE, DSL.inline(unit),
                COST_HOUR.HOUR_START, DSL.inline(zoneName(zone)));
    }

    /**
     * A zone name both databases read alike. A fixed offset is named as an {@code Etc/GMT} zone: PostgreSQL reads
     * a bare "+08:00" as POSIX does, east and west swapped.
     */
    static String zoneName(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized instanceof ZoneOffset offset) {
            int seconds = offset.getTotalSeconds();
            if (seconds == 0) {
                return "UTC";
            }
            if (seconds % 3600 != 0) {
                throw new IllegalArgumentException("gantry.time-zone: use a region (Asia/Kolkata), not " + zone);
            }
            int hours = seconds / 3600;
            return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
        }
        return normalized.getId();
    }
}
