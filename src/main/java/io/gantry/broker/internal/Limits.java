package io.gantry.broker.internal;

import io.gantry.cluster.PodLimits;
import java.util.List;
import java.util.Map;

/**
 * What the broker must respect besides free devices.
 *
 * @param quota devices of a spec a project may hold at once, keyed by {@link #key(long, long)}; absent: none
 * @param perUser devices of a spec one user may hold within a project, same key; absent: no per-user limit
 * @param maxHours the longest a job of a project may run; absent: no limit
 * @param allowedCounts devices per node a request of a spec may ask for
 * @param podLimits CPU and memory one node's share of a request may ask for, per spec
 */
public record Limits(Map<String, Integer> quota, Map<String, Integer> perUser, Map<Long, Integer> maxHours,
                     Map<Long, List<Integer>> allowedCounts, Map<Long, PodLimits> podLimits) {

    public static String key(long projectId, long specId) {
        return projectId + "/" + specId;
    }

    public int quotaOf(long projectId, long specId) {
        return quota.getOrDefault(key(projectId, specId), 0);
    }
}
