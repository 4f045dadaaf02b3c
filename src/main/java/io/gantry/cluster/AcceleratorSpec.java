package io.gantry.cluster;

import java.util.List;

/**
 * An admin-defined device type (DESIGN §1): e.g. {@code nvidia-a100-80g} with the Kubernetes resource
 * {@code nvidia.com/gpu}, the counts a workload may ask for, the size of a topology group (a request no larger than a
 * group stays inside one), its prices and the CPU and memory limits of one workload.
 */
public record AcceleratorSpec(long id, String name, Vendor vendor, String model, String resourceName,
                              String nodeSelector, List<Integer> allowedCounts, int topologyGroupSize, Prices prices,
                              PodLimits podLimits) {

    public boolean allows(int devices) {
        return allowedCounts.contains(devices);
    }
}
