package io.gantry.broker;

/**
 * What a feature that runs work asks of the broker on a user's behalf.
 *
 * @param workload what the devices are for, e.g. "container:12", shown in the queue
 */
public record RequestForm(long projectId, long specId, int nodes, int devicesPerNode, int cpuPerNode,
                          long memoryMibPerNode, int priority, boolean preemptible, Integer maxHours, String workload) {
}
