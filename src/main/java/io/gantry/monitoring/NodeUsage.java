package io.gantry.monitoring;

import io.gantry.cluster.NodeInfo;

/**
 * A node's load: devices in use and, for the real machine, CPU and memory in use as the OS reports them (a
 * simulated node has no live figures).
 *
 * @param cpuLoad share of the CPUs busy, 0 to 1, or null when unknown
 * @param memoryUsedMib memory in use, or null when unknown
 */
public record NodeUsage(NodeInfo node, int devicesInUse, Double cpuLoad, Long memoryUsedMib) {

    public int devicesFree() {
        return Math.max(0, node.deviceCount() - devicesInUse);
    }
}
