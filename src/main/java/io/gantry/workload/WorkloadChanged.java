package io.gantry.workload;

import org.springframework.modulith.NamedInterface;

/** Published with each recorded transition, so that open pages show it as it happens. */
@NamedInterface("api")
public record WorkloadChanged(long workloadId, String kind, long projectId, Phase phase) {
}
