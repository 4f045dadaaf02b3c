package io.gantry.broker;

import io.gantry.broker.internal.Request;
import java.time.Instant;
import java.util.List;

/**
 * Devices given to a request: per node, the device indices. Live while the work runs.
 *
 * @param endsBy when the work must end at the latest (start + its max run time), or null when unbounded
 */
public record Grant(Request request, List<Slot> slots, Instant startedAt, Instant endsBy) {

    /** The devices (and CPU and memory) a grant holds on one node. */
    public record Slot(long nodeId, List<Integer> devices) {
    }

    public int devices() {
        return slots.stream().mapToInt(s -> s.devices().size()).sum();
    }
}
