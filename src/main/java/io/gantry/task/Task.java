package io.gantry.task;

import io.gantry.workload.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task as its pages show it.
 *
 * @param framework what it runs: a custom image's framework type, else the image's name
 * @param reason why it ended or waits, as a message key with its arguments; null while all is well
 * @param exitCode the command's exit code once it ended by itself, else null
 * @param templateId the template it was run from, or null
 * @param scheduleId the schedule that fired it, or null
 */
public record Task(long id, long workloadId, long projectId, long ownerId, String ownerName, String name,
                   long imageId, String imageReference, String framework, long specId, String specName, int devices,
                   int nodes, int cpuCores, long memoryMib, int sharedMemoryMib, String command, boolean preemptible,
                   Integer maxRunMinutes, Long templateId, Long scheduleId, Phase phase, String reason,
                   List<String> reasonArguments, Integer exitCode, Instant createdAt, Instant startedAt,
                   Instant endedAt) {

    public Task {
        reasonArguments = List.copyOf(reasonArguments);
    }

    /** How long it ran: until it ended, or until {@code now} while it runs; null before it started. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, endedAt == null ? now : endedAt);
    }

    /** Whether it has ended (succeeded, failed or stopped) and can be deleted. */
    public boolean ended() {
        return !phase.isLive();
    }
}
