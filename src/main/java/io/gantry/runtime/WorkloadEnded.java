package io.gantry.runtime;

/**
 * Published by a runtime when a workload ended by itself: its command finished, it went over its memory limit, or
 * its process died. A workload stopped through {@link WorkloadRuntime#stop} publishes nothing.
 */
@org.springframework.modulith.NamedInterface("api")
public record WorkloadEnded(String runtime, WorkloadStatus status) {
}
