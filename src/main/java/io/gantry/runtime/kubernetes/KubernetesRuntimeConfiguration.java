package io.gantry.runtime.kubernetes;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The Kubernetes runtime, chosen with {@code gantry.runtime.type=kubernetes}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gantry.runtime.type", havingValue = KubernetesNames.RUNTIME_NAME)
@EnableConfigurationProperties(KubernetesRuntimeProperties.class)
class KubernetesRuntimeConfiguration {
}
