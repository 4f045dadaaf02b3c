package io.gantry.runtime;

import org.springframework.modulith.NamedInterface;

/**
 * How a runtime keeps workloads from the platform and from each other on this machine.
 *
 * @param isolated whether each workload sees only its own files and processes
 * @param mechanism what isolates them, e.g. "bubblewrap" or "kubernetes"; null where nothing does
 * @param problem why there is no isolation, for the administrators; null where there is
 */
@NamedInterface("api")
public record Isolation(boolean isolated, String mechanism, String problem) {

    public static Isolation none(String problem) {
        return new Isolation(false, null, problem);
    }
}
