package io.gantry.runtime;

import java.time.Instant;

/**
 * Something the runtime reported about a workload, in its own words (Kubernetes' event reason and message).
 *
 * @param key identifies the event within the workload, so that one copied already is not copied again
 * @param warning a warning (Kubernetes' {@code Warning} type) rather than a normal event
 * @param reason the runtime's short reason, e.g. {@code FailedScheduling} or {@code Pulling}
 */
public record RuntimeEvent(String key, Instant at, boolean warning, String reason, String message) {
}
