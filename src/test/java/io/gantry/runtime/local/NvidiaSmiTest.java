package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.runtime.WorkloadMetrics.DeviceMetrics;
import org.junit.jupiter.api.Test;

/** nvidia-smi's CSV as the runtime reads it for workloads on real NVIDIA devices. */
class NvidiaSmiTest {

    @Test
    void reads_utilisation_and_memory_per_device_in_bytes() {
        var devices = NvidiaSmi.parse("0, 37, 1024, 81920\n1, 0, 0, 81920\n");

        assertThat(devices).containsExactly(
                new DeviceMetrics(0, false, 37.0, 1024L << 20, 81920L << 20),
                new DeviceMetrics(1, false, 0.0, 0L, 81920L << 20));
    }

    @Test
    void leaves_out_devices_that_report_no_figures_and_lines_that_are_not_rows() {
        assertThat(NvidiaSmi.parse("0, [N/A], [N/A], 16384\nNo devices were found\n\n")).isEmpty();
    }
}
