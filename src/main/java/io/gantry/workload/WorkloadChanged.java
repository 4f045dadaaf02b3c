package io.gantry.workload;

/** Published with each recorded transition, so that open pages show it as it happens. */
public record WorkloadChanged(long workloadId, String kind, long projectId, Phase phase) {
}
