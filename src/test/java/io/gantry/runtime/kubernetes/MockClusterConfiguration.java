package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The Kubernetes API of a Spring context in Kubernetes mode: one {@link MockCluster} per context, whose client is the
 * {@link KubernetesClient} bean (the application's own is then not made). Use it with the properties
 * {@link #PROPERTIES}, e.g. {@code @SpringBootTest(properties = MockClusterConfiguration.RUNTIME_TYPE)} and
 * {@code @Import(MockClusterConfiguration.class)}, the same on every such test so that they share one context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MockClusterConfiguration {

    /** Selects the Kubernetes runtime. */
    public static final String RUNTIME_TYPE = "gantry.runtime.type=kubernetes";

    /** The properties a Kubernetes-mode context is started with. */
    public static final String[] PROPERTIES = {RUNTIME_TYPE};

    @Bean(destroyMethod = "close")
    MockCluster mockCluster() {
        return new MockCluster();
    }

    /** Closed with its cluster. */
    @Bean(destroyMethod = "")
    KubernetesClient kubernetesClient(MockCluster cluster) {
        return cluster.client();
    }
}
