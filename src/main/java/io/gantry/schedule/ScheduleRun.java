package io.gantry.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What came of one fire of a schedule for one of its templates.
 *
 * @param taskId the task it created, when it ran
 * @param reason why it did not run, as a message key with arguments; null when it ran
 */
public record ScheduleRun(long id, long scheduleId, Long templateId, String templateName, Instant fireAt,
                          Outcome outcome, Long taskId, String reason, List<String> arguments, Instant recordedAt) {

    public ScheduleRun {
        arguments = List.copyOf(arguments);
    }

    public enum Outcome {
        /** A task was created. */
        STARTED,
        /** Single-line, and the previous run still ran. */
        SKIPPED_BUSY,
        /** A user skipped this run. */
        SKIPPED,
        /** Due while Gantry was down, and not the one run the misfire rule catches up. */
        MISSED,
        /** The run was refused (no balance, project ended, template deleted...). */
        REFUSED
    }
}
