package io.gantry.billing;

import static io.gantry.db.Tables.COST_HOUR;
import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.PURCHASE_ORDER;
import static io.gantry.db.Tables.WALLET;
import static io.gantry.db.Tables.WORKLOAD;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Running work as metering sees it, written straight into the tables: a workload RUNNING since a given time on a
 * runtime instance of another replica (so that this replica's reconciler leaves it alone), with its order.
 */
record MeteringFixtures(DSLContext db, List<Long> made) {

    MeteringFixtures(DSLContext db) {
        this(db, new java.util.ArrayList<>());
    }

    static final String ELSEWHERE = "another-replica";

    /** A running workload with one device at {@code perDeviceHour}, started at {@code startedAt}; its id. */
    long running(long projectId, long userId, Instant startedAt, String perDeviceHour) {
        long id = db.insertInto(WORKLOAD).set(WORKLOAD.KIND, "container").set(WORKLOAD.PROJECT_ID, projectId)
                .set(WORKLOAD.USER_ID, userId).set(WORKLOAD.NAME, "metered").set(WORKLOAD.IMAGE_ID, 1L)
                .set(WORKLOAD.IMAGE_REFERENCE, "gantry/python:3").set(WORKLOAD.SPEC_ID, 1L)
                .set(WORKLOAD.DEVICES, 1).set(WORKLOAD.CPU_CORES, 1).set(WORKLOAD.MEMORY_MIB, 1024L)
                .set(WORKLOAD.RUNTIME, "local").set(WORKLOAD.RUNTIME_ID, "container-m" + UUID.randomUUID())
                .set(WORKLOAD.RUNTIME_INSTANCE, ELSEWHERE).set(WORKLOAD.DESIRED_STATE, "RUNNING")
                .set(WORKLOAD.STATE, "RUNNING").set(WORKLOAD.CREATED_AT, startedAt)
                .set(WORKLOAD.STARTED_AT, startedAt)
                .returning(WORKLOAD.ID).fetchOne().getId();
        db.insertInto(PURCHASE_ORDER).set(PURCHASE_ORDER.WORKLOAD_ID, id).set(PURCHASE_ORDER.PROJECT_ID, projectId)
                .set(PURCHASE_ORDER.USER_ID, userId).set(PURCHASE_ORDER.SERVICE_TYPE, "CONTAINER")
                .set(PURCHASE_ORDER.NAME, "metered").set(PURCHASE_ORDER.SPEC_ID, 1L)
                .set(PURCHASE_ORDER.SPEC_NAME, "spec").set(PURCHASE_ORDER.DEVICES, 1)
                .set(PURCHASE_ORDER.CPU_CORES, 1).set(PURCHASE_ORDER.MEMORY_MIB, 1024L)
                .set(PURCHASE_ORDER.CURRENCY, "CNY")
                .set(PURCHASE_ORDER.PRICE_DEVICE_HOUR, new BigDecimal(perDeviceHour))
                .set(PURCHASE_ORDER.PRICE_CORE_HOUR, BigDecimal.ZERO)
                .set(PURCHASE_ORDER.PRICE_GIB_HOUR, BigDecimal.ZERO)
                .set(PURCHASE_ORDER.ORDERED_AT, startedAt).set(PURCHASE_ORDER.APPROVAL, "NOT_REQUIRED")
                .execute();
        made.add(id);
        return id;
    }

    /** Ends what is still running of the workloads made here, so that later tests do not pay for them. */
    void endAll(Instant at) {
        db.update(WORKLOAD).set(WORKLOAD.STATE, "STOPPED").set(WORKLOAD.DESIRED_STATE, "STOPPED")
                .set(WORKLOAD.ENDED_AT, at).where(WORKLOAD.ID.in(made))
                .and(WORKLOAD.STATE.in("RUNNING", "STOPPING")).execute();
    }

    /** Ends the workload as its holder would have recorded it. */
    void ended(long workloadId, Instant at) {
        db.update(WORKLOAD).set(WORKLOAD.STATE, "STOPPED").set(WORKLOAD.DESIRED_STATE, "STOPPED")
                .set(WORKLOAD.ENDED_AT, at).where(WORKLOAD.ID.eq(workloadId)).execute();
    }

    /** The workload's charges, oldest minute first. */
    List<Charge> charges(long workloadId) {
        return db.select(LEDGER_LINE.CHARGED_MINUTE, LEDGER_LINE.AMOUNT).from(LEDGER_LINE)
                .where(LEDGER_LINE.WORKLOAD_ID.eq(workloadId)).orderBy(LEDGER_LINE.CHARGED_MINUTE)
                .fetch(r -> new Charge(r.value1(), r.value2().negate().stripTrailingZeros()));
    }

    BigDecimal balance(long projectId) {
        return db.select(WALLET.BALANCE).from(WALLET).where(WALLET.PROJECT_ID.eq(projectId)).fetchSingle(WALLET.BALANCE);
    }

    BigDecimal ledgerSum(long projectId) {
        return db.select(DSL.coalesce(DSL.sum(LEDGER_LINE.AMOUNT), BigDecimal.ZERO)).from(LEDGER_LINE)
                .where(LEDGER_LINE.PROJECT_ID.eq(projectId)).fetchSingle().value1();
    }

    /**
     * The project's hourly spending summary by key, amounts without trailing zeros, and what its CHARGE lines add up
     * to by the same key (the first hour, the second the ledger): the two are equal whenever the ledger is.
     */
    List<Map<CostHourRepository.Key, BigDecimal>> spendingSummaryAndLedger(long projectId) {
        Map<CostHourRepository.Key, BigDecimal> summary = new HashMap<>();
        db.selectFrom(COST_HOUR).where(COST_HOUR.PROJECT_ID.eq(projectId)).forEach(r -> summary.put(
                new CostHourRepository.Key(r.getHourStart(), r.getProjectId(), r.getUserId(), r.getSpecId(),
                        r.getServiceType()), r.getAmount().stripTrailingZeros()));
        Map<CostHourRepository.Key, BigDecimal> ledger = new HashMap<>();
        db.selectFrom(LEDGER_LINE).where(LEDGER_LINE.PROJECT_ID.eq(projectId)).and(LEDGER_LINE.TYPE.eq("CHARGE"))
                .forEach(r -> ledger.merge(CostHourRepository.Key.of(r.getAt(), r.getProjectId(), r.getUserId(),
                        r.getSpecId(), r.getServiceType()), r.getAmount().negate(), BigDecimal::add));
        ledger.replaceAll((k, v) -> v.stripTrailingZeros());
        ledger.values().removeIf(v -> v.signum() == 0);
        return List.of(summary, ledger);
    }

    /** Pairs of (workload, minute) charged more than once in the project: none, ever. */
    int duplicates(long projectId) {
        return db.fetchCount(db.select(LEDGER_LINE.WORKLOAD_ID, LEDGER_LINE.CHARGED_MINUTE).from(LEDGER_LINE)
                .where(LEDGER_LINE.PROJECT_ID.eq(projectId)).and(LEDGER_LINE.TYPE.eq("CHARGE"))
                .groupBy(LEDGER_LINE.WORKLOAD_ID, LEDGER_LINE.CHARGED_MINUTE).having(DSL.count().gt(1)));
    }

    record Charge(Instant minute, BigDecimal amount) {
    }
}
