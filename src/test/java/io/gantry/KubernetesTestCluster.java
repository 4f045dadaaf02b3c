package io.gantry;

import io.gantry.runtime.kubernetes.MockCluster;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The mock cluster's GPU node, there before the application starts, so that its first node sync finds it; and the
 * settings of every Kubernetes-mode context (which then share one).
 */
@TestConfiguration(proxyBeanMethods = false)
public class KubernetesTestCluster {

    public static final String NODE = "k8s-a100-a";
    public static final String A100 = "nvidia-a100-80g";
    /**
     * Quartz off, so that the resync and the node sync are the calls a test makes; orphans swept at once (the mock's
     * objects are made by the test, not by another replica mid-start).
     */
    public static final String QUARTZ_OFF = "spring.quartz.auto-startup=false";
    public static final String ORPHANS_AT_ONCE = "gantry.runtime.kubernetes.orphan-grace=0s";

    @Bean
    SeededNodes seededNodes(MockCluster cluster) {
        cluster.addNode(NODE, Map.of("accelerator", A100), Map.of("cpu", "64", "memory", "512Gi",
                "nvidia.com/gpu", "8", "pods", "110"));
        return new SeededNodes();
    }

    /** Marks that the seed ran. */
    public static final class SeededNodes {
    }
}
