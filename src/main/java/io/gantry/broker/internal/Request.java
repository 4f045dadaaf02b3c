package io.gantry.broker.internal;

import java.time.Instant;

/**
 * A request for accelerators (DESIGN §4): {@code nodes} × {@code devicesPerNode} devices of one spec, with CPU and
 * memory on each node. A request for more than one node is a gang: all of it or nothing.
 *
 * @param maxHours the longest the work may run (its project's or user's limit), or null for no limit; it bounds when
 *                 the devices are expected back
 */
public record Request(long id, long projectId, long userId, long specId, int nodes, int devicesPerNode,
                      int cpuPerNode, long memoryMibPerNode, int priority, boolean preemptible, Instant submittedAt,
                      Integer maxHours) {

    public int devices() {
        return nodes * devicesPerNode;
    }
}
