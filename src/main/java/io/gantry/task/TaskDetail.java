package io.gantry.task;

import java.util.List;

/**
 * A task's detail page (AI-Stack 六.2): its settings and hardware, its events and its log.
 *
 * @param log the log so far, each line tagged with its phase; live while the task runs
 * @param events the workload's transitions, oldest first
 */
public record TaskDetail(Task task, TaskRow row, List<TaskEvent> events, List<TaskLogLine> log) {

    public TaskDetail {
        events = List.copyOf(events);
        log = List.copyOf(log);
    }
}
