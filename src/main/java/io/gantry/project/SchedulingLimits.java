package io.gantry.project;

import java.util.List;

/** A project's limits as the broker needs them. */
public record SchedulingLimits(long projectId, List<Quota> quotas, Integer maxJobHours) {
}
