package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.PURCHASE_ORDER;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectSeekStep2;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Reads a project's ledger for its wallet page: filtered and paged in SQL, newest first. */
@Repository
class LedgerRepository {

    /** A line with the names of its order; users are named by the caller, a page at a time. */
    record Row(long id, Instant at, LedgerType type, BigDecimal amount, ServiceType serviceType, String workloadName,
               String specName, Long userId, String note, Long createdBy) {
    }

    private final DSLContext db;

    LedgerRepository(DSLContext db) {
        this.db = db;
    }

    List<Row> page(long projectId, LedgerFilter filter, int offset, int limit) {
        return newestFirst(projectId, filter, DSL.noCondition()).offset(offset).limit(limit)
                .fetch(LedgerRepository::toRow);
    }

    /** The lines after {@code after} in the page order (the first ones when null): a keyset page, for exports. */
    List<Row> after(long projectId, LedgerFilter filter, Row after, int limit) {
        Condition beyond = after == null ? DSL.noCondition()
                : LEDGER_LINE.AT.lt(after.at()).or(LEDGER_LINE.AT.eq(after.at()).and(LEDGER_LINE.ID.lt(after.id())));
        return newestFirst(projectId, filter, beyond).limit(limit).fetch(LedgerRepository::toRow);
    }

    int count(long projectId, LedgerFilter filter) {
        return db.fetchCount(LEDGER_LINE, matching(projectId, filter));
    }

    /** The sum of every line of the project's ledger: what its balance must equal. */
    BigDecimal sum(long projectId) {
        BigDecimal sum = db.select(DSL.sum(LEDGER_LINE.AMOUNT)).from(LEDGER_LINE)
                .where(LEDGER_LINE.PROJECT_ID.eq(projectId)).fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** The demo credit granted to the project and what its work has been charged, summed in one read. */
    DemoAndCharges demoAndCharges(long projectId) {
        var demo = DSL.sum(DSL.when(LEDGER_LINE.TYPE.eq(LedgerType.DEMO_CREDIT.name()), LEDGER_LINE.AMOUNT)
                .otherwise(BigDecimal.ZERO));
        var charged = DSL.sum(DSL.when(LEDGER_LINE.TYPE.eq(LedgerType.CHARGE.name()), LEDGER_LINE.AMOUNT.neg())
                .otherwise(BigDecimal.ZERO));
        Record sums = db.select(demo, charged).from(LEDGER_LINE).where(LEDGER_LINE.PROJECT_ID.eq(projectId))
                .fetchOne();
        return new DemoAndCharges(orZero(sums.get(0, BigDecimal.class)), orZero(sums.get(1, BigDecimal.class)));
    }

    record DemoAndCharges(BigDecimal demoCredit, BigDecimal charged) {
    }

    private SelectSeekStep2<Record, Instant, Long> newestFirst(long projectId, LedgerFilter filter, Condition extra) {
        return db.select(LEDGER_LINE.fields()).select(PURCHASE_ORDER.NAME, PURCHASE_ORDER.SPEC_NAME)
                .from(LEDGER_LINE)
                .leftJoin(PURCHASE_ORDER).on(PURCHASE_ORDER.WORKLOAD_ID.eq(LEDGER_LINE.WORKLOAD_ID))
                .where(matching(projectId, filter)).and(extra)
                .orderBy(LEDGER_LINE.AT.desc(), LEDGER_LINE.ID.desc());
    }

    private static Condition matching(long projectId, LedgerFilter filter) {
        Condition condition = LEDGER_LINE.PROJECT_ID.eq(projectId);
        if (filter.from() != null) {
            condition = condition.and(LEDGER_LINE.AT.ge(filter.from()));
        }
        if (filter.to() != null) {
            condition = condition.and(LEDGER_LINE.AT.lt(filter.to()));
        }
        if (filter.type() != null) {
            condition = condition.and(LEDGER_LINE.TYPE.eq(filter.type().name()));
        }
        if (filter.serviceType() != null) {
            condition = condition.and(LEDGER_LINE.SERVICE_TYPE.eq(filter.serviceType().name()));
        }
        return condition;
    }

    private static Row toRow(Record r) {
        String serviceType = r.get(LEDGER_LINE.SERVICE_TYPE);
        return new Row(r.get(LEDGER_LINE.ID), r.get(LEDGER_LINE.AT), LedgerType.valueOf(r.get(LEDGER_LINE.TYPE)),
                r.get(LEDGER_LINE.AMOUNT), serviceType == null ? null : ServiceType.valueOf(serviceType),
                r.get(PURCHASE_ORDER.NAME), r.get(PURCHASE_ORDER.SPEC_NAME), r.get(LEDGER_LINE.USER_ID),
                r.get(LEDGER_LINE.NOTE), r.get(LEDGER_LINE.CREATED_BY));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
