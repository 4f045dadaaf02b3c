package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gantry.runtime.JupyterTraffic;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kubernetes runtime, chosen with {@code gantry.runtime.type=kubernetes}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gantry.runtime.type", havingValue = KubernetesNames.RUNTIME_NAME)
@EnableConfigurationProperties(KubernetesRuntimeProperties.class)
class KubernetesRuntimeConfiguration {

    @Bean
    KubernetesRuntime kubernetesRuntime(KubernetesClient client, KubernetesRuntimeProperties properties, Clock clock,
                                        JupyterTraffic jupyterTraffic) {
        return new KubernetesRuntime(client, properties, clock, jupyterTraffic);
    }
}
