package io.gantry.runtime;

import org.springframework.modulith.NamedInterface;

/**
 * Published by a runtime when a workload ended by itself: its command finished, it went over its memory limit, or
 * its process died. A workload stopped through {@link WorkloadRuntime#stop} publishes nothing.
 */
@NamedInterface("api")
public record WorkloadEnded(String runtime, WorkloadStatus status) {
}
