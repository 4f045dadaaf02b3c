package io.gantry.workload;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * A workload to create, as its kind's service checked it.
 *
 * @param startAt when to start, or null for at once
 * @param endAt when to end, or null
 * @param runHours how many hours after it started to end, or null
 */
@NamedInterface("api")
public record NewWorkload(String kind, long projectId, long userId, String name, long imageId, String imageReference,
                          String imageFiles, String imageEnvironment, long specId, int devices, int cpuCores,
                          long memoryMib, Instant startAt, Instant endAt, Integer runHours) {
}
