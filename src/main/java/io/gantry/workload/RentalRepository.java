package io.gantry.workload;

import static io.gantry.db.Tables.WORKLOAD;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * Device rental by the hour, read from the workloads' own times: each workload that started holds its devices from
 * {@code started_at} to {@code ended_at} (or now, while it still runs). The database cuts those spans at the hours'
 * edges and sums them per spec and hour, so that a week costs one query whatever the number of workloads.
 */
@Repository
class RentalRepository {

    private static final int SECONDS_PER_HOUR = 3600;

    private final DSLContext db;

    RentalRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Device-hours per spec and hour from {@code from} (an hour's start) for {@code hours} hours, of the workloads of
     * these projects (of all projects when null); hours in which nothing was rented are left out.
     */
    List<RentedHour> hourly(Collection<Long> projectIds, Instant from, int hours, Instant now) {
        if (projectIds != null && projectIds.isEmpty()) {
            return List.of();
        }
        Instant to = from.plus(Duration.ofHours(hours));
        Table<Record1<Integer>> series = DSL.generateSeries(0, hours - 1).as("rental_hour", "n");
        Field<Integer> n = series.field("n", Integer.class);
        // Seconds since the epoch, inlined (they are numbers the service computed, never user text) so that both
        // databases read the arithmetic as numeric without guessing a bind parameter's type.
        Field<BigDecimal> hourStart = DSL.inline(from.getEpochSecond()).cast(SQLDataType.NUMERIC)
                .plus(n.mul(DSL.inline(SECONDS_PER_HOUR)));
        Field<BigDecimal> hourEnd = hourStart.plus(DSL.inline(SECONDS_PER_HOUR));
        Field<BigDecimal> started = epochSeconds(WORKLOAD.STARTED_AT);
        Field<BigDecimal> ended = DSL.coalesce(epochSeconds(WORKLOAD.ENDED_AT),
                DSL.inline(now.getEpochSecond()).cast(SQLDataType.NUMERIC));
        Field<BigDecimal> heldSeconds = DSL.least(ended, hourEnd).minus(DSL.greatest(started, hourStart));
        Field<BigDecimal> deviceSeconds = DSL.sum(heldSeconds.mul(WORKLOAD.DEVICES));
        Condition overlapsWindow = WORKLOAD.STARTED_AT.isNotNull().and(WORKLOAD.STARTED_AT.lt(to))
                .and(WORKLOAD.ENDED_AT.isNull().or(WORKLOAD.ENDED_AT.gt(from)))
                .and(WORKLOAD.DEVICES.gt(0));
        if (projectIds != null) {
            overlapsWindow = overlapsWindow.and(WORKLOAD.PROJECT_ID.in(projectIds));
        }
        return db.select(WORKLOAD.SPEC_ID, n, deviceSeconds)
                .from(WORKLOAD)
                .join(series).on(started.lt(hourEnd)).and(ended.gt(hourStart))
                .where(overlapsWindow)
                .groupBy(WORKLOAD.SPEC_ID, n)
                .orderBy(n, WORKLOAD.SPEC_ID)
                .fetch(r -> new RentedHour(r.value1(), from.plus(Duration.ofHours(r.value2())),
                        r.value3().divide(BigDecimal.valueOf(SECONDS_PER_HOUR), 4, RoundingMode.HALF_UP)
                                .stripTrailingZeros()));
    }

    /** The instant as seconds since the epoch, fractions kept; both databases know {@code extract(epoch ...)}. */
    private static Field<BigDecimal> epochSeconds(Field<Instant> instant) {
        return DSL.field("extract(epoch from {0})", SQLDataType.NUMERIC, instant);
    }
}
