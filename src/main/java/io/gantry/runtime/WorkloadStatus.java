package io.gantry.runtime;

import java.time.Instant;
import java.util.List;

/**
 * @param exitCode the main process's exit code once it ended, else null
 * @param reason why it ended, as a message key for the user (e.g. {@code runtime.reason.memory}), else null
 * @param reasonArguments the figures the message names
 */
public record WorkloadStatus(String workloadId, WorkloadState state, Integer exitCode, String reason,
                             List<String> reasonArguments, Instant since) {

    public WorkloadStatus {
        reasonArguments = List.copyOf(reasonArguments);
    }

    public static WorkloadStatus unknown(String workloadId, Instant now) {
        return new WorkloadStatus(workloadId, WorkloadState.UNKNOWN, null, null, List.of(), now);
    }
}
