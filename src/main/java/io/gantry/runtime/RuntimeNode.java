package io.gantry.runtime;

import java.util.Map;

/**
 * A node as a cluster runtime sees it.
 *
 * @param labels the node's labels, matched against a spec's node selector
 * @param allocatable what pods may use on it: extended resources by name ({@code nvidia.com/gpu}) as counts
 * @param cpuCores allocatable CPU, whole cores
 * @param memoryMib allocatable memory
 * @param schedulable false when the node is cordoned in the cluster
 * @param address where users reach ports it exposes (its external, else internal, address), or null
 */
public record RuntimeNode(String name, Map<String, String> labels, Map<String, Long> allocatable, int cpuCores,
                          long memoryMib, boolean schedulable, String address) {

    public RuntimeNode {
        labels = Map.copyOf(labels);
        allocatable = Map.copyOf(allocatable);
    }
}
