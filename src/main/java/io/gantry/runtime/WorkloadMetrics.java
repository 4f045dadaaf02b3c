package io.gantry.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One reading of a workload's usage.
 *
 * @param cpuPercent of one core, summed over the workload's processes since the previous reading
 * @param diskBytes what the workload's own files take
 * @param networkReceivedBytes bytes received, or null where the runtime cannot tell them apart from the host's
 * @param devices per accelerator: utilisation and memory, or simulated
 */
public record WorkloadMetrics(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes, long diskBytes,
                              Long networkReceivedBytes, Long networkSentBytes, List<DeviceMetrics> devices) {

    /** @param simulated a simulated device has no figures; utilisation and memory are then null */
    public record DeviceMetrics(int index, boolean simulated, Double utilisationPercent, Long memoryUsedBytes,
                                Long memoryTotalBytes) {
    }
}
