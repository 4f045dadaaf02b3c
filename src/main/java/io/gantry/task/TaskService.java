package io.gantry.task;

import io.gantry.shared.Permission;
import java.util.Collection;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Tasks for the signed-in user (AI-Stack 六.1, 六.2): run one, list and read them, stop and delete them. Members of a
 * project see its tasks; a task's owner and the project's managers operate it.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.TASKS_USE + "')")
public class TaskService {

    /** What the run-task form offers in a project the signed-in user is a member of. */
    public TaskOptions createOptions(long projectId) {
        throw new UnsupportedOperationException();
    }

    /** Checks a form as {@link #create} would, without creating anything; problems per field. */
    public void validate(TaskForm form) {
        throw new UnsupportedOperationException();
    }

    /** What the form and its summary show: quota left, balance, cost per hour, whether it would start now. */
    public TaskEstimate estimate(TaskForm form) {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a task: places its order and asks for its devices. Refused with a problem per field when the form does not
     * hold (or the wallet cannot pay its first hour); otherwise PENDING_APPROVAL or QUEUED, and it starts once
     * placed.
     */
    public Task create(TaskForm form) {
        throw new UnsupportedOperationException();
    }

    /** A page of the project's tasks, newest first. */
    public List<TaskRow> rows(long projectId, TaskFilter filter, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    public int count(long projectId, TaskFilter filter) {
        throw new UnsupportedOperationException();
    }

    public Task task(long id) {
        throw new UnsupportedOperationException();
    }

    /**
     * The detail page's content, the whole log live while the task runs (the page renders the platform's lines in the
     * reader's language and offers it as a {@code .txt} download, a line each, tagged with its phase).
     */
    public TaskDetail detail(long id) {
        throw new UnsupportedOperationException();
    }

    /** The settings a task ran with, named after it: to save it as a template or run it again. */
    public TaskForm settingsOf(long id) {
        throw new UnsupportedOperationException();
    }

    /** Stops a queued or running task (its owner, or a manager of its project). */
    public void stop(long id) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes ended tasks, all or none: each must have ended and be the viewer's to operate.
     *
     * @return the names of the deleted tasks
     */
    public List<String> deleteSeveral(Collection<Long> ids) {
        throw new UnsupportedOperationException();
    }

    /** The schedules' next runs in the project, soonest first: the list shows them as upcoming tasks. */
    public List<UpcomingRun> upcoming(long projectId) {
        throw new UnsupportedOperationException();
    }

    /** Skips only this upcoming run of its schedule (AI-Stack 六.5 (1) l): the schedule fires again after it. */
    public void skipUpcoming(UpcomingRun run) {
        throw new UnsupportedOperationException();
    }
}
