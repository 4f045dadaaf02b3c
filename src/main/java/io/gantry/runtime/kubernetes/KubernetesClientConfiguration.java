package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The client of the cluster's API, in Kubernetes mode, unless the context has one already (tests give a mock
 * cluster's). An auto-configuration, so that it is considered after every other configuration and
 * {@code @ConditionalOnMissingBean} sees theirs.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "gantry.runtime.type", havingValue = KubernetesNames.RUNTIME_NAME)
public class KubernetesClientConfiguration {

    /**
     * @param masterUrl {@code gantry.runtime.kubernetes.master-url}; empty for fabric8's own discovery: the
     *                  in-cluster service account, else the kubeconfig
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(@Value("${gantry.runtime.kubernetes.master-url:}") String masterUrl) {
        Config config = Config.autoConfigure(null);
        if (!masterUrl.isBlank()) {
            config = new ConfigBuilder(config).withMasterUrl(masterUrl).build();
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
