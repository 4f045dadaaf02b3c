package io.gantry.project;

import io.gantry.shared.WorkloadUsage;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Running work for tests, until the features that run work exist: a test marks a project busy with this many running
 * containers or tasks holding these devices.
 */
@Component
public class TestWorkloads implements WorkloadUsage {

    private static final Map<Long, Integer> RUNNING = new ConcurrentHashMap<>();
    private static final Map<Long, Map<Long, Integer>> DEVICES = new ConcurrentHashMap<>();
    private static final Map<Long, Integer> ON_NODE = new ConcurrentHashMap<>();

    public static void run(long projectId, int running, Map<Long, Integer> devicesPerSpec) {
        RUNNING.put(projectId, running);
        DEVICES.put(projectId, Map.copyOf(devicesPerSpec));
    }

    public static void stopAll(long projectId) {
        RUNNING.remove(projectId);
        DEVICES.remove(projectId);
    }

    /** Marks this many devices of a node held by such work; zero frees them. */
    public static void holdOnNode(long nodeId, int devices) {
        if (devices == 0) {
            ON_NODE.remove(nodeId);
        } else {
            ON_NODE.put(nodeId, devices);
        }
    }

    @Override
    public Map<Long, ProjectUse> useByProject(Collection<Long> projectIds) {
        Map<Long, ProjectUse> use = new HashMap<>();
        for (long id : projectIds) {
            if (RUNNING.containsKey(id)) {
                use.put(id, new ProjectUse(RUNNING.get(id), DEVICES.getOrDefault(id, Map.of())));
            }
        }
        return use;
    }

    @Override
    public Map<Long, Integer> devicesInUseByNode(Collection<Long> nodeIds) {
        Map<Long, Integer> held = new HashMap<>();
        for (long id : nodeIds) {
            if (ON_NODE.containsKey(id)) {
                held.put(id, ON_NODE.get(id));
            }
        }
        return held;
    }

    @Override
    public int devicesInUse() {
        return 0;
    }
}
