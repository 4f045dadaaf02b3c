package io.gantry.task;

import io.gantry.broker.Explanation;

/**
 * A row of the task list.
 *
 * @param waitsBecause the broker's explanation of why a queued task waits; null when it does not wait
 * @param operable whether the viewer may stop or delete it (its owner, or a manager of its project)
 */
public record TaskRow(Task task, Explanation waitsBecause, boolean operable) {
}
