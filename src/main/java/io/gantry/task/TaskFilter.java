package io.gantry.task;

import io.gantry.workload.Phase;
import java.util.Set;

/**
 * What the task list is narrowed to.
 *
 * @param search part of a task's name, its framework or its owner's name; null or blank for all
 * @param phases the states shown; empty for all
 * @param mine only the signed-in user's own tasks
 */
public record TaskFilter(String search, Set<Phase> phases, boolean mine) {

    public static final TaskFilter ALL = new TaskFilter(null, Set.of(), false);

    public TaskFilter {
        phases = phases == null ? Set.of() : Set.copyOf(phases);
    }
}
