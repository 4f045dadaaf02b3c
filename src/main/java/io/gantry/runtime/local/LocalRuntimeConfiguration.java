package io.gantry.runtime.local;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The local runtime is the default ({@code gantry.runtime.type} unset or {@code local}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gantry.runtime.type", havingValue = LocalRuntime.NAME, matchIfMissing = true)
@EnableConfigurationProperties(LocalRuntimeProperties.class)
class LocalRuntimeConfiguration {
}
