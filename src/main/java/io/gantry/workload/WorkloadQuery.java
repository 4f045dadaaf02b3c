package io.gantry.workload;

import org.springframework.modulith.NamedInterface;

/**
 * Which workloads a list shows; a null part does not filter.
 *
 * @param nameContains part of the name, in any case
 */
@NamedInterface("api")
public record WorkloadQuery(String kind, Long projectId, Long ownerId, String nameContains, Phase phase) {
}
