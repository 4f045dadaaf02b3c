package io.gantry.broker;

import static io.gantry.db.Tables.ALLOCATION;
import static io.gantry.db.Tables.BROKER_PASS_LOCK;
import static io.gantry.db.Tables.BROKER_REQUEST;

import io.gantry.broker.internal.Request;
import io.gantry.db.tables.records.BrokerRequestRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.WorkloadUsage;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class BrokerRepository {

    /** What the request lists may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("id", BROKER_REQUEST.ID)
            .add("workload", BROKER_REQUEST.WORKLOAD)
            .add("priority", BROKER_REQUEST.PRIORITY)
            .add("preemptible", BROKER_REQUEST.PREEMPTIBLE)
            .add("status", BROKER_REQUEST.STATUS)
            .add("submitted", BROKER_REQUEST.SUBMITTED_AT)
            .build();

    /** The key of the scheduling passes' advisory lock on PostgreSQL (any number no other lock of Gantry uses). */
    static final long PASS_LOCK_KEY = 0x6761_6e74_7279_01L;

    private final DSLContext db;

    BrokerRepository(DSLContext db) {
        this.db = db;
    }

    long insert(RequestForm form, long userId, RequestStatus status, Explanation why, Instant now) {
        BrokerRequestRecord r = db.newRecord(BROKER_REQUEST);
        r.setProjectId(form.projectId());
        r.setUserId(userId);
        r.setSpecId(form.specId());
        r.setNodes(form.nodes());
        r.setDevicesPerNode(form.devicesPerNode());
        r.setCpuPerNode(form.cpuPerNode());
        r.setMemoryMibPerNode(form.memoryMibPerNode());
        r.setPriority(form.priority());
        r.setPreemptible(form.preemptible());
        r.setMaxHours(form.maxHours());
        r.setWorkload(form.workload());
        r.setStatus(status.name());
        r.setSubmittedAt(now);
        setExplanation(r, why);
        r.store();
        return r.getId();
    }

    Optional<BrokerRequestRecord> byId(long id) {
        return db.selectFrom(BROKER_REQUEST).where(BROKER_REQUEST.ID.eq(id)).fetchOptional();
    }

    String workloadOf(long requestId) {
        return db.select(BROKER_REQUEST.WORKLOAD).from(BROKER_REQUEST).where(BROKER_REQUEST.ID.eq(requestId))
                .fetchOne(BROKER_REQUEST.WORKLOAD);
    }

    /** A queued request, with what it is for and why the last pass said it waits (null before any pass). */
    record Waiting(Request request, String workload, Explanation explanation) {
    }

    /** The queue, in one query. */
    List<Waiting> queued() {
        return db.selectFrom(BROKER_REQUEST).where(BROKER_REQUEST.STATUS.eq(RequestStatus.QUEUED.name()))
                .orderBy(BROKER_REQUEST.ID)
                .fetch(r -> new Waiting(toRequest(r), r.getWorkload(), explanationOf(r)));
    }

    /** Live grants: placed requests with the devices they hold, in one query. */
    List<Grant> grants() {
        return db.select(BROKER_REQUEST, devices())
                .from(BROKER_REQUEST).where(BROKER_REQUEST.STATUS.eq(RequestStatus.PLACED.name()))
                .orderBy(BROKER_REQUEST.ID)
                .fetch(r -> new Grant(toRequest(r.value1()), r.value2(), r.value1().getPlacedAt(),
                        r.value1().getEndsBy()));
    }

    /** A request's devices, per node, as a nested collection of the request's row. */
    private static Field<List<Grant.Slot>> devices() {
        return DSL.multiset(DSL.select(ALLOCATION.NODE_ID, ALLOCATION.DEVICE_INDEX).from(ALLOCATION)
                        .where(ALLOCATION.REQUEST_ID.eq(BROKER_REQUEST.ID))
                        .orderBy(ALLOCATION.NODE_ID, ALLOCATION.DEVICE_INDEX))
                .convertFrom(rows -> {
                    Map<Long, List<Integer>> byNode = new LinkedHashMap<>();
                    rows.forEach(a -> {
                        List<Integer> onNode = byNode.computeIfAbsent(a.value1(), id -> new ArrayList<>());
                        if (a.value2() != null) {
                            onNode.add(a.value2());
                        }
                    });
                    return byNode.entrySet().stream()
                            .map(e -> new Grant.Slot(e.getKey(), List.copyOf(e.getValue()))).toList();
                });
    }

    /**
     * Gives queued requests their devices, in two batches. The unique (node, device) constraint refuses a device
     * given twice, and the status condition refuses a request another pass placed or someone withdrew meanwhile:
     * either way (false, or the constraint's exception) the pass starts over.
     */
    boolean place(List<Grant> grants) {
        if (grants.isEmpty()) {
            return true;
        }
        var statuses = db.batch(db.update(BROKER_REQUEST)
                .set(BROKER_REQUEST.STATUS, RequestStatus.PLACED.name())
                .set(BROKER_REQUEST.PLACED_AT, (Instant) null)
                .set(BROKER_REQUEST.ENDS_BY, (Instant) null)
                .set(BROKER_REQUEST.REASON, (String) null)
                .where(BROKER_REQUEST.ID.eq((Long) null)
                        .and(BROKER_REQUEST.STATUS.eq(RequestStatus.QUEUED.name()))));
        var allocations = db.batch(db.insertInto(ALLOCATION, ALLOCATION.REQUEST_ID, ALLOCATION.NODE_ID,
                ALLOCATION.DEVICE_INDEX).values((Long) null, null, null));
        for (Grant grant : grants) {
            statuses.bind(RequestStatus.PLACED.name(), grant.startedAt(),
                    grant.endsBy(), null, grant.request().id(),
                    RequestStatus.QUEUED.name());
            for (Grant.Slot slot : grant.slots()) {
                if (slot.devices().isEmpty()) {
                    allocations.bind(grant.request().id(), slot.nodeId(), null);
                }
                for (int device : slot.devices()) {
                    allocations.bind(grant.request().id(), slot.nodeId(), device);
                }
            }
        }
        for (int updated : statuses.execute()) {
            // A driver may answer "done, count unknown" (-2) for a batch; only a zero means a lost race.
            if (updated == 0) {
                return false;
            }
        }
        allocations.execute();
        return true;
    }

    /**
     * Waits for, then holds until the transaction ends, the one lock of scheduling passes: two replicas' passes that
     * each saw room under a project's quota must not both place work in it. PostgreSQL has a lock for this (an
     * advisory lock, released with the transaction); elsewhere, one row of a table of its own is locked.
     */
    void lockPasses() {
        if (db.dialect().family() == SQLDialect.POSTGRES) {
            db.select(DSL.field("pg_advisory_xact_lock({0})", Object.class, DSL.val(PASS_LOCK_KEY))).fetch();
        } else {
            db.selectFrom(BROKER_PASS_LOCK).where(BROKER_PASS_LOCK.ID.eq(1)).forUpdate().fetch();
        }
    }

    /** Ends a live request: its devices go back. False when it had ended already. */
    boolean finish(long requestId, RequestStatus status, Explanation why, Instant now) {
        return finish(requestId, status, why, now, List.of(RequestStatus.QUEUED, RequestStatus.PLACED));
    }

    /**
     * Ends a request that is in one of {@code from}; its devices go back only then. False when it was in no such
     * state (ended already, or placed meanwhile when only a queued one may end).
     */
    boolean finish(long requestId, RequestStatus status, Explanation why, Instant now, List<RequestStatus> from) {
        var update = db.update(BROKER_REQUEST)
                .set(BROKER_REQUEST.STATUS, status.name())
                .set(BROKER_REQUEST.FINISHED_AT, now);
        if (why != null) {
            update = update.set(BROKER_REQUEST.REASON, why.reason().name());
        }
        boolean ended = update.where(BROKER_REQUEST.ID.eq(requestId)
                .and(BROKER_REQUEST.STATUS.in(from.stream().map(Enum::name).toList())))
                .execute() == 1;
        if (ended) {
            db.deleteFrom(ALLOCATION).where(ALLOCATION.REQUEST_ID.eq(requestId)).execute();
        }
        return ended;
    }

    /** Writes why these requests wait, in one batch. */
    void explain(Map<Long, Explanation> explanations) {
        if (explanations.isEmpty()) {
            return;
        }
        var batch = db.batch(db.update(BROKER_REQUEST)
                .set(BROKER_REQUEST.REASON, (String) null)
                .set(BROKER_REQUEST.NEEDED, (Integer) null)
                .set(BROKER_REQUEST.USABLE_FREE, (Integer) null)
                .set(BROKER_REQUEST.TOTAL_FREE, (Integer) null)
                .set(BROKER_REQUEST.LIMIT_VALUE, (Integer) null)
                .set(BROKER_REQUEST.HELD, (Integer) null)
                .set(BROKER_REQUEST.NEXT_RELEASE, (Long) null)
                .set(BROKER_REQUEST.NEXT_RELEASE_BY, (Instant) null)
                .set(BROKER_REQUEST.AHEAD, (Integer) null)
                .where(BROKER_REQUEST.ID.eq((Long) null)));
        explanations.forEach((id, why) -> batch.bind(why.reason().name(), why.needed(), why.usableFree(),
                why.totalFree(), why.limit(), why.held(), why.nextRelease(),
                why.nextReleaseBy(), why.ahead(), id));
        batch.execute();
    }

    List<QueuedRequest> find(Condition condition, int offset, int limit) {
        return find(condition, List.of(), offset, limit);
    }

    /** A page of requests in the asked order, then in the queue's own order (waiting first, next in line first). */
    List<QueuedRequest> find(Condition condition, List<ListSort> sort, int offset, int limit) {
        return db.select(BROKER_REQUEST, devices()).from(BROKER_REQUEST).where(condition)
                .orderBy(SqlSort.orderBy(SORTABLE, sort,
                        DSL.when(BROKER_REQUEST.STATUS.eq(RequestStatus.QUEUED.name()), 0).otherwise(1).asc(),
                        BROKER_REQUEST.AHEAD.asc().nullsLast(), BROKER_REQUEST.ID.desc()))
                .offset(offset).limit(limit)
                .fetch(row -> {
                    BrokerRequestRecord r = row.value1();
                    return new QueuedRequest(r.getId(), r.getProjectId(), r.getUserId(), r.getSpecId(), r.getNodes(),
                            r.getDevicesPerNode(), r.getPriority(), r.getPreemptible(), r.getWorkload(),
                            RequestStatus.valueOf(r.getStatus()), explanationOf(r), r.getSubmittedAt(),
                            r.getPlacedAt(), row.value2());
                });
    }

    int count(Condition condition) {
        return db.fetchCount(BROKER_REQUEST, condition);
    }

    /**
     * What placed requests use per project, for these projects in one query: how many are placed (each runs one
     * workload) and the devices they hold per spec. Only placed requests have allocations. A project with no placed
     * request is absent.
     */
    Map<Long, WorkloadUsage.ProjectUse> useByProject(Collection<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, WorkloadUsage.ProjectUse> use = new HashMap<>();
        // A request has one spec, so its distinct count per (project, spec) adds up to the project's.
        db.select(BROKER_REQUEST.PROJECT_ID, BROKER_REQUEST.SPEC_ID, DSL.countDistinct(BROKER_REQUEST.ID),
                        DSL.count(ALLOCATION.DEVICE_INDEX))
                .from(BROKER_REQUEST)
                .leftJoin(ALLOCATION).on(ALLOCATION.REQUEST_ID.eq(BROKER_REQUEST.ID))
                .where(BROKER_REQUEST.PROJECT_ID.in(projectIds)
                        .and(BROKER_REQUEST.STATUS.eq(RequestStatus.PLACED.name())))
                .groupBy(BROKER_REQUEST.PROJECT_ID, BROKER_REQUEST.SPEC_ID)
                .forEach(r -> use.merge(r.value1(), new WorkloadUsage.ProjectUse(r.value3(),
                        r.value4() == 0 ? Map.of() : Map.of(r.value2(), r.value4())), WorkloadUsage.ProjectUse::plus));
        return use;
    }

    /** Devices in use per node, for these nodes in one query; a node with none in use is absent. */
    Map<Long, Integer> devicesInUseByNode(Collection<Long> nodeIds) {
        if (nodeIds.isEmpty()) {
            return Map.of();
        }
        return db.select(ALLOCATION.NODE_ID, DSL.count()).from(ALLOCATION)
                .where(ALLOCATION.NODE_ID.in(nodeIds).and(ALLOCATION.DEVICE_INDEX.isNotNull()))
                .groupBy(ALLOCATION.NODE_ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    int devicesInUse() {
        return db.fetchCount(ALLOCATION, ALLOCATION.DEVICE_INDEX.isNotNull());
    }

    private static void setExplanation(BrokerRequestRecord r, Explanation why) {
        r.setReason(why == null ? null : why.reason().name());
        r.setNeeded(why == null ? null : why.needed());
        r.setUsableFree(why == null ? null : why.usableFree());
        r.setTotalFree(why == null ? null : why.totalFree());
        r.setLimitValue(why == null ? null : why.limit());
        r.setHeld(why == null ? null : why.held());
        r.setNextRelease(why == null ? null : why.nextRelease());
        r.setNextReleaseBy(why == null ? null : why.nextReleaseBy());
        r.setAhead(why == null ? null : why.ahead());
    }

    private static Explanation explanationOf(BrokerRequestRecord r) {
        if (r.getReason() == null) {
            return null;
        }
        return new Explanation(Explanation.Reason.valueOf(r.getReason()), zero(r.getNeeded()), zero(r.getUsableFree()),
                zero(r.getTotalFree()), zero(r.getLimitValue()), zero(r.getHeld()), r.getNextRelease(),
                r.getNextReleaseBy(), zero(r.getAhead()));
    }

    static Request toRequest(BrokerRequestRecord r) {
        return new Request(r.getId(), r.getProjectId(), r.getUserId(), r.getSpecId(), r.getNodes(),
                r.getDevicesPerNode(), r.getCpuPerNode(), r.getMemoryMibPerNode(), r.getPriority(), r.getPreemptible(),
                r.getSubmittedAt(), r.getMaxHours());
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
