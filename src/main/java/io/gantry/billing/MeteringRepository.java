package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.PURCHASE_ORDER;
import static io.gantry.db.Tables.WALLET;

import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.UnitPrices;
import io.gantry.db.tables.records.LedgerLineRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** What metering reads and writes of orders, the ledger and wallets; the caller holds the wallets' locks. */
@Repository
class MeteringRepository {

    /** Rows per insert: PostgreSQL takes at most 65,535 bind values in a statement, a line has 10. */
    static final int ROWS_PER_INSERT = 2_000;

    private final DSLContext db;
    private final CostHourRepository costHours;

    MeteringRepository(DSLContext db, CostHourRepository costHours) {
        this.db = db;
        this.costHours = costHours;
    }

    /**
     * How each of these workloads is charged: its order's prices and keys, and the last minute already charged (null
     * for none). One query; the last minute comes from the unique index on (workload, minute). Workloads without an
     * order (started before orders existed) are left out.
     */
    Map<Long, Chargeable> chargeable(Collection<Long> workloadIds) {
        if (workloadIds.isEmpty()) {
            return Map.of();
        }
        var last = DSL.select(DSL.max(LEDGER_LINE.CHARGED_MINUTE)).from(LEDGER_LINE)
                .where(LEDGER_LINE.WORKLOAD_ID.eq(PURCHASE_ORDER.WORKLOAD_ID)).asField("last_minute");
        Map<Long, Chargeable> result = new HashMap<>();
        db.select(PURCHASE_ORDER.WORKLOAD_ID, PURCHASE_ORDER.SERVICE_TYPE, PURCHASE_ORDER.SPEC_ID,
                        PURCHASE_ORDER.USER_ID, PURCHASE_ORDER.DEVICES, PURCHASE_ORDER.CPU_CORES,
                        PURCHASE_ORDER.MEMORY_MIB, PURCHASE_ORDER.CURRENCY, PURCHASE_ORDER.PRICE_DEVICE_HOUR,
                        PURCHASE_ORDER.PRICE_CORE_HOUR, PURCHASE_ORDER.PRICE_GIB_HOUR, last)
                .from(PURCHASE_ORDER).where(PURCHASE_ORDER.WORKLOAD_ID.in(workloadIds))
                .forEach(r -> result.put(r.value1(), new Chargeable(r.value1(), ServiceType.valueOf(r.value2()),
                        r.value3(), r.value4(), HourlyRate.of(new UnitPrices(r.value9(), r.value10(), r.value11()),
                        r.value5(), r.value6(), r.value7(), Currency.getInstance(r.value8())),
                        r.get(last, Instant.class))));
        return result;
    }

    /**
     * Inserts the charges, each skipped if its (workload, minute) is already in the ledger, and moves each project's
     * balance and the hourly spending summary by exactly what was inserted for it. Returns those amounts (negative)
     * by project.
     */
    Map<Long, BigDecimal> appendCharges(List<LedgerLineRecord> lines) {
        Map<Long, BigDecimal> inserted = new HashMap<>();
        Map<CostHourRepository.Key, BigDecimal> hours = new HashMap<>();
        for (int from = 0; from < lines.size(); from += ROWS_PER_INSERT) {
            var insert = db.insertInto(LEDGER_LINE, LEDGER_LINE.PROJECT_ID, LEDGER_LINE.AT, LEDGER_LINE.TYPE,
                    LEDGER_LINE.AMOUNT, LEDGER_LINE.WORKLOAD_ID, LEDGER_LINE.CHARGED_MINUTE, LEDGER_LINE.SERVICE_TYPE,
                    LEDGER_LINE.SPEC_ID, LEDGER_LINE.USER_ID, LEDGER_LINE.NOTE);
            for (LedgerLineRecord l : lines.subList(from, Math.min(lines.size(), from + ROWS_PER_INSERT))) {
                insert = insert.values(l.getProjectId(), l.getAt(), l.getType(), l.getAmount(), l.getWorkloadId(),
                        l.getChargedMinute(), l.getServiceType(), l.getSpecId(), l.getUserId(), l.getNote());
            }
            // Only the rows actually inserted come back: a duplicate moves no balance.
            insert.onConflict(LEDGER_LINE.WORKLOAD_ID, LEDGER_LINE.CHARGED_MINUTE).doNothing()
                    .returningResult(LEDGER_LINE.PROJECT_ID, LEDGER_LINE.AMOUNT, LEDGER_LINE.AT,
                            LEDGER_LINE.USER_ID, LEDGER_LINE.SPEC_ID, LEDGER_LINE.SERVICE_TYPE)
                    .fetch().forEach(r -> {
                        inserted.merge(r.value1(), r.value2(), BigDecimal::add);
                        hours.merge(CostHourRepository.Key.of(r.value3(), r.value1(), r.value4(), r.value5(),
                                r.value6()), r.value2(), BigDecimal::add);
                    });
        }
        costHours.add(hours);
        List<Query> moves = new ArrayList<>();
        inserted.forEach((projectId, amount) -> moves.add(db.update(WALLET)
                .set(WALLET.BALANCE, WALLET.BALANCE.plus(amount)).where(WALLET.PROJECT_ID.eq(projectId))));
        if (!moves.isEmpty()) {
            db.batch(moves).execute();
        }
        return inserted;
    }

    /** The project's latest credit (top-up, refund, demo credit): the start of its wallet's current episode. */
    Optional<Long> lastCredit(long projectId) {
        return Optional.ofNullable(db.select(DSL.max(LEDGER_LINE.ID)).from(LEDGER_LINE)
                .where(LEDGER_LINE.PROJECT_ID.eq(projectId))
                .and(LEDGER_LINE.TYPE.ne(LedgerType.CHARGE.name())).fetchOne(0, Long.class));
    }

    void warned(long projectId, Instant at) {
        db.update(WALLET).set(WALLET.WARNED_AT, at).where(WALLET.PROJECT_ID.eq(projectId)).execute();
    }

    /**
     * How a workload is charged.
     *
     * @param lastMinute the last minute already in the ledger for it, or null
     */
    record Chargeable(long workloadId, ServiceType serviceType, long specId, long userId, HourlyRate rate,
                      Instant lastMinute) {
    }
}
