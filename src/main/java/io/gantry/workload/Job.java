package io.gantry.workload;

import java.time.Duration;
import java.time.Instant;

/**
 * A workload of any kind as the platform's job list shows it: with its project's and owner's names and the page that
 * shows it.
 *
 * @param owner the owner's label (nickname and account name)
 * @param specName the name of its devices' spec, or "#id" for a spec deleted since
 * @param page the path of its kind's page for it, or null where the kind has none
 * @param runningFor how long it has run (up to now, or until it ended); null when it never started
 */
public record Job(long workloadId, String kind, String name, Phase phase, long projectId, String projectName,
                  long userId, String owner, String imageReference, int devices, String specName, Instant createdAt,
                  Duration runningFor, String page) {

    /** Whether it can still be stopped: it waits, starts or runs. */
    public boolean stoppable() {
        return phase.isLive() && phase != Phase.STOPPING;
    }
}
