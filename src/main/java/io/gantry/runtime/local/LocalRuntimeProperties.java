package io.gantry.runtime.local;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local runtime ({@code gantry.runtime.local.*}).
 *
 * @param home where workloads, workspaces and saved images live
 * @param publicHost the address shown in connection commands; empty picks this machine's first site address
 * @param bindHost the address SSH servers listen on
 * @param stopGrace how long a stopped workload may take to end before it is killed
 * @param watchInterval how often the runtime looks at its workloads (ended? over the memory limit?)
 * @param hiddenPaths Gantry's own folders and files that no workload may see even where they lie under a system
 *                    folder its sandbox shows (Gantry's data folder, its configuration with the secret key); the
 *                    runtime's home is always hidden
 */
@ConfigurationProperties("gantry.runtime.local")
public record LocalRuntimeProperties(String home,
                                     @DefaultValue("") String publicHost,
                                     @DefaultValue("0.0.0.0") String bindHost,
                                     @DefaultValue("10s") Duration stopGrace,
                                     @DefaultValue("2s") Duration watchInterval,
                                     @DefaultValue("/etc/gantry") List<String> hiddenPaths) {

    @ConstructorBinding
    public LocalRuntimeProperties {
        hiddenPaths = hiddenPaths == null ? List.of() : List.copyOf(hiddenPaths);
    }

    public LocalRuntimeProperties(String home, String publicHost, String bindHost, Duration stopGrace,
                                  Duration watchInterval) {
        this(home, publicHost, bindHost, stopGrace, watchInterval, List.of());
    }
}
