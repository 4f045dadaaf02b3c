package io.gantry.broker;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Published by a scheduling pass for each request it placed or evicted, after its decisions are committed, and for
 * a queued request its owner withdrew; the feature that asked for the devices starts, stops or ends its work.
 *
 * @param workload what the request is for, as the feature named it when it submitted it (e.g. "container:12")
 * @param slots where a placed request's devices are; empty for an eviction or a withdrawal
 */
@NamedInterface("api")
public record RequestDecided(long requestId, String workload, Decision decision, List<Grant.Slot> slots) {

    public enum Decision { PLACED, PREEMPTED, CANCELLED }
}
