package io.gantry.container.ui;

import io.gantry.container.MetricSample;
import io.gantry.shared.ui.ChartModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A container's monitoring charts from its samples of the last hour: CPU, memory, disk, network (as rates, where the
 * runtime can tell the container's traffic) and its GPUs (where {@code nvidia-smi} reads them). Every word comes in
 * translated.
 */
final class MonitoringCharts {

    private static final BigDecimal MIB = BigDecimal.valueOf(1L << 20);
    private static final BigDecimal KIB = BigDecimal.valueOf(1L << 10);

    /** The series names and units the charts show, in the reader's language. */
    record Words(String cpu, String memoryUsed, String memoryLimit, String disk, String received, String sent,
                 String gpuUtilisation, String gpuMemory, String mib, String kibPerSecond) {
    }

    private final List<MetricSample> samples;
    private final List<Instant> times;
    private final Words words;

    MonitoringCharts(List<MetricSample> samples, Words words) {
        this.samples = List.copyOf(samples);
        this.times = this.samples.stream().map(MetricSample::at).toList();
        this.words = words;
    }

    ChartModel cpu() {
        return line(List.of(series(words.cpu(), s -> decimal(s.cpuPercent()))), "%", 1);
    }

    ChartModel memory() {
        return line(List.of(series(words.memoryUsed(), s -> mib(s.memoryBytes())),
                series(words.memoryLimit(), s -> s.memoryLimitBytes() <= 0 ? null : mib(s.memoryLimitBytes()))),
                words.mib(), 0);
    }

    ChartModel disk() {
        return line(List.of(series(words.disk(), s -> mib(s.diskBytes()))), words.mib(), 0);
    }

    /** Received and sent per second between samples; empty where the runtime cannot tell them. */
    Optional<ChartModel> network() {
        if (samples.stream().allMatch(s -> s.networkReceivedBytes() == null)) {
            return Optional.empty();
        }
        return Optional.of(line(List.of(new ChartModel.Series(words.received(), rates(MetricSample::networkReceivedBytes)),
                new ChartModel.Series(words.sent(), rates(MetricSample::networkSentBytes))), words.kibPerSecond(), 1));
    }

    /** Utilisation and memory used, as percentages; empty where no sample has a real GPU's figures. */
    Optional<ChartModel> gpu() {
        if (samples.stream().allMatch(s -> s.gpuUtilisationPercent() == null)) {
            return Optional.empty();
        }
        return Optional.of(line(List.of(
                series(words.gpuUtilisation(), s -> s.gpuUtilisationPercent() == null ? null
                        : decimal(s.gpuUtilisationPercent())),
                series(words.gpuMemory(), s -> s.gpuMemoryUsedBytes() == null || s.gpuMemoryTotalBytes() == null
                        || s.gpuMemoryTotalBytes() <= 0 ? null
                        : BigDecimal.valueOf(s.gpuMemoryUsedBytes() * 100.0 / s.gpuMemoryTotalBytes())
                        .setScale(1, RoundingMode.HALF_UP))), "%", 1));
    }

    /**
     * KiB per second since the previous sample; none for the first, across a gap in the figures, or where the counter
     * went back (the container started again).
     */
    private List<BigDecimal> rates(Function<MetricSample, Long> counter) {
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Long now = counter.apply(samples.get(i));
            Long before = i == 0 ? null : counter.apply(samples.get(i - 1));
            long millis = i == 0 ? 0 : Duration.between(samples.get(i - 1).at(), samples.get(i).at()).toMillis();
            if (now == null || before == null || now < before || millis <= 0) {
                values.add(null);
            } else {
                values.add(BigDecimal.valueOf(now - before).multiply(BigDecimal.valueOf(1000))
                        .divide(KIB.multiply(BigDecimal.valueOf(millis)), 1, RoundingMode.HALF_UP));
            }
        }
        return values;
    }

    private ChartModel line(List<ChartModel.Series> series, String unit, int decimals) {
        return ChartModel.overTime(ChartModel.Kind.LINE, times, series, unit, decimals);
    }

    private ChartModel.Series series(String name, Function<MetricSample, BigDecimal> value) {
        return new ChartModel.Series(name, samples.stream().map(value).toList());
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    private static BigDecimal mib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(MIB, 0, RoundingMode.HALF_UP);
    }
}
