package io.gantry.task;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/** A run a schedule will fire: shown in the task list as an upcoming task. */
@NamedInterface("api")
public record UpcomingRun(long scheduleId, String scheduleName, long templateId, String templateName, long ownerId,
                          Instant at) {
}
