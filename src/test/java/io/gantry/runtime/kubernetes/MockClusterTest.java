package io.gantry.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The test cluster itself: it stores, records, writes status and can be made unreachable. */
class MockClusterTest {

    private static final MockCluster cluster = new MockCluster();

    @AfterAll
    static void close() {
        cluster.close();
    }

    @Test
    void recordsEachRequestAndWritesStatusAndCanBeUnreachable() {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("m1").endMetadata()
                .build()).create();
        cluster.client().pods().inNamespace("m1").resource(new PodBuilder().withNewMetadata().withName("p")
                .addToLabels("a", "b").endMetadata().withNewSpec().addNewContainer().withName("main").withImage("x")
                .endContainer().endSpec().build()).create();
        cluster.clearCalls();

        assertThat(cluster.client().pods().inNamespace("m1").withLabel("a", "b").list().getItems()).hasSize(1);
        assertThat(cluster.calls()).containsExactly(
                new MockCluster.ApiCall("GET", "/api/v1/namespaces/m1/pods?labelSelector=a%3Db"));

        cluster.setPodStatus("m1", "p", MockCluster.terminated("Failed", 137, "OOMKilled"));
        assertThat(cluster.client().pods().inNamespace("m1").withName("p").get().getStatus().getContainerStatuses()
                .getFirst().getState().getTerminated().getReason()).isEqualTo("OOMKilled");

        cluster.addNode("n1", Map.of("accelerator", "a100"), Map.of("nvidia.com/gpu", "8"));
        assertThat(cluster.client().nodes().withName("n1").get().getStatus().getAllocatable().get("nvidia.com/gpu")
                .getAmount()).isEqualTo("8");

        cluster.unreachable(true);
        assertThatThrownBy(() -> cluster.client().pods().inNamespace("m1").withName("p").get())
                .isInstanceOf(KubernetesClientException.class);
        cluster.unreachable(false);
        assertThat(cluster.client().pods().inNamespace("m1").withName("p").get()).isNotNull();
    }
}
