package io.gantry.schedule;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the trigger editor shows under its fields.
 *
 * @param expression the cron expression; for an invalid one, as typed
 * @param description the sentence describing it in the reader's language; null when the expression is invalid
 * @param problem why the expression is invalid, as a message key (with {@code arguments}); null when it is valid
 * @param nextFires the next five fire times in the schedule's zone, within its start and end
 */
public record TriggerPreview(String expression, String description, String problem, List<String> arguments,
                             List<ZonedDateTime> nextFires) {

    public TriggerPreview {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        nextFires = nextFires == null ? List.of() : List.copyOf(nextFires);
    }
}
