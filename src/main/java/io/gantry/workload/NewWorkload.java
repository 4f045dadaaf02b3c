package io.gantry.workload;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * A workload to create, as its kind's service checked it.
 *
 * @param startAt when to start, or null for at once
 * @param endAt when to end, or null
 * @param runHours how many hours after it started to end, or null
 * @param nodes how many nodes it runs on, placed together as a gang with {@code devices / nodes} on each; 1 for
 *              one node
 * @param preemptible the broker may evict it for work of a project under its quota
 * @param runMinutes ends this many minutes after it started, or null (a task's longest run)
 */
@NamedInterface("api")
public record NewWorkload(String kind, long projectId, long userId, String name, long imageId, String imageReference,
                          String imageFiles, String imageEnvironment, long specId, int devices, int cpuCores,
                          long memoryMib, Instant startAt, Instant endAt, Integer runHours, int nodes,
                          boolean preemptible, Integer runMinutes) {

    public NewWorkload {
        if (runMinutes != null && runMinutes < 1) {
            throw new IllegalArgumentException("A longest run is at least a minute: " + runMinutes);
        }
        if (nodes < 1 || devices % nodes != 0) {
            throw new IllegalArgumentException("A gang has the same devices on each of at least one node");
        }
    }

    /** A workload that no one may evict and that has no longest run in minutes. */
    public NewWorkload(String kind, long projectId, long userId, String name, long imageId, String imageReference,
                       String imageFiles, String imageEnvironment, long specId, int devices, int cpuCores,
                       long memoryMib, Instant startAt, Instant endAt, Integer runHours, int nodes) {
        this(kind, projectId, userId, name, imageId, imageReference, imageFiles, imageEnvironment, specId, devices,
                cpuCores, memoryMib, startAt, endAt, runHours, nodes, false, null);
    }

    /** A workload on one node. */
    public NewWorkload(String kind, long projectId, long userId, String name, long imageId, String imageReference,
                       String imageFiles, String imageEnvironment, long specId, int devices, int cpuCores,
                       long memoryMib, Instant startAt, Instant endAt, Integer runHours) {
        this(kind, projectId, userId, name, imageId, imageReference, imageFiles, imageEnvironment, specId, devices,
                cpuCores, memoryMib, startAt, endAt, runHours, 1);
    }
}
