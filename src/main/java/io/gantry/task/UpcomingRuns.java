package io.gantry.task;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Where runs ahead come from (the schedules): implemented by the module that fires them, so that this module shows
 * and skips them without depending on it. Checks no user: {@link TaskService} did.
 */
@NamedInterface("api")
public interface UpcomingRuns {

    /** The next run of each active schedule of the project, soonest first. */
    List<UpcomingRun> upcoming(long projectId);

    /** Skips that one run; later fires happen as planned. Nothing happens when it is no longer the next one. */
    void skip(long scheduleId, java.time.Instant at);
}
