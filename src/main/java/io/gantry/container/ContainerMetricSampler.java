package io.gantry.container;

import static io.gantry.db.Tables.CONTAINER;
import static io.gantry.db.Tables.CONTAINER_METRIC_SAMPLE;

import io.gantry.runtime.WorkloadMetrics;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the last hour of every running container's usage in the database for its monitoring charts. Each replica
 * samples the containers its own runtime holds (only it can read them) at a fixed interval, one row per container
 * per interval, and deletes rows older than an hour; every replica then draws the same history, and a reload keeps
 * it. Per replica on purpose: the clustered scheduler would run it on one replica only.
 */
@Component
public class ContainerMetricSampler implements DisposableBean {

    /** How much history the charts show and the table keeps. */
    public static final Duration KEPT = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(ContainerMetricSampler.class);

    private final Workloads workloads;
    private final WorkloadRuntime runtime;
    private final DSLContext db;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("container-metrics").factory());

    ContainerMetricSampler(Workloads workloads, WorkloadRuntime runtime, DSLContext db, TransactionTemplate transaction,
                           Clock clock, @Value("${gantry.containers.metrics-interval:15s}") Duration interval) {
        this.workloads = workloads;
        this.runtime = runtime;
        this.db = db;
        this.transaction = transaction;
        this.clock = clock;
        this.interval = interval;
    }

    /** The interval between two samples of one container. */
    public Duration interval() {
        return interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = Math.max(interval.toMillis(), 1000);
        timer.scheduleWithFixedDelay(this::sampleQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Sampling the usage of running containers failed: {}", e.getMessage());
        }
    }

    /**
     * Reads and keeps the usage of every running container this replica holds, then forgets samples older than an
     * hour. Two samples of a container at the same instant keep the first.
     *
     * @return how many containers were sampled
     */
    public synchronized int sample() {
        Instant now = clock.instant();
        List<Workload> running = workloads.runningHere(ContainerRepository.KIND);
        Map<Long, Long> containerByWorkload = running.isEmpty() ? Map.of()
                : db.select(CONTAINER.WORKLOAD_ID, CONTAINER.ID).from(CONTAINER)
                .where(CONTAINER.WORKLOAD_ID.in(running.stream().map(Workload::id).toList()))
                .fetchMap(CONTAINER.WORKLOAD_ID, CONTAINER.ID);
        int sampled = 0;
        for (Workload workload : running) {
            Long containerId = containerByWorkload.get(workload.id());
            Optional<WorkloadMetrics> reading = containerId == null ? Optional.empty()
                    : runtime.metrics(workload.runtimeId());
            if (reading.isPresent()) {
                MetricSample s = MetricSample.of(now, reading.get());
                transaction.executeWithoutResult(tx -> db.insertInto(CONTAINER_METRIC_SAMPLE)
                        .set(CONTAINER_METRIC_SAMPLE.CONTAINER_ID, containerId)
                        .set(CONTAINER_METRIC_SAMPLE.SAMPLED_AT, now)
                        .set(CONTAINER_METRIC_SAMPLE.CPU_PERCENT, s.cpuPercent())
                        .set(CONTAINER_METRIC_SAMPLE.MEMORY_BYTES, s.memoryBytes())
                        .set(CONTAINER_METRIC_SAMPLE.MEMORY_LIMIT_BYTES, s.memoryLimitBytes())
                        .set(CONTAINER_METRIC_SAMPLE.DISK_BYTES, s.diskBytes())
                        .set(CONTAINER_METRIC_SAMPLE.NETWORK_RECEIVED_BYTES, s.networkReceivedBytes())
                        .set(CONTAINER_METRIC_SAMPLE.NETWORK_SENT_BYTES, s.networkSentBytes())
                        .set(CONTAINER_METRIC_SAMPLE.GPU_UTILISATION_PERCENT, s.gpuUtilisationPercent())
                        .set(CONTAINER_METRIC_SAMPLE.GPU_MEMORY_USED_BYTES, s.gpuMemoryUsedBytes())
                        .set(CONTAINER_METRIC_SAMPLE.GPU_MEMORY_TOTAL_BYTES, s.gpuMemoryTotalBytes())
                        .onConflictDoNothing().execute());
                sampled++;
            }
        }
        transaction.executeWithoutResult(tx -> db.deleteFrom(CONTAINER_METRIC_SAMPLE)
                .where(CONTAINER_METRIC_SAMPLE.SAMPLED_AT.lt(now.minus(KEPT)))
                .execute());
        return sampled;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
