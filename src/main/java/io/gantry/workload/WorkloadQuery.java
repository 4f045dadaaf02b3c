package io.gantry.workload;

/**
 * Which workloads a list shows; a null part does not filter.
 *
 * @param nameContains part of the name, in any case
 */
public record WorkloadQuery(String kind, Long projectId, Long ownerId, String nameContains, Phase phase) {
}
