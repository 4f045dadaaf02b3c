package io.gantry.task;

import io.gantry.workload.Phase;
import java.time.Instant;
import java.util.List;

/** A transition of a task, with its reason as a message key and its arguments. */
public record TaskEvent(Instant at, Phase from, Phase to, String reason, List<String> arguments) {

    public TaskEvent {
        arguments = List.copyOf(arguments);
    }
}
