package io.gantry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.runtime.RuntimeNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a cluster's node is read into the inventory: its spec, its devices, its labels; and a selector's text. */
class RuntimeNodesTest {

    private static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    private static final AcceleratorSpec A100 = spec(1, "nvidia.com/gpu", "accelerator=nvidia-a100-80g");
    private static final AcceleratorSpec V100 = spec(2, "nvidia.com/gpu", "accelerator=nvidia-v100, zone=b");
    private static final AcceleratorSpec ASCEND = spec(3, "huawei.com/Ascend910", "accelerator=ascend910");
    private static final AcceleratorSpec NO_RESOURCE = spec(4, null, null);

    private static AcceleratorSpec spec(long id, String resource, String selector) {
        return new AcceleratorSpec(id, "spec-" + id, Vendor.NVIDIA, "m", resource, selector, List.of(0, 1, 8), 8,
                FREE, PodLimits.DEFAULT);
    }

    private static RuntimeNode node(Map<String, String> labels, Map<String, Long> allocatable) {
        return new RuntimeNode("gpu-1", labels, allocatable, 32, 256 * 1024, true, "10.0.0.5");
    }

    @Test
    void a_node_is_the_spec_whose_selector_its_labels_contain_and_whose_resource_it_offers() {
        List<AcceleratorSpec> specs = List.of(NO_RESOURCE, ASCEND, V100, A100);
        RuntimeNode v100 = node(Map.of("accelerator", "nvidia-v100", "zone", "b", "kubernetes.io/hostname", "gpu-1"),
                Map.of("nvidia.com/gpu", 8L));

        assertThat(RuntimeNodes.specOf(v100, specs)).contains(V100);
        assertThat(RuntimeNodes.devices(v100, V100)).isEqualTo(8);
        assertThat(RuntimeNodes.specOf(node(Map.of("accelerator", "nvidia-v100"), Map.of("nvidia.com/gpu", 8L)),
                specs)).as("a label of the selector missing").isEmpty();
        assertThat(RuntimeNodes.specOf(node(Map.of("accelerator", "nvidia-a100-80g"), Map.of("nvidia.com/gpu", 0L)),
                specs)).as("none of the resource allocatable").isEmpty();
        assertThat(RuntimeNodes.specOf(node(Map.of("accelerator", "ascend910"), Map.of()), specs))
                .as("the resource not offered at all").isEmpty();
        assertThat(RuntimeNodes.specOf(node(Map.of("accelerator", "nvidia-a100-80g"),
                Map.of("nvidia.com/gpu", 4L)), specs)).contains(A100);
    }

    @Test
    void labels_are_kept_as_sorted_text_and_a_selector_reads_as_labels() {
        assertThat(RuntimeNodes.labels(Map.of("zone", "b", "accelerator", "x"))).isEqualTo("accelerator=x,zone=b");
        assertThat(RuntimeNodes.labels(Map.of("k", "v".repeat(2000)))).hasSize(RuntimeNodes.LABELS_MAX);
        assertThat(AcceleratorSpec.nodeSelectorLabels("accelerator=nvidia-v100, zone=b"))
                .containsExactly(Map.entry("accelerator", "nvidia-v100"), Map.entry("zone", "b"));
        assertThat(AcceleratorSpec.nodeSelectorLabels(" ")).isEmpty();
        assertThat(AcceleratorSpec.nodeSelectorLabels(null)).isEmpty();
        assertThat(ClusterInventory.registryServer("https://registry.example.org:5000/v2/")).isEqualTo(
                "registry.example.org:5000");
        assertThat(ClusterInventory.registryServer("https://harbor.example.org")).isEqualTo("harbor.example.org");
    }
}
