package io.gantry.runtime;

import java.time.Instant;

/**
 * @param exitCode the main process's exit code once it ended, else null
 * @param reason why it ended, in words for the user (e.g. "memory limit of 400 MiB exceeded"), else null
 */
public record WorkloadStatus(String workloadId, WorkloadState state, Integer exitCode, String reason, Instant since) {

    public static WorkloadStatus unknown(String workloadId, Instant now) {
        return new WorkloadStatus(workloadId, WorkloadState.UNKNOWN, null, null, now);
    }
}
