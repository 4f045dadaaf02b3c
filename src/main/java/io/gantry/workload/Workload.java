package io.gantry.workload;

import java.time.Instant;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Something that runs on the platform, whatever its kind.
 *
 * @param runtimeId the name the runtime knows it by (AI-Stack's deployment id), written as a {@link RuntimeId}
 * @param reason why it ended or waits, as a message key; null while all is well
 * @param stopReason why it was asked to stop (an eviction, its end time), until it has stopped; null for a user's stop
 * @param runtimeInstance the runtime instance (the replica) that holds it; null until one claims it
 * @param startAt a chosen start, or null to start at once
 * @param endAt a chosen end (or the one its hours give once it started), or null
 * @param runHours ends this many hours after it started, or null
 * @param warnings the time rules it was already warned of (their reason keys)
 * @param nodes the nodes it runs on together (a gang); {@code devices} is the total over all of them
 * @param preemptible the broker may evict it for work of a project under its quota (Apulis 5.3)
 * @param runMinutes ends this many minutes after it started (a task's longest run), or null
 */
@NamedInterface("api")
public record Workload(long id, String kind, long projectId, long userId, String name, long imageId,
                       String imageReference, String imageFiles, String imageEnvironment, long specId, int devices,
                       int cpuCores, long memoryMib, Long brokerRequestId, String runtime, String runtimeId,
                       String runtimeInstance, Long nodeId, List<Integer> deviceIndexes, Desired desired, Phase phase,
                       String reason, List<String> reasonArguments, String stopReason, List<String> stopReasonArguments,
                       Integer exitCode, Instant createdAt, Instant startAt, Instant startedAt, Instant endAt,
                       Integer runHours, Instant endedAt, Instant lastActivityAt, List<String> warnings,
                       int nodes, boolean preemptible, Integer runMinutes) {

    public Workload {
        deviceIndexes = List.copyOf(deviceIndexes);
        reasonArguments = List.copyOf(reasonArguments);
        stopReasonArguments = List.copyOf(stopReasonArguments);
        warnings = List.copyOf(warnings);
    }

    /** When it ends by time: its chosen end, or its hours after it started; null when it never does. */
    public Instant plannedEnd() {
        if (endAt != null) {
            return endAt;
        }
        return runHours == null || startedAt == null ? null : startedAt.plusSeconds(runHours * 3600L);
    }

    /** The devices on each of its nodes. */
    public int devicesPerNode() {
        return devices / nodes;
    }
}
