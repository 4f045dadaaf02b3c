package io.gantry.task;

import io.gantry.billing.Orders;
import io.gantry.billing.Wallets;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.WorkSettings;
import io.gantry.db.tables.records.TaskTemplateRecord;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.Project;
import io.gantry.project.Projects;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task module's door for other modules (the schedules): run a task from a template on behalf of a user, and ask
 * whether a task still runs. Checks no user permission and joins the caller's transaction.
 */
@Component
@NamedInterface("api")
public class Tasks {

    public static final String TEMPLATE_DELETED = "task.run.template-deleted";
    public static final String NOT_MEMBER = "task.run.not-member";
    public static final String PROJECT_CLOSED = "task.run.project-closed";
    public static final String NOT_ACTIVATED = "task.run.not-activated";
    public static final String BALANCE_SHORT = "task.run.balance-short";
    public static final String SETTINGS_INVALID = "task.run.settings-invalid";

    private final TaskRepository repository;
    private final TaskCore core;
    private final WorkSettings settings;
    private final Projects projects;
    private final Orders orders;
    private final Wallets wallets;
    private final Workloads workloads;
    private final UserDirectory users;

    Tasks(TaskRepository repository, TaskCore core, WorkSettings settings, Projects projects, Orders orders,
          Wallets wallets, Workloads workloads, UserDirectory users) {
        this.repository = repository;
        this.core = core;
        this.settings = settings;
        this.projects = projects;
        this.orders = orders;
        this.wallets = wallets;
        this.workloads = workloads;
        this.users = users;
    }

    /**
     * Runs a task from a template for a user, as {@link TaskService#create} would for that user (order, approval,
     * wallet, broker), named {@code <template>-<n>}. A run that cannot happen (the template deleted, the user no
     * longer a member, the project ended, the wallet short, the settings no longer valid) is refused with its reason
     * and creates nothing.
     *
     * @param scheduleId the schedule that fired it, recorded with the task
     */
    @Transactional
    public RunOutcome runFromTemplate(long templateId, long userId, long scheduleId, Instant firedAt) {
        return run(templateId, userId, scheduleId);
    }

    /**
     * Every refusal is found before anything is written and before any call that would throw: a refusal thrown
     * through a transactional call would leave the caller's transaction (the schedule's record of the fire) marked
     * for rollback.
     */
    private RunOutcome run(long templateId, long userId, long scheduleId) {
        TaskTemplateRecord template = repository.template(templateId).orElse(null);
        if (template == null) {
            return refused(TEMPLATE_DELETED, String.valueOf(templateId));
        }
        long projectId = template.getProjectId();
        Project project = projects.project(projectId);
        UserRef user = users.refs(List.of(userId)).stream().findFirst().orElse(null);
        if (user == null || projects.roleOf(projectId, userId).isEmpty()) {
            return refused(NOT_MEMBER, user == null ? "#" + userId : user.username(), project.name());
        }
        if (!project.isOpenOn(projects.today())) {
            return refused(PROJECT_CLOSED, project.name());
        }
        TaskForm form = TaskCore.form(template).named(core.nextName(projectId, template.getName()));
        Optional<String> unusable = unusable(form, userId);
        if (unusable.isPresent()) {
            return refused(SETTINGS_INVALID, template.getName(), unusable.get());
        }
        InvalidInput.Collector problems = InvalidInput.collect();
        TaskCore.Checked checked = core.check(form, userId, true, true, problems);
        try {
            problems.throwIfAny();
        } catch (InvalidInput invalid) {
            return refused(SETTINGS_INVALID, template.getName(), invalid.problems().stream()
                    .map(FieldProblem::field).distinct().collect(Collectors.joining(", ")));
        }
        if (!orders.activated(userId)) {
            return refused(NOT_ACTIVATED, user.username());
        }
        Flavor flavor = checked.shared().flavor();
        Money firstHour = orders.estimate(checked.shared().spec().id(), form.totalDevices(),
                flavor.cpuCores() * form.nodes(), flavor.memoryMib() * form.nodes()).hour();
        Money balance = wallets.balance(projectId);
        if (balance.compareTo(firstHour) < 0) {
            return refused(BALANCE_SHORT, firstHour.amount().toPlainString(), balance.amount().toPlainString(),
                    balance.currency().getCurrencyCode());
        }
        long taskId = core.place(form, checked, userId, templateId, scheduleId);
        core.record(user.username(), "task.create", taskId, "oplog.details.task-scheduled", checked.name(),
                template.getName(), scheduleId);
        return new RunOutcome(taskId, null, List.of());
    }

    /**
     * What of the template's choices no longer exists for the user (its image or spec gone), which the checks would
     * refuse by throwing.
     */
    private Optional<String> unusable(TaskForm form, long userId) {
        if (form.imageId() == null || Stream.concat(settings.publicImages().stream(),
                        settings.customImages(form.projectId(), userId, true).stream()).map(FrameworkImage::id)
                .noneMatch(id -> id.equals(form.imageId()))) {
            return Optional.of("image");
        }
        if (form.specId() == null || settings.specs(form.projectId()).stream()
                .noneMatch(offer -> offer.spec().id() == form.specId())) {
            return Optional.of("spec");
        }
        return Optional.empty();
    }

    private static RunOutcome refused(String reason, String... arguments) {
        return new RunOutcome(null, reason, List.of(arguments));
    }

    /** Whether the task has not ended yet (it waits, starts or runs). */
    @Transactional(readOnly = true)
    public boolean live(long taskId) {
        return repository.record(taskId).flatMap(r -> workloads.find(r.getWorkloadId()))
                .map(w -> w.phase().isLive()).orElse(false);
    }

    /** A template's name and project, if it still exists. */
    @Transactional(readOnly = true)
    public Optional<TemplateRef> template(long templateId) {
        return repository.template(templateId).map(r -> new TemplateRef(r.getId(), r.getProjectId(), r.getName()));
    }

    /** The templates of a project. */
    @Transactional(readOnly = true)
    public List<TemplateRef> templates(long projectId) {
        return repository.templates(projectId).stream()
                .map(r -> new TemplateRef(r.getId(), r.getProjectId(), r.getName())).toList();
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
