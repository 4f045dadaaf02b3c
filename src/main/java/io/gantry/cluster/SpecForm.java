package io.gantry.cluster;

/** What an administrator enters for a spec; checked by {@link ClusterService}. */
public record SpecForm(String name, Vendor vendor, String model, String resourceName, String nodeSelector,
                       String allowedCounts, Integer topologyGroupSize, Prices prices, PodLimits podLimits) {
}
