package io.gantry.workload;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * What metering reads of a workload that ran: when it started and ended, and why it was asked to stop.
 *
 * @param endedAt when it ended, or null while it runs (or stops)
 * @param stopReason why the platform asked it to stop (its wallet ran out, say), or null
 */
@NamedInterface("api")
public record MeteredWorkload(long id, long projectId, long userId, Phase phase, Instant startedAt, Instant endedAt,
                              String stopReason) {

    /** It holds its devices now: what its project pays for from minute to minute. */
    public boolean running() {
        return phase == Phase.RUNNING || phase == Phase.STOPPING;
    }
}
