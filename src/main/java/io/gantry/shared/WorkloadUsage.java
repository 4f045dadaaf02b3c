package io.gantry.shared;

import java.util.Map;

/**
 * What the work running on the platform holds right now, contributed by the features that run work (containers,
 * tasks) and read by projects and monitoring. With no such feature present nothing runs, and every figure is zero.
 */
public interface WorkloadUsage {

    /** Running containers and tasks of a project. */
    int runningIn(long projectId);

    /** Devices the project's work holds, per accelerator spec id. */
    Map<Long, Integer> devicesHeldBy(long projectId);

    /** Devices in use on a node. */
    int devicesInUseOn(long nodeId);
}
