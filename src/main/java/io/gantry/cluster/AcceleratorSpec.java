package io.gantry.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The node selector as labels ({@code accelerator=nvidia-a100-80g, zone=a}), empty when it has none. */
    public Map<String, String> nodeSelectorLabels() {
        return nodeSelectorLabels(nodeSelector);
    }

    /** Reads a node selector's text, {@code key=value} pairs separated by commas, as the spec form checks it. */
    public static Map<String, String> nodeSelectorLabels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String pair : text.split(",")) {
            int at = pair.indexOf('=');
            if (at > 0) {
                labels.put(pair.substring(0, at).strip(), pair.substring(at + 1).strip());
            }
        }
        return labels;
    }
}
