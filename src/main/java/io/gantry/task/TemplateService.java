package io.gantry.task;

import io.gantry.shared.Permission;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Task templates for the signed-in user (AI-Stack 六.3, 六.4): a project's members see and run its templates; the
 * owner of one and the project's managers change and delete it.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.TASKS_USE + "')")
public class TemplateService {

    /** The project's templates, by name. */
    public List<TaskTemplate> list(long projectId) {
        throw new UnsupportedOperationException();
    }

    public TaskTemplate template(long id) {
        throw new UnsupportedOperationException();
    }

    /**
     * Saves settings as a new template named {@code settings.name()}, checked as a run would check them (except the
     * wallet); names are unique in a project.
     */
    public TaskTemplate create(TaskForm settings) {
        throw new UnsupportedOperationException();
    }

    /** Changes a template's name and settings. */
    public TaskTemplate update(long id, TaskForm settings) {
        throw new UnsupportedOperationException();
    }

    /** Deletes a template; the schedules that run it record a refusal at their next fire. */
    public void delete(long id) {
        throw new UnsupportedOperationException();
    }

    /** The run-task form filled in from a template, named {@code <template>-<n>} with the next free number. */
    public TaskForm runForm(long id) {
        throw new UnsupportedOperationException();
    }
}
