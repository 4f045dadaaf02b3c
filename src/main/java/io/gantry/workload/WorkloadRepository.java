package io.gantry.workload;

import static io.gantry.db.Tables.WORKLOAD;
import static io.gantry.db.Tables.WORKLOAD_EVENT;

import io.gantry.db.tables.records.WorkloadRecord;
import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class WorkloadRepository {

    /** Lists (devices, a reason's arguments, warnings) are kept as JSON arrays, so any text fits in an argument. */
    private static final JsonMapper JSON_LISTS = JsonMapper.builder().build();

    /** What workload lists may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", WORKLOAD.NAME)
            .add("devices", WORKLOAD.DEVICES)
            .add("image", WORKLOAD.IMAGE_REFERENCE)
            .add("id", WORKLOAD.ID)
            .add("created", WORKLOAD.CREATED_AT)
            .add("state", WORKLOAD.STATE)
            .build();

    private final DSLContext db;
    private final ApplicationEventPublisher events;

    WorkloadRepository(DSLContext db, ApplicationEventPublisher events) {
        this.db = db;
        this.events = events;
    }

    long insert(WorkloadRecord draft) {
        WorkloadRecord r = db.newRecord(WORKLOAD, draft);
        r.changed(WORKLOAD.ID, false);
        r.store();
        return r.getId();
    }

    Optional<Workload> find(long id) {
        return db.selectFrom(WORKLOAD).where(WORKLOAD.ID.eq(id)).fetchOptional(WorkloadRepository::toWorkload);
    }

    List<Workload> find(Collection<Long> ids) {
        return db.selectFrom(WORKLOAD).where(WORKLOAD.ID.in(ids)).fetch(WorkloadRepository::toWorkload);
    }

    List<Workload> usingImages(Collection<Long> imageIds) {
        return db.selectFrom(WORKLOAD).where(WORKLOAD.IMAGE_ID.in(imageIds))
                .and(WORKLOAD.STATE.ne(Phase.DELETED.name()))
                .and(WORKLOAD.DESIRED_STATE.ne(Desired.DELETED.name()))
                .orderBy(WORKLOAD.NAME, WORKLOAD.ID).fetch(WorkloadRepository::toWorkload);
    }

    Optional<Workload> byRuntimeId(String runtimeId) {
        return db.selectFrom(WORKLOAD).where(WORKLOAD.RUNTIME_ID.eq(runtimeId))
                .fetchOptional(WorkloadRepository::toWorkload);
    }

    Optional<Workload> byBrokerRequest(long requestId) {
        return db.selectFrom(WORKLOAD).where(WORKLOAD.BROKER_REQUEST_ID.eq(requestId))
                .fetchOptional(WorkloadRepository::toWorkload);
    }

    /** A page of workloads in the asked order, then newest first, so that paging is stable; deleted ones never. */
    List<Workload> page(Condition condition, List<ListSort> sort, int offset, int limit) {
        return db.selectFrom(WORKLOAD).where(condition).and(WORKLOAD.STATE.ne(Phase.DELETED.name()))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, WORKLOAD.CREATED_AT.desc(), WORKLOAD.ID.desc()))
                .offset(offset).limit(limit)
                .fetch(WorkloadRepository::toWorkload);
    }

    /** A live or ended workload of the kind in the project with this name; one deleted or being deleted frees it. */
    boolean nameTaken(String kind, long projectId, String name, Long except) {
        return db.fetchExists(WORKLOAD, WORKLOAD.KIND.eq(kind).and(WORKLOAD.PROJECT_ID.eq(projectId))
                .and(except == null ? DSL.noCondition() : WORKLOAD.ID.ne(except))
                .and(DSL.lower(WORKLOAD.NAME).eq(name.strip().toLowerCase(java.util.Locale.ROOT)))
                .and(WORKLOAD.STATE.ne(Phase.DELETED.name()))
                .and(WORKLOAD.DESIRED_STATE.ne(Desired.DELETED.name())));
    }

    int count(Condition condition) {
        return db.fetchCount(WORKLOAD, condition.and(WORKLOAD.STATE.ne(Phase.DELETED.name())));
    }

    /** The ids of every workload the reconciler still has something to do for: live, or ended but not yet removed. */
    List<Workload> unsettled() {
        return db.selectFrom(WORKLOAD)
                .where(WORKLOAD.STATE.in(names(live())))
                .or(WORKLOAD.DESIRED_STATE.eq(Desired.DELETED.name()).and(WORKLOAD.STATE.ne(Phase.DELETED.name())))
                .orderBy(WORKLOAD.ID).fetch(WorkloadRepository::toWorkload);
    }

    /** Workloads in these phases that this runtime instance holds. */
    List<Workload> heldInPhases(String instance, Collection<Phase> phases) {
        return db.selectFrom(WORKLOAD).where(WORKLOAD.RUNTIME_INSTANCE.eq(instance))
                .and(WORKLOAD.STATE.in(names(phases))).fetch(WorkloadRepository::toWorkload);
    }

    /** The runtime ids of the workloads of a runtime in these phases (those whose runtime objects must stay). */
    java.util.Set<String> runtimeIdsInPhases(String runtime, Collection<Phase> phases) {
        return new java.util.HashSet<>(db.select(WORKLOAD.RUNTIME_ID).from(WORKLOAD)
                .where(WORKLOAD.RUNTIME.eq(runtime)).and(WORKLOAD.STATE.in(names(phases)))
                .fetch(WORKLOAD.RUNTIME_ID));
    }

    /**
     * Workloads that were started before runtime instances were recorded (an upgrade): this instance takes them, so
     * that a restart still adopts them.
     */
    int adoptUnclaimed(String instance, String runtime) {
        return db.update(WORKLOAD).set(WORKLOAD.RUNTIME_INSTANCE, instance)
                .where(WORKLOAD.RUNTIME_INSTANCE.isNull()).and(WORKLOAD.RUNTIME.eq(runtime))
                .and(WORKLOAD.STATE.in(names(List.of(Phase.CREATING, Phase.RUNNING, Phase.STOPPING)))).execute();
    }

    /**
     * Takes the right to act on a workload for a while: one reconciler at a time, across threads and replicas. False
     * when another holds it.
     */
    boolean lease(long id, String owner, Instant now, Instant until) {
        return db.update(WORKLOAD).set(WORKLOAD.LEASE_OWNER, owner).set(WORKLOAD.LEASE_UNTIL, until)
                .where(WORKLOAD.ID.eq(id))
                .and(WORKLOAD.LEASE_UNTIL.isNull().or(WORKLOAD.LEASE_UNTIL.lt(now)))
                .execute() == 1;
    }

    /**
     * Lets go of the leases this replica held before it stopped: those of its runtime instance (named first in an
     * owner) taken by another process than {@code owner}, this one.
     */
    void releaseLeasesOf(String instance, String owner) {
        db.update(WORKLOAD).setNull(WORKLOAD.LEASE_OWNER).setNull(WORKLOAD.LEASE_UNTIL)
                .where(WORKLOAD.LEASE_OWNER.startsWith(instance + "#")).and(WORKLOAD.LEASE_OWNER.ne(owner)).execute();
    }

    void unlease(long id, String owner) {
        db.update(WORKLOAD).setNull(WORKLOAD.LEASE_OWNER).setNull(WORKLOAD.LEASE_UNTIL)
                .where(WORKLOAD.ID.eq(id)).and(WORKLOAD.LEASE_OWNER.eq(owner)).execute();
    }

    /**
     * Moves a workload to a phase if it is in one of {@code from}; false if another thread or replica moved it first.
     * The transition is recorded as an event.
     */
    boolean transition(long id, Collection<Phase> from, Phase to, String reason, List<String> arguments,
                       Instant now) {
        var update = db.update(WORKLOAD).set(WORKLOAD.STATE, to.name()).set(WORKLOAD.REASON, reason)
                .set(WORKLOAD.REASON_ARGUMENTS, join(arguments));
        if (to == Phase.RUNNING) {
            update = update.set(WORKLOAD.STARTED_AT, now).set(WORKLOAD.LAST_ACTIVITY_AT, now);
        }
        if (!to.isLive()) {
            update = update.set(WORKLOAD.ENDED_AT, DSL.coalesce(WORKLOAD.ENDED_AT, DSL.val(now)));
        }
        Workload before = find(id).orElse(null);
        boolean moved = before != null && update.where(WORKLOAD.ID.eq(id))
                .and(WORKLOAD.STATE.in(names(from))).execute() == 1;
        if (moved) {
            event(before, before.phase(), to, reason, arguments, now);
        }
        return moved;
    }

    /** Records an event (a warning, say) without a transition. */
    void event(Workload workload, Phase from, Phase to, String reason, List<String> arguments, Instant now) {
        db.insertInto(WORKLOAD_EVENT, WORKLOAD_EVENT.WORKLOAD_ID, WORKLOAD_EVENT.AT, WORKLOAD_EVENT.FROM_STATE,
                        WORKLOAD_EVENT.TO_STATE, WORKLOAD_EVENT.REASON, WORKLOAD_EVENT.REASON_ARGUMENTS)
                .values(workload.id(), now, from == null ? null : from.name(), to.name(), reason,
                        join(arguments)).execute();
        events.publishEvent(new WorkloadChanged(workload.id(), workload.kind(), workload.projectId(), to));
    }

    /** The runtime's keys of the events already copied from it into the workload's events. */
    java.util.Set<String> runtimeEventKeys(long workloadId) {
        return new java.util.HashSet<>(db.select(WORKLOAD_EVENT.RUNTIME_KEY).from(WORKLOAD_EVENT)
                .where(WORKLOAD_EVENT.WORKLOAD_ID.eq(workloadId)).and(WORKLOAD_EVENT.RUNTIME_KEY.isNotNull())
                .fetch(WORKLOAD_EVENT.RUNTIME_KEY));
    }

    /** Records an event the runtime reported, once per key (the key is unique per workload). */
    void runtimeEvent(Workload workload, String key, Instant at, String reason, List<String> arguments) {
        db.insertInto(WORKLOAD_EVENT, WORKLOAD_EVENT.WORKLOAD_ID, WORKLOAD_EVENT.AT, WORKLOAD_EVENT.FROM_STATE,
                        WORKLOAD_EVENT.TO_STATE, WORKLOAD_EVENT.REASON, WORKLOAD_EVENT.REASON_ARGUMENTS,
                        WORKLOAD_EVENT.RUNTIME_KEY)
                .values(workload.id(), at, null, workload.phase().name(), reason, join(arguments), key).execute();
        events.publishEvent(new WorkloadChanged(workload.id(), workload.kind(), workload.projectId(),
                workload.phase()));
    }

    /** What is wanted of it, and why when it must stop; conditional on it still wanting something else. */
    boolean desire(long id, Desired desired, String stopReason, List<String> arguments) {
        return db.update(WORKLOAD).set(WORKLOAD.DESIRED_STATE, desired.name())
                .set(WORKLOAD.STOP_REASON, stopReason).set(WORKLOAD.STOP_REASON_ARGUMENTS, join(arguments))
                .where(WORKLOAD.ID.eq(id)).and(WORKLOAD.DESIRED_STATE.ne(desired.name()))
                .and(WORKLOAD.DESIRED_STATE.ne(Desired.DELETED.name()))
                .execute() == 1;
    }

    void setBrokerRequest(long id, long requestId) {
        db.update(WORKLOAD).set(WORKLOAD.BROKER_REQUEST_ID, requestId).where(WORKLOAD.ID.eq(id)).execute();
    }

    /**
     * Claims a placed workload for this runtime instance: QUEUED to CREATING, the holder and the devices recorded in
     * one conditional update, so that of several replicas that heard of the placement exactly one starts it.
     */
    boolean claim(long id, String instance, long nodeId, List<Integer> devices, Instant now) {
        Workload before = find(id).orElse(null);
        boolean moved = before != null && db.update(WORKLOAD).set(WORKLOAD.STATE, Phase.CREATING.name())
                .set(WORKLOAD.RUNTIME_INSTANCE, instance).set(WORKLOAD.NODE_ID, nodeId)
                .set(WORKLOAD.DEVICE_INDEXES, json(devices))
                .setNull(WORKLOAD.REASON).setNull(WORKLOAD.REASON_ARGUMENTS)
                .where(WORKLOAD.ID.eq(id)).and(WORKLOAD.STATE.eq(Phase.QUEUED.name()))
                .and(WORKLOAD.DESIRED_STATE.eq(Desired.RUNNING.name())).execute() == 1;
        if (moved) {
            event(before, Phase.QUEUED, Phase.CREATING, null, List.of(), now);
        }
        return moved;
    }

    void setExitCode(long id, Integer exitCode) {
        db.update(WORKLOAD).set(WORKLOAD.EXIT_CODE, exitCode).where(WORKLOAD.ID.eq(id)).execute();
    }

    void setLastActivity(long id, Instant at) {
        db.update(WORKLOAD).set(WORKLOAD.LAST_ACTIVITY_AT, at).where(WORKLOAD.ID.eq(id))
                .and(WORKLOAD.LAST_ACTIVITY_AT.isNull().or(WORKLOAD.LAST_ACTIVITY_AT.lt(at))).execute();
    }

    void setWarnings(long id, List<String> warnings) {
        db.update(WORKLOAD).set(WORKLOAD.WARNINGS, join(warnings))
                .where(WORKLOAD.ID.eq(id)).execute();
    }

    List<WorkloadEvent> events(long id) {
        return db.selectFrom(WORKLOAD_EVENT).where(WORKLOAD_EVENT.WORKLOAD_ID.eq(id))
                .orderBy(WORKLOAD_EVENT.AT, WORKLOAD_EVENT.ID)
                .fetch(r -> new WorkloadEvent(r.getAt(),
                        r.getFromState() == null ? null : Phase.valueOf(r.getFromState()),
                        Phase.valueOf(r.getToState()), r.getReason(), split(r.getReasonArguments())));
    }

    /** Names of a user's live workloads, each with its kind and number. */
    List<String> liveOwnedBy(long userId) {
        return db.select(WORKLOAD.NAME, WORKLOAD.ID).from(WORKLOAD)
                .where(WORKLOAD.USER_ID.eq(userId)).and(WORKLOAD.STATE.in(names(live())))
                .orderBy(WORKLOAD.NAME, WORKLOAD.ID).fetch(r -> r.value1() + " (#" + r.value2() + ")");
    }

    /** The project's workloads that hold their devices in a runtime now (running, or stopping). */
    List<Long> runningIn(long projectId) {
        return db.select(WORKLOAD.ID).from(WORKLOAD).where(WORKLOAD.PROJECT_ID.eq(projectId))
                .and(WORKLOAD.STATE.in(Phase.RUNNING.name(), Phase.STOPPING.name())).fetch(WORKLOAD.ID);
    }

    /**
     * Every workload that runs now (running, or stopping) and every one that ran and ended after {@code endedAfter}:
     * what metering charges for, in one query over the state index and the ended ones.
     */
    List<MeteredWorkload> ranSince(Instant endedAfter) {
        return db.select(WORKLOAD.ID, WORKLOAD.PROJECT_ID, WORKLOAD.USER_ID, WORKLOAD.STATE, WORKLOAD.STARTED_AT,
                        WORKLOAD.ENDED_AT, WORKLOAD.STOP_REASON)
                .from(WORKLOAD)
                .where(WORKLOAD.STARTED_AT.isNotNull())
                .and(WORKLOAD.STATE.in(Phase.RUNNING.name(), Phase.STOPPING.name())
                        .or(WORKLOAD.ENDED_AT.gt(endedAfter)))
                .orderBy(WORKLOAD.PROJECT_ID, WORKLOAD.ID)
                .fetch(r -> {
                    Phase phase = Phase.valueOf(r.value4());
                    // While it runs or stops it has not ended, whatever an earlier row may say.
                    Instant ended = phase.isLive() ? null : r.value6();
                    return new MeteredWorkload(r.value1(), r.value2(), r.value3(), phase, r.value5(), ended,
                            r.value7());
                });
    }

    /** Live workloads among these, by id: one query for a whole list. */
    Map<Long, String> liveNames(Collection<Long> ids) {
        return db.select(WORKLOAD.ID, WORKLOAD.NAME).from(WORKLOAD).where(WORKLOAD.ID.in(ids))
                .and(WORKLOAD.STATE.in(names(live()))).fetchMap(WORKLOAD.ID, WORKLOAD.NAME);
    }

    static Condition condition(WorkloadQuery query) {
        Condition condition = DSL.noCondition();
        if (query.kind() != null) {
            condition = condition.and(WORKLOAD.KIND.eq(query.kind()));
        }
        if (query.projectId() != null) {
            condition = condition.and(WORKLOAD.PROJECT_ID.eq(query.projectId()));
        }
        if (query.ownerId() != null) {
            condition = condition.and(WORKLOAD.USER_ID.eq(query.ownerId()));
        }
        if (query.nameContains() != null && !query.nameContains().isBlank()) {
            condition = condition.and(WORKLOAD.NAME.containsIgnoreCase(query.nameContains().strip()));
        }
        if (query.phase() != null) {
            condition = condition.and(WORKLOAD.STATE.eq(query.phase().name()));
        }
        return condition;
    }

    private static List<Phase> live() {
        return Arrays.stream(Phase.values()).filter(Phase::isLive).toList();
    }

    private static List<String> names(Collection<Phase> phases) {
        return phases.stream().map(Enum::name).toList();
    }

    static Workload toWorkload(WorkloadRecord r) {
        return new Workload(r.getId(), r.getKind(), r.getProjectId(), r.getUserId(), r.getName(), r.getImageId(),
                r.getImageReference(), r.getImageFiles(), r.getImageEnvironment(), r.getSpecId(), r.getDevices(),
                r.getCpuCores(), r.getMemoryMib(), r.getBrokerRequestId(), r.getRuntime(), r.getRuntimeId(),
                r.getRuntimeInstance(), r.getNodeId(), indexes(r.getDeviceIndexes()),
                Desired.valueOf(r.getDesiredState()), Phase.valueOf(r.getState()), r.getReason(),
                split(r.getReasonArguments()), r.getStopReason(), split(r.getStopReasonArguments()),
                r.getExitCode(), r.getCreatedAt(), r.getStartAt(), r.getStartedAt(),
                r.getEndAt(), r.getRunHours(), r.getEndedAt(), r.getLastActivityAt(),
                split(r.getWarnings()), r.getNodes(), Boolean.TRUE.equals(r.getPreemptible()), r.getRunMinutes());
    }

    private static List<Integer> indexes(JSON json) {
        return json == null ? List.of() : List.of(JSON_LISTS.readValue(json.data(), Integer[].class));
    }

    private static JSON join(List<String> arguments) {
        return arguments == null || arguments.isEmpty() ? null : json(arguments);
    }

    private static List<String> split(JSON json) {
        return json == null ? List.of() : List.of(JSON_LISTS.readValue(json.data(), String[].class));
    }

    private static JSON json(List<?> list) {
        return JSON.json(JSON_LISTS.writeValueAsString(list));
    }
}
