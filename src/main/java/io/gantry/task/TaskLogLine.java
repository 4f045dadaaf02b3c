package io.gantry.task;

import java.time.Instant;

/**
 * A line of a task's log.
 *
 * @param text the command's own output as it printed it; for the platform's lines (preparing, pulling, cleaning up)
 *             already in the reader's language
 */
public record TaskLogLine(Instant at, LogPhase phase, String text) {
}
