package io.gantry.runtime;

import java.util.List;

/**
 * What a reconcile found.
 *
 * @param adopted expected workloads that still run and are served again
 * @param lost expected workloads that are gone, each with why
 * @param orphansStopped live workloads nobody expected, now stopped
 */
public record ReconcileResult(List<String> adopted, List<WorkloadStatus> lost, List<String> orphansStopped) {
}
