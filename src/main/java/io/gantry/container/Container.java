package io.gantry.container;

import io.gantry.cluster.LoginMethod;
import java.time.Instant;
import java.util.List;

/**
 * A container as its screens show it.
 *
 * @param workloadId the name the runtime knows it by (AI-Stack's deployment id)
 * @param reason why it ended or waits, as a message key; null while all is well
 * @param runtimeInstance the runtime instance (the replica) that holds its workload; null until one starts it
 */
public record Container(long id, long projectId, long userId, String name, long imageId, String imageReference,
                        long specId, int devices, int cpuCores, long memoryMib, long sharedMemoryMib,
                        LoginMethod loginMethod, boolean offersSsh, boolean offersJupyter, boolean offersTerminal,
                        Long whitelistId, Long brokerRequestId, Long nodeId, List<Integer> deviceIndexes,
                        ContainerState state, String reason, List<String> reasonArguments, Integer exitCode,
                        Instant createdAt, Instant startedAt, Instant endedAt, String runtimeInstance) {

    private static final String WORKLOAD_PREFIX = "container-";

    public String workloadId() {
        return workloadId(id);
    }

    static String workloadId(long containerId) {
        return WORKLOAD_PREFIX + containerId;
    }

    /** The container a runtime's workload id stands for, if it is one. */
    static java.util.Optional<Long> containerId(String workloadId) {
        if (workloadId == null || !workloadId.startsWith(WORKLOAD_PREFIX)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Long.parseLong(workloadId.substring(WORKLOAD_PREFIX.length())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** What the broker queue shows for this container's request. */
    static String brokerWorkload(long containerId) {
        return "container:" + containerId;
    }
}
