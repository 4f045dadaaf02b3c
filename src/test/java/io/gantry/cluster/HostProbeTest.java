package io.gantry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.cluster.HostProbe.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the probe reads from the device tools' output, and the spec name it gives what it found. */
class HostProbeTest {

    @Test
    void countsOneGpuPerLineOfNvidiaSmi() {
        String output = """
                NVIDIA A100-SXM4-80GB
                NVIDIA A100-SXM4-80GB

                NVIDIA A100-SXM4-80GB
                """;
        assertThat(HostProbe.parseNvidiaSmi(output)).contains(new Devices(Vendor.NVIDIA, "NVIDIA A100-SXM4-80GB", 3));
    }

    @Test
    void findsNoGpuInEmptyNvidiaSmiOutput() {
        assertThat(HostProbe.parseNvidiaSmi("")).isEmpty();
        assertThat(HostProbe.parseNvidiaSmi("  \n\n")).isEmpty();
    }

    @Test
    void readsTheCountAndChipOfNpuSmi() {
        String output = """
                        Total Count                    : 8

                        NPU ID                         : 0
                        Product Name                   : IT21DMDA
                        Chip Count                     : 1
                        Chip ID                        : 0
                        Chip Name                      : 910B
                """;
        assertThat(HostProbe.parseNpuSmi(output)).contains(new Devices(Vendor.HUAWEI, "Ascend 910B", 8));
    }

    @Test
    void findsNoNpuWithoutACountOrWithZero() {
        assertThat(HostProbe.parseNpuSmi("Total Count : 0")).isEmpty();
        assertThat(HostProbe.parseNpuSmi("npu-smi: command failed")).isEmpty();
        assertThat(HostProbe.parseNpuSmi("Total Count : 4")).contains(new Devices(Vendor.HUAWEI, "Ascend", 4));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA | NVIDIA A100-SXM4-80GB | nvidia-a100-sxm4-80gb
            NVIDIA | Tesla T4              | nvidia-tesla-t4
            NVIDIA | ' GeForce RTX 4090 '  | nvidia-geforce-rtx-4090
            HUAWEI | Ascend 910B           | huawei-ascend-910b
            HUAWEI | Huawei Ascend 310     | huawei-ascend-310
            """)
    void namesASpecAfterTheVendorAndModel(Vendor vendor, String model, String expected) {
        String name = HostProbe.specName(new Devices(vendor, model, 1));
        assertThat(name).isEqualTo(expected);
        assertThat(InventoryRules.nameProblem(name)).isEmpty();
    }
}
