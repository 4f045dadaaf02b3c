package io.gantry.container;

import io.gantry.runtime.WorkloadMetrics;
import java.time.Instant;

/**
 * One reading of a running container's usage as kept for its monitoring charts (the last hour of them).
 *
 * @param cpuPercent of one core, summed over the container's processes
 * @param networkReceivedBytes since it started, or null where the runtime cannot tell
 * @param gpuUtilisationPercent the mean over its real devices (from {@code nvidia-smi}); null without one
 * @param gpuMemoryUsedBytes summed over its real devices; null without one
 */
public record MetricSample(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes, long diskBytes,
                           Long networkReceivedBytes, Long networkSentBytes, Double gpuUtilisationPercent,
                           Long gpuMemoryUsedBytes, Long gpuMemoryTotalBytes) {

    /** A runtime's reading as kept: its devices' figures folded into one; simulated devices have none. */
    public static MetricSample of(Instant at, WorkloadMetrics m) {
        var real = m.devices().stream().filter(d -> !d.simulated() && d.utilisationPercent() != null).toList();
        Double utilisation = real.isEmpty() ? null
                : real.stream().mapToDouble(WorkloadMetrics.DeviceMetrics::utilisationPercent).average().orElse(0);
        Long used = real.isEmpty() ? null : real.stream()
                .mapToLong(d -> d.memoryUsedBytes() == null ? 0 : d.memoryUsedBytes()).sum();
        Long total = real.isEmpty() ? null : real.stream()
                .mapToLong(d -> d.memoryTotalBytes() == null ? 0 : d.memoryTotalBytes()).sum();
        return new MetricSample(at, m.cpuPercent(), m.memoryBytes(), m.memoryLimitBytes(), m.diskBytes(),
                m.networkReceivedBytes(), m.networkSentBytes(), utilisation, used, total);
    }
}
