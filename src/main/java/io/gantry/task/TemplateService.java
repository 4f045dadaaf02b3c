package io.gantry.task;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.container.WorkSettings;
import io.gantry.db.tables.records.TaskTemplateRecord;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Task templates for the signed-in user (AI-Stack 六.3, 六.4): a project's members see and run its templates; the
 * owner of one and the project's managers change and delete it.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.TASKS_USE + "')")
public class TemplateService {

    private final TaskRepository repository;
    private final TaskCore core;
    private final WorkSettings settings;
    private final ProjectService projects;
    private final ClusterService cluster;
    private final UserDirectory users;
    private final Clock clock;

    TemplateService(TaskRepository repository, TaskCore core, WorkSettings settings, ProjectService projects,
                    ClusterService cluster, UserDirectory users, Clock clock) {
        this.repository = repository;
        this.core = core;
        this.settings = settings;
        this.projects = projects;
        this.cluster = cluster;
        this.users = users;
        this.clock = clock;
    }

    /** The project's templates, by name. */
    @Transactional(readOnly = true)
    public List<TaskTemplate> list(long projectId) {
        ProjectRole role = member(projectId);
        return templates(repository.templates(projectId), projectId, role);
    }

    @Transactional(readOnly = true)
    public TaskTemplate template(long id) {
        TaskTemplateRecord r = repository.template(id).orElseThrow(() -> new NotFound("template"));
        ProjectRole role = projects.myRole(r.getProjectId()).orElseThrow(() -> new NotFound("template"));
        return templates(List.of(r), r.getProjectId(), role).getFirst();
    }

    /**
     * Saves settings as a new template named {@code settings.name()}, checked as a run would check them (except the
     * wallet); names are unique in a project.
     */
    @Transactional
    public TaskTemplate create(TaskForm settings) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        check(settings, me, null);
        Instant now = clock.instant();
        TaskTemplateRecord draft = new TaskTemplateRecord();
        draft.setProjectId(settings.projectId());
        draft.setUserId(me.id());
        draft.setCreatedAt(now);
        fill(draft, settings, now);
        long id = repository.insertTemplate(draft);
        core.recordTemplate("template.create", id, draft.getName());
        return template(id);
    }

    /** Changes a template's name and settings. */
    @Transactional
    public TaskTemplate update(long id, TaskForm settings) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        TaskTemplateRecord r = editable(id);
        TaskForm same = new TaskForm(r.getProjectId(), settings.name(), settings.specId(), settings.devices(),
                settings.nodes(), settings.flavorId(), settings.sharedMemoryMib(), settings.imageId(),
                settings.command(), settings.preemptible(), settings.maxRunMinutes());
        check(same, me, id);
        fill(r, same, clock.instant());
        repository.updateTemplate(r);
        core.recordTemplate("template.update", id, r.getName());
        return template(id);
    }

    /** Deletes a template; the schedules that run it record a refusal at their next fire. */
    @Transactional
    public void delete(long id) {
        TaskTemplateRecord r = editable(id);
        repository.deleteTemplate(id);
        core.recordTemplate("template.delete", id, r.getName());
    }

    /** The run-task form filled in from a template, named {@code <template>-<n>} with the next free number. */
    @Transactional(readOnly = true)
    public TaskForm runForm(long id) {
        TaskTemplateRecord r = repository.template(id).orElseThrow(() -> new NotFound("template"));
        member(r.getProjectId());
        return TaskCore.form(r).named(core.nextName(r.getProjectId(), r.getName()));
    }

    private void check(TaskForm form, SignedInUser me, Long except) {
        if (form.projectId() == null) {
            throw new InvalidInput("project", "field.required");
        }
        member(form.projectId());
        InvalidInput.Collector problems = InvalidInput.collect();
        core.check(form, me.id(), me.has(Permission.IMAGES_USE), false, problems);
        if (!problems.has("name") && form.name() != null
                && repository.templateNameTaken(form.projectId(), form.name(), except)) {
            problems.add("name", "template.name.taken", form.name().strip());
        }
        problems.throwIfAny();
    }

    private static void fill(TaskTemplateRecord r, TaskForm form, Instant now) {
        r.setName(form.name().strip());
        r.setSpecId(form.specId());
        r.setDevices(form.devices());
        r.setNodes(form.nodes());
        r.setFlavorId(form.flavorId());
        r.setSharedMemoryMib(form.sharedMemoryMib());
        r.setImageId(form.imageId());
        r.setCommand(form.command().strip());
        r.setPreemptible(form.preemptible());
        r.setMaxRunMinutes(form.maxRunMinutes());
        r.setUpdatedAt(now);
    }

    private ProjectRole member(long projectId) {
        return projects.myRole(projectId).orElseThrow(() -> new NotFound("project"));
    }

    private TaskTemplateRecord editable(long id) {
        TaskTemplateRecord r = repository.template(id).orElseThrow(() -> new NotFound("template"));
        ProjectRole role = projects.myRole(r.getProjectId()).orElseThrow(() -> new NotFound("template"));
        if (role != ProjectRole.MANAGER && r.getUserId() != CurrentUser.get().orElseThrow().id()) {
            throw new NotAllowed("template.edit.not-allowed");
        }
        return r;
    }

    private List<TaskTemplate> templates(List<TaskTemplateRecord> records, long projectId, ProjectRole role) {
        if (records.isEmpty()) {
            return List.of();
        }
        long me = CurrentUser.get().orElseThrow().id();
        Map<Long, String> owners = users.byId(records.stream().map(TaskTemplateRecord::getUserId)
                .collect(Collectors.toSet())).values().stream()
                .collect(Collectors.toMap(UserRef::id, UserRef::username));
        Map<Long, String> specs = new HashMap<>();
        for (AcceleratorSpec spec : cluster.specs()) {
            specs.put(spec.id(), spec.name());
        }
        Map<Long, String> frameworks = settings.frameworks(projectId, me);
        return records.stream().map(r -> new TaskTemplate(r.getId(), r.getProjectId(), r.getUserId(),
                owners.getOrDefault(r.getUserId(), "#" + r.getUserId()), r.getName(), TaskCore.form(r),
                r.getSpecId() == null ? null : specs.get(r.getSpecId()),
                r.getImageId() == null ? null : frameworks.get(r.getImageId()), r.getCreatedAt(), r.getUpdatedAt(),
                role == ProjectRole.MANAGER || r.getUserId() == me)).toList();
    }
}
