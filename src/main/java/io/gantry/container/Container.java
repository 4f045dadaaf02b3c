package io.gantry.container;

import io.gantry.cluster.LoginMethod;
import io.gantry.workload.Phase;
import java.time.Instant;
import java.util.List;

/**
 * A container as its screens show it: its workload (what runs, where it is in its lifecycle) and what only a
 * container has (its sign-in, Jupyter, terminal and whitelist).
 *
 * @param workloadId the workload it is
 * @param runtimeId the name the runtime knows it by (AI-Stack's deployment id)
 * @param reason why it ended or waits, as a message key; null while all is well
 * @param runtimeInstance the runtime instance (the replica) that holds its workload; null until one starts it
 * @param plannedEnd when it ends by time (a chosen end, or its hours after it started); null when it never does
 */
public record Container(long id, long workloadId, String runtimeId, long projectId, long userId, String name,
                        long imageId, String imageReference, long specId, int devices, int cpuCores, long memoryMib,
                        long sharedMemoryMib, LoginMethod loginMethod, boolean offersSsh, boolean offersJupyter,
                        boolean offersTerminal, Long whitelistId, Long brokerRequestId, Long nodeId,
                        List<Integer> deviceIndexes, Phase state, String reason, List<String> reasonArguments,
                        Integer exitCode, Instant createdAt, Instant startAt, Instant startedAt, Instant plannedEnd,
                        Instant endedAt, String runtimeInstance) {
}
