package io.gantry.container;

import static io.gantry.db.Tables.CONTAINER;
import static io.gantry.db.Tables.CONTAINER_KEY;
import static io.gantry.db.Tables.CONTAINER_METRIC_SAMPLE;

import io.gantry.cluster.LoginMethod;
import io.gantry.db.tables.records.ContainerRecord;
import io.gantry.shared.ListSort;
import io.gantry.workload.RuntimeId;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadQuery;
import io.gantry.workload.Workloads;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Containers: the container table holds what only a container has; the rest of each container is its workload, read
 * through the workload module's door, one query for a whole page.
 */
@Repository
class ContainerRepository {

    static final String KIND = "container";

    /** How the operation log names a container ("container:12"); its runtime id is a {@link RuntimeId}. */
    static String logTarget(long containerId) {
        return KIND + ":" + containerId;
    }

    private final DSLContext db;
    private final Workloads workloads;

    ContainerRepository(DSLContext db, Workloads workloads) {
        this.db = db;
        this.workloads = workloads;
    }

    long insert(ContainerRecord draft) {
        ContainerRecord r = db.newRecord(CONTAINER, draft);
        r.changed(CONTAINER.ID, false);
        r.store();
        return r.getId();
    }

    void insertKey(long containerId, long keyId, String publicKey) {
        db.insertInto(CONTAINER_KEY, CONTAINER_KEY.CONTAINER_ID, CONTAINER_KEY.KEY_ID, CONTAINER_KEY.PUBLIC_KEY)
                .values(containerId, keyId, publicKey).execute();
    }

    /** The public keys a container accepts. */
    List<String> keys(long containerId) {
        return db.select(CONTAINER_KEY.PUBLIC_KEY).from(CONTAINER_KEY)
                .where(CONTAINER_KEY.CONTAINER_ID.eq(containerId)).fetch(CONTAINER_KEY.PUBLIC_KEY);
    }

    /** Names of the live containers that accept a key. */
    List<String> liveUsingKey(long keyId) {
        List<Long> workloadIds = db.select(CONTAINER.WORKLOAD_ID).from(CONTAINER).join(CONTAINER_KEY)
                .on(CONTAINER_KEY.CONTAINER_ID.eq(CONTAINER.ID)).where(CONTAINER_KEY.KEY_ID.eq(keyId))
                .fetch(CONTAINER.WORKLOAD_ID);
        return workloads.find(workloadIds).stream().filter(w -> w.phase().isLive()).map(Workload::name).sorted()
                .toList();
    }

    /** Gives a new container the keys another accepted (starting a stopped one again). */
    void copyKeys(long fromContainerId, long toContainerId) {
        db.insertInto(CONTAINER_KEY, CONTAINER_KEY.CONTAINER_ID, CONTAINER_KEY.KEY_ID, CONTAINER_KEY.PUBLIC_KEY)
                .select(db.select(DSL.val(toContainerId), CONTAINER_KEY.KEY_ID, CONTAINER_KEY.PUBLIC_KEY)
                        .from(CONTAINER_KEY).where(CONTAINER_KEY.CONTAINER_ID.eq(fromContainerId)))
                .execute();
    }

    /** A container's usage samples taken at or after {@code since}, oldest first. */
    List<MetricSample> metricHistory(long containerId, java.time.Instant since) {
        return db.selectFrom(CONTAINER_METRIC_SAMPLE).where(CONTAINER_METRIC_SAMPLE.CONTAINER_ID.eq(containerId))
                .and(CONTAINER_METRIC_SAMPLE.SAMPLED_AT.ge(since))
                .orderBy(CONTAINER_METRIC_SAMPLE.SAMPLED_AT)
                .fetch(r -> new MetricSample(r.getSampledAt(), r.getCpuPercent(), r.getMemoryBytes(),
                        r.getMemoryLimitBytes(), r.getDiskBytes(), r.getNetworkReceivedBytes(),
                        r.getNetworkSentBytes(), r.getGpuUtilisationPercent(), r.getGpuMemoryUsedBytes(),
                        r.getGpuMemoryTotalBytes()));
    }

    Optional<ContainerRecord> record(long id) {
        return db.selectFrom(CONTAINER).where(CONTAINER.ID.eq(id)).fetchOptional();
    }

    Optional<Container> find(long id) {
        return record(id).flatMap(r -> workloads.find(r.getWorkloadId()).map(w -> toContainer(r, w)));
    }

    Optional<Container> byWorkload(long workloadId) {
        return db.selectFrom(CONTAINER).where(CONTAINER.WORKLOAD_ID.eq(workloadId)).fetchOptional()
                .flatMap(r -> workloads.find(workloadId).map(w -> toContainer(r, w)));
    }

    /** The containers' ids by their workloads' ids, in one query. */
    Map<Long, Long> idsByWorkload(Collection<Long> workloadIds) {
        return workloadIds.isEmpty() ? Map.of() : db.select(CONTAINER.WORKLOAD_ID, CONTAINER.ID).from(CONTAINER)
                .where(CONTAINER.WORKLOAD_ID.in(workloadIds)).fetchMap(CONTAINER.WORKLOAD_ID, CONTAINER.ID);
    }

    /** The container a runtime's workload id stands for, if it is one. */
    Optional<Container> byRuntimeId(String runtimeId) {
        return RuntimeId.parse(runtimeId).filter(id -> id.isOf(KIND))
                .flatMap(id -> workloads.byRuntimeId(id.toString())).filter(w -> KIND.equals(w.kind()))
                .flatMap(w -> byWorkload(w.id()));
    }

    /** A page of containers in the asked order, then newest first, so that paging is stable. */
    List<Container> page(WorkloadQuery query, List<ListSort> sort, int offset, int limit) {
        return withRecords(workloads.page(query, sort, offset, limit));
    }

    int count(WorkloadQuery query) {
        return workloads.count(query);
    }

    /** The containers of these workloads, in their order; workloads of another kind are left out. */
    List<Container> ofWorkloads(List<Workload> found) {
        return withRecords(found);
    }

    private List<Container> withRecords(List<Workload> page) {
        Collection<Long> ids = page.stream().map(Workload::id).toList();
        Map<Long, ContainerRecord> records = ids.isEmpty() ? Map.of()
                : db.selectFrom(CONTAINER).where(CONTAINER.WORKLOAD_ID.in(ids)).fetch().stream()
                .collect(Collectors.toMap(ContainerRecord::getWorkloadId, Function.identity()));
        return page.stream().filter(w -> records.containsKey(w.id()))
                .map(w -> toContainer(records.get(w.id()), w)).toList();
    }

    static Container toContainer(ContainerRecord r, Workload w) {
        return new Container(r.getId(), w.id(), w.runtimeId(), w.projectId(), w.userId(), w.name(), w.imageId(),
                w.imageReference(), w.specId(), w.devices(), w.cpuCores(), w.memoryMib(), r.getSharedMemoryMib(),
                LoginMethod.valueOf(r.getLoginMethod()), r.getOffersSsh(), r.getOffersJupyter(),
                r.getOffersTerminal(), r.getWhitelistId(), w.brokerRequestId(), w.nodeId(), w.deviceIndexes(),
                w.phase(), w.reason(), w.reasonArguments(), w.exitCode(), w.createdAt(), w.startAt(),
                w.startedAt(), w.plannedEnd(), w.endedAt(), w.runtimeInstance());
    }
}
