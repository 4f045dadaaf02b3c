package io.gantry.cluster;

/**
 * A machine that runs workloads. A simulated node's devices are bookkeeping only (DESIGN §5) and every screen says
 * so; the machine Gantry runs on is registered as a real node.
 *
 * @param specId the accelerator spec of its devices, or null for a node with CPUs only
 */
public record NodeInfo(long id, String name, String address, Long specId, String specName, int deviceCount,
                       int cpuCores, long memoryMib, boolean schedulable, String labels, boolean simulated) {
}
