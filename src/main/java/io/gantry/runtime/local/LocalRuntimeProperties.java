package io.gantry.runtime.local;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local runtime ({@code gantry.runtime.local.*}).
 *
 * @param home where workloads, workspaces and saved images live
 * @param publicHost the address shown in connection commands; empty picks this machine's first site address
 * @param bindHost the address SSH servers listen on
 * @param stopGrace how long a stopped workload may take to end before it is killed
 * @param watchInterval how often the runtime looks at its workloads (ended? over the memory limit?)
 */
@ConfigurationProperties("gantry.runtime.local")
public record LocalRuntimeProperties(String home,
                                     @DefaultValue("") String publicHost,
                                     @DefaultValue("0.0.0.0") String bindHost,
                                     @DefaultValue("10s") Duration stopGrace,
                                     @DefaultValue("2s") Duration watchInterval) {
}
