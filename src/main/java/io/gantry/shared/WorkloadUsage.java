package io.gantry.shared;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the work running on the platform holds right now, contributed by the features that run work (containers,
 * tasks) and read by projects and monitoring. With no such feature present nothing runs, and every figure is zero.
 * Each method answers for a whole list in one read: callers pass every id they show, never one call per id. An id
 * with nothing running or held is absent from the answer.
 */
public interface WorkloadUsage {

    /** What the work of each of these projects uses. */
    Map<Long, ProjectUse> useByProject(Collection<Long> projectIds);

    /** Devices in use on each of these nodes. */
    Map<Long, Integer> devicesInUseByNode(Collection<Long> nodeIds);

    /** Devices in use on all nodes together, counted by the database. */
    int devicesInUse();

    /** A project's running containers and tasks, and the devices they hold per accelerator spec id. */
    record ProjectUse(int running, Map<Long, Integer> devicesPerSpec) {

        public static final ProjectUse NONE = new ProjectUse(0, Map.of());

        public ProjectUse {
            devicesPerSpec = Map.copyOf(devicesPerSpec);
        }

        /** Both uses together, for a project whose work several features run. */
        public ProjectUse plus(ProjectUse other) {
            Map<Long, Integer> devices = new HashMap<>(devicesPerSpec);
            other.devicesPerSpec.forEach((spec, n) -> devices.merge(spec, n, Integer::sum));
            return new ProjectUse(running + other.running, devices);
        }
    }
}
