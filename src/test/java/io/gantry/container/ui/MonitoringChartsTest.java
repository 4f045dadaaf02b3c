package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.container.MetricSample;
import io.gantry.shared.ui.ChartModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoringChartsTest {

    static final MonitoringCharts.Words WORDS = new MonitoringCharts.Words("cpu", "used", "limit", "disk", "in", "out",
            "gpu", "gpu-mem", "MiB", "KiB/s");
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static MetricSample sample(int seconds, Long received, Double gpu, Long gpuUsed) {
        return new MetricSample(T0.plusSeconds(seconds), 12.34, 3L << 20, 8L << 20, 5L << 20, received,
                received == null ? null : received / 2, gpu, gpuUsed, gpuUsed == null ? null : 1000L);
    }

    @Test
    void cpuMemoryAndDiskAreLinesOverTheSampleTimes() {
        MonitoringCharts charts = new MonitoringCharts(List.of(sample(0, null, null, null),
                sample(15, null, null, null)), WORDS);

        ChartModel cpu = charts.cpu();
        assertThat(cpu.kind()).isEqualTo(ChartModel.Kind.LINE);
        assertThat(cpu.times()).containsExactly(T0, T0.plusSeconds(15));
        assertThat(cpu.series().getFirst().values()).containsExactly(new BigDecimal("12.3"), new BigDecimal("12.3"));
        assertThat(charts.memory().series()).extracting(ChartModel.Series::name).containsExactly("used", "limit");
        assertThat(charts.memory().series().get(1).values()).containsOnly(BigDecimal.valueOf(8));
        assertThat(charts.disk().series().getFirst().values()).containsOnly(BigDecimal.valueOf(5));
        assertThat(charts.disk().unit()).isEqualTo("MiB");
    }

    @Test
    void networkIsARateBetweenSamplesAndAbsentWhereTheRuntimeCannotTell() {
        assertThat(new MonitoringCharts(List.of(sample(0, null, null, null)), WORDS).network()).isEmpty();

        ChartModel network = new MonitoringCharts(List.of(sample(0, 0L, null, null), sample(10, 10_240L, null, null),
                sample(20, 1_024L, null, null)), WORDS).network().orElseThrow();

        // 10 KiB in 10 s; nothing before the first; a counter that went back (started again) is no rate.
        assertThat(network.series().getFirst().values()).containsExactly(null, new BigDecimal("1.0"), null);
        assertThat(network.unit()).isEqualTo("KiB/s");
    }

    @Test
    void gpuShowsUtilisationAndMemoryShareOnlyWhereADeviceWasRead() {
        assertThat(new MonitoringCharts(List.of(sample(0, null, null, null)), WORDS).gpu()).isEmpty();

        ChartModel gpu = new MonitoringCharts(List.of(sample(0, null, 50.0, 250L)), WORDS).gpu().orElseThrow();

        assertThat(gpu.series()).extracting(ChartModel.Series::name).containsExactly("gpu", "gpu-mem");
        assertThat(gpu.series().get(0).values()).containsExactly(new BigDecimal("50.0"));
        assertThat(gpu.series().get(1).values()).containsExactly(new BigDecimal("25.0"));
        assertThat(gpu.unit()).isEqualTo("%");
    }
}
