package io.gantry.broker;

import java.time.Instant;
import java.util.List;

/** A request as the queue page and its owner see it: what it asks, where it stands and why. */
public record QueuedRequest(long id, long projectId, long userId, long specId, int nodes, int devicesPerNode,
                            int priority, boolean preemptible, String workload, RequestStatus status,
                            Explanation explanation, Instant submittedAt, Instant placedAt, List<Grant.Slot> slots) {
}
