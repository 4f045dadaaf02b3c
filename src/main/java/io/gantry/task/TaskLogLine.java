package io.gantry.task;

import java.time.Instant;
import java.util.List;

/**
 * A line of a task's log: either the command's own output, or the platform's line about the task (queued, placed,
 * image ready, cleaned up) kept as a message key so that each reader sees it in their language.
 *
 * @param text the command's output line as printed; null for a platform line
 * @param key a platform line's message key; null for an output line
 */
public record TaskLogLine(Instant at, LogPhase phase, String text, String key, List<String> arguments) {

    public TaskLogLine {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public boolean output() {
        return key == null;
    }
}
