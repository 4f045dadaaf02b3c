package io.gantry.task;

import io.gantry.audit.OperationLog;
import io.gantry.billing.Orders;
import io.gantry.billing.ServiceType;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.WorkSettings;
import io.gantry.db.tables.records.TaskRecord;
import io.gantry.db.tables.records.TaskTemplateRecord;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.Projects;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Names;
import io.gantry.workload.NewWorkload;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What running a task means, whoever asks (the signed-in user's form, a schedule's fire): the checks of its settings,
 * its order and its record, and how a task reads. Checks no user: the callers did.
 */
@Component
class TaskCore {

    private final TaskRepository repository;
    private final WorkSettings settings;
    private final Projects projects;
    private final Workloads workloads;
    private final Orders orders;
    private final ClusterInventory cluster;
    private final UserDirectory users;
    private final OperationLog operationLog;
    private final Clock clock;

    TaskCore(TaskRepository repository, WorkSettings settings, Projects projects, Workloads workloads, Orders orders,
             ClusterInventory cluster, UserDirectory users, OperationLog operationLog, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.projects = projects;
        this.workloads = workloads;
        this.orders = orders;
        this.cluster = cluster;
        this.users = users;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    /** The settings as checked: the shared ones, and the name and command as they are saved. */
    record Checked(WorkSettings.Checked shared, String name, String command) {
    }

    static WorkSettings.Choice choice(TaskForm form) {
        return new WorkSettings.Choice(form.projectId(), form.specId(), form.devices(), form.nodes(),
                form.flavorId(), form.sharedMemoryMib(), form.imageId());
    }

    /**
     * Checks a form of a project the user is a member of (the caller checked that, and that it is open), adding a
     * problem per field.
     *
     * @param taskName whether the name is a task's (unique among the project's tasks) rather than a template's
     */
    Checked check(TaskForm form, long userId, boolean imagesUse, boolean taskName, InvalidInput.Collector problems) {
        problems.check("name", Names.problem(form.name()));
        if (form.name() == null || form.name().isBlank()) {
            problems.add("name", "field.required");
        } else if (form.name().strip().length() > TaskForm.NAME_MAX) {
            problems.add("name", "field.too-long", TaskForm.NAME_MAX);
        } else if (taskName && !problems.has("name")
                && workloads.nameTaken(TaskRepository.KIND, form.projectId(), form.name(), null)) {
            problems.add("name", "task.name.taken", form.name().strip());
        }
        if (form.command() == null || form.command().isBlank()) {
            problems.add("command", "task.command.blank");
        } else if (form.command().strip().length() > TaskForm.COMMAND_MAX) {
            problems.add("command", "field.too-long", TaskForm.COMMAND_MAX);
        }
        Integer lifetime = projects.limits(form.projectId()).containerMaxHours();
        int mostMinutes = lifetime == null ? io.gantry.workload.RunWindow.MAX_HOURS * 60 : lifetime * 60;
        if (form.maxRunMinutes() != null && (form.maxRunMinutes() < 1 || form.maxRunMinutes() > mostMinutes)) {
            problems.add("maxRunMinutes", "task.max-run.range", mostMinutes);
        }
        WorkSettings.Checked shared = settings.check(choice(form), userId, imagesUse, problems);
        return new Checked(shared, form.name() == null ? null : form.name().strip(),
                form.command() == null ? null : form.command().strip());
    }

    /**
     * Orders the task's workload and records the task, in the caller's transaction; the order refuses it (workspace
     * not activated, wallet short) before anything is saved.
     */
    long place(TaskForm form, Checked checked, long ownerId, Long templateId, Long scheduleId) {
        FrameworkImage image = checked.shared().image();
        Workload workload = orders.place(new NewWorkload(TaskRepository.KIND, form.projectId(), ownerId,
                checked.name(), image.id(), image.reference(),
                image.custom() == null ? null : image.custom().savedFiles(), image.localEnvironment(),
                checked.shared().spec().id(), form.totalDevices(), checked.shared().flavor().cpuCores(),
                checked.shared().flavor().memoryMib(), null, null, null, form.nodes(), form.preemptible(),
                form.maxRunMinutes()), ServiceType.TASK);
        TaskRecord draft = new TaskRecord();
        draft.setWorkloadId(workload.id());
        draft.setCommand(checked.command());
        draft.setSharedMemoryMib(form.sharedMemoryMib());
        draft.setFlavorId(checked.shared().flavor().id());
        draft.setPreemptible(form.preemptible());
        draft.setMaxRunMinutes(form.maxRunMinutes());
        draft.setTemplateId(templateId);
        draft.setScheduleId(scheduleId);
        long id = repository.insert(draft);
        // Checked again once the order holds the project's wallet: two runs of one name at once wait for each other
        // there, and the second sees the first.
        if (workloads.nameTaken(TaskRepository.KIND, form.projectId(), checked.name(), workload.id())) {
            throw new InvalidInput("name", "task.name.taken", checked.name());
        }
        repository.log(id, clock.instant(), LogPhase.PREPARING, null, "task.log.ordered",
                List.of(checked.name(), Integer.toString(form.totalDevices()), checked.shared().spec().name()));
        if (workload.phase() == Phase.PENDING_APPROVAL) {
            repository.log(id, clock.instant(), LogPhase.PREPARING, null, "task.log.awaiting-approval", List.of());
        }
        return id;
    }

    /** Records a task operation of the signed-in user, or of the user a schedule runs it for. */
    void record(String username, String action, long taskId, String messageKey, Object... arguments) {
        if (username == null) {
            operationLog.record(action, TaskRepository.logTarget(taskId), messageKey, arguments);
        } else {
            operationLog.recordAs(username, null, action, TaskRepository.logTarget(taskId), messageKey, arguments);
        }
    }

    /** Records a template operation of the signed-in user. */
    void recordTemplate(String action, long templateId, String name) {
        operationLog.record(action, "template:" + templateId, "oplog.details.name", name);
    }

    /** The first free {@code <template>-<n>} among the project's tasks. */
    String nextName(long projectId, String templateName) {
        String prefix = templateName + "-";
        Set<String> taken = repository.namesStartingWith(projectId, prefix).stream()
                .map(n -> n.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        for (int n = 1; ; n++) {
            String name = prefix + n;
            if (!taken.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                return name;
            }
        }
    }

    /** The project of a template, if it still exists. */
    java.util.Optional<Long> templateProject(long templateId) {
        return repository.template(templateId).map(TaskTemplateRecord::getProjectId);
    }

    static TaskForm form(TaskTemplateRecord r) {
        return new TaskForm(r.getProjectId(), r.getName(), r.getSpecId(), r.getDevices(), r.getNodes(),
                r.getFlavorId(), r.getSharedMemoryMib(), r.getImageId(), r.getCommand(),
                Boolean.TRUE.equals(r.getPreemptible()), r.getMaxRunMinutes());
    }

    /** Tasks as their pages show them, from their workloads, in the same order. */
    List<Task> tasks(List<Workload> page, long projectId, long viewerId) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, TaskRecord> records = repository.byWorkloads(page.stream().map(Workload::id).toList()).stream()
                .collect(Collectors.toMap(TaskRecord::getWorkloadId, Function.identity()));
        Map<Long, String> owners = users.byId(page.stream().map(Workload::userId).collect(Collectors.toSet()))
                .values().stream().collect(Collectors.toMap(UserRef::id, UserRef::username));
        Map<Long, String> specs = new HashMap<>();
        for (AcceleratorSpec spec : cluster.specs()) {
            specs.put(spec.id(), spec.name());
        }
        Map<Long, String> frameworks = settings.frameworks(projectId, viewerId);
        return page.stream().filter(w -> records.containsKey(w.id())).map(w -> task(records.get(w.id()), w,
                owners.getOrDefault(w.userId(), "#" + w.userId()), specs.getOrDefault(w.specId(), "#" + w.specId()),
                frameworks.getOrDefault(w.imageId(), w.imageReference()))).toList();
    }

    static Task task(TaskRecord r, Workload w, String ownerName, String specName, String framework) {
        return new Task(r.getId(), w.id(), w.projectId(), w.userId(), ownerName, w.name(), w.imageId(),
                w.imageReference(), framework, w.specId(), specName, w.devices(), w.nodes(), w.cpuCores(),
                w.memoryMib(), r.getSharedMemoryMib(), r.getCommand(), Boolean.TRUE.equals(r.getPreemptible()),
                r.getMaxRunMinutes(), r.getTemplateId(), r.getScheduleId(), w.phase(), w.reason(),
                w.reasonArguments(), w.exitCode(), w.createdAt(), w.startedAt(), w.endedAt());
    }
}
