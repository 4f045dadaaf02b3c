package io.gantry.task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The task module's door for other modules (the schedules): run a task from a template on behalf of a user, and ask
 * whether a task still runs. Checks no user permission and joins the caller's transaction.
 */
@Component
@NamedInterface("api")
public class Tasks {

    /**
     * Runs a task from a template for a user, as {@link TaskService#create} would for that user (order, approval,
     * wallet, broker), named {@code <template>-<n>}. A run that cannot happen (the template deleted, the user no
     * longer a member, the project ended, the wallet short, the settings no longer valid) is refused with its reason
     * and creates nothing.
     *
     * @param scheduleId the schedule that fired it, recorded with the task
     */
    public RunOutcome runFromTemplate(long templateId, long userId, long scheduleId, Instant firedAt) {
        throw new UnsupportedOperationException();
    }

    /** Whether the task has not ended yet (it waits, starts or runs). */
    public boolean live(long taskId) {
        throw new UnsupportedOperationException();
    }

    /** A template's name and project, if it still exists. */
    public Optional<TemplateRef> template(long templateId) {
        throw new UnsupportedOperationException();
    }

    /** The templates of a project. */
    public List<TemplateRef> templates(long projectId) {
        throw new UnsupportedOperationException();
    }

    public record TemplateRef(long id, long projectId, String name) {
    }

    /**
     * What came of a run: the task it created, or why none was.
     *
     * @param reason a message key, with its arguments; null when the task was created
     */
    public record RunOutcome(Long taskId, String reason, List<String> arguments) {

        public RunOutcome {
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        public boolean ran() {
            return taskId != null;
        }
    }
}
