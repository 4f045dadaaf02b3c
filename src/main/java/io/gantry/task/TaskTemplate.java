package io.gantry.task;

import java.time.Instant;

/**
 * Saved run-task settings (AI-Stack 六.3), in a project, for its members.
 *
 * @param settings the form as saved; its name is the template's name
 * @param editable whether the viewer may change or delete it (its owner, or a manager of its project)
 */
public record TaskTemplate(long id, long projectId, long ownerId, String ownerName, String name, TaskForm settings,
                           String specName, String framework, Instant createdAt, Instant updatedAt,
                           boolean editable) {
}
