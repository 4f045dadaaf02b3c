package io.gantry.task;

import io.gantry.billing.Orders;
import io.gantry.billing.Wallets;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.broker.BrokerRequests;
import io.gantry.broker.Explanation;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestForm;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.container.WorkSettings;
import io.gantry.db.tables.records.TaskRecord;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.project.Project;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Projects;
import io.gantry.project.Quota;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasks for the signed-in user (AI-Stack 六.1, 六.2): run one, list and read them, stop and delete them. Members of a
 * project see its tasks; a task's owner and the project's managers operate it.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.TASKS_USE + "')")
public class TaskService {

    /** The most lines of a running task's output the detail page reads at once. */
    static final int LIVE_LINES_MAX = 5000;

    private final TaskRepository repository;
    private final TaskCore core;
    private final WorkSettings settings;
    private final ProjectService projects;
    private final Projects projectLimits;
    private final ClusterService cluster;
    private final Workloads workloads;
    private final Orders orders;
    private final Wallets wallets;
    private final BrokerRequests brokerRequests;
    private final WorkloadRuntime runtime;
    private final ObjectProvider<UpcomingRuns> upcomingRuns;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TaskService(TaskRepository repository, TaskCore core, WorkSettings settings, ProjectService projects,
                Projects projectLimits, ClusterService cluster, Workloads workloads, Orders orders, Wallets wallets,
                BrokerRequests brokerRequests, WorkloadRuntime runtime, ObjectProvider<UpcomingRuns> upcomingRuns,
                TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.core = core;
        this.settings = settings;
        this.projects = projects;
        this.projectLimits = projectLimits;
        this.cluster = cluster;
        this.workloads = workloads;
        this.orders = orders;
        this.wallets = wallets;
        this.brokerRequests = brokerRequests;
        this.runtime = runtime;
        this.upcomingRuns = upcomingRuns;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** What the run-task form offers in a project the signed-in user is a member of. */
    @Transactional(readOnly = true)
    public TaskOptions createOptions(long projectId) {
        member(projectId);
        SignedInUser me = CurrentUser.get().orElseThrow();
        Project project = projectLimits.project(projectId);
        List<TaskOptions.SpecChoice> specs = new ArrayList<>();
        Map<Long, Integer> mostNodes = new HashMap<>();
        for (WorkSettings.SpecOffer offer : settings.specs(projectId)) {
            specs.add(new TaskOptions.SpecChoice(offer.spec(), offer.counts(), offer.most(), offer.flavors()));
            mostNodes.put(offer.spec().id(), settings.mostNodes(offer.spec().id()));
        }
        return new TaskOptions(project, specs, settings.publicImages(),
                settings.customImages(projectId, me.id(), me.has(Permission.IMAGES_USE)), mostNodes);
    }

    /** Checks a form as {@link #create} would, without creating anything; problems per field. */
    @Transactional(readOnly = true)
    public void validate(TaskForm form) {
        check(form, CurrentUser.get().orElseThrow());
    }

    private TaskCore.Checked check(TaskForm form, SignedInUser me) {
        if (form.projectId() == null) {
            throw new InvalidInput("project", "field.required");
        }
        member(form.projectId());
        projects.requireOpen(form.projectId());
        InvalidInput.Collector problems = InvalidInput.collect();
        TaskCore.Checked checked = core.check(form, me.id(), me.has(Permission.IMAGES_USE), true, problems);
        problems.throwIfAny();
        return checked;
    }

    /** What the form and its summary show: quota left, balance, cost per hour, whether it would start now. */
    @Transactional(readOnly = true)
    public TaskEstimate estimate(TaskForm form) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (form.projectId() == null) {
            throw new NotFound("project");
        }
        long projectId = form.projectId();
        member(projectId);
        Money balance = wallets.balance(projectId);
        if (form.specId() == null) {
            return new TaskEstimate(null, balance, null, null, false);
        }
        AcceleratorSpec spec = cluster.spec(form.specId());
        int quota = projectLimits.quotas(projectId).stream().filter(q -> q.specId() == spec.id())
                .mapToInt(Quota::devices).findFirst().orElse(0);
        int quotaLeft = Math.max(0, quota - brokerRequests.held(projectId, spec.id()));
        Flavor flavor = form.flavorId() == null ? null : cluster.flavors(spec.id()).stream()
                .filter(f -> f.id() == form.flavorId()).findFirst().orElse(null);
        if (form.devices() == null || flavor == null || form.nodes() < 1) {
            return new TaskEstimate(quotaLeft, balance, null, null, false);
        }
        HourlyRate perHour = orders.estimate(spec.id(), form.totalDevices(), flavor.cpuCores() * form.nodes(),
                flavor.memoryMib() * form.nodes());
        Integer hours = form.maxRunMinutes() == null ? null : (form.maxRunMinutes() + 59) / 60;
        BrokerRequests.Preview preview = brokerRequests.preview(me.id(), new RequestForm(projectId, spec.id(),
                form.nodes(), form.devices(), flavor.cpuCores(), flavor.memoryMib(), 0, form.preemptible(), hours,
                "preview"));
        Integer threshold = projectLimits.limits(projectId).approvalThreshold();
        return new TaskEstimate(quotaLeft, balance, perHour, preview,
                threshold != null && form.totalDevices() > threshold);
    }

    /**
     * Runs a task: places its order and asks for its devices. Refused with a problem per field when the form does not
     * hold (or the wallet cannot pay its first hour); otherwise PENDING_APPROVAL or QUEUED, and it starts once
     * placed.
     */
    public Task create(TaskForm form) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        long id = transaction.execute(status -> {
            TaskCore.Checked checked = check(form, me);
            long saved = core.place(form, checked, me.id(), null, null);
            core.record(null, "task.create", saved, "oplog.details.task", checked.name(),
                    checked.shared().image().reference(), form.totalDevices(), checked.shared().spec().name());
            return saved;
        });
        long workloadId = repository.record(id).orElseThrow().getWorkloadId();
        // Its devices are asked for now, so that the page shows at once whether it was placed, queued or refused.
        workloads.settle(workloadId);
        workloads.find(workloadId).filter(w -> w.phase() == Phase.QUEUED && w.brokerRequestId() != null)
                .ifPresent(w -> logQueued(id, w));
        return task(id);
    }

    /** Why it waits, in its log: the devices it needs, those free for it, and the requests ahead. */
    private void logQueued(long taskId, Workload workload) {
        QueuedRequest request = brokerRequests.request(workload.brokerRequestId());
        if (request.status() == RequestStatus.QUEUED && request.explanation() != null) {
            Explanation why = request.explanation();
            repository.log(taskId, clock.instant(), LogPhase.PREPARING, null, "task.log.queued",
                    List.of(Integer.toString(why.needed()), Integer.toString(why.usableFree()),
                            Integer.toString(why.ahead())));
        }
    }

    /** A page of the project's tasks, newest first. */
    @Transactional(readOnly = true)
    public List<TaskRow> rows(long projectId, TaskFilter filter, int offset, int limit) {
        member(projectId);
        SignedInUser me = CurrentUser.get().orElseThrow();
        TaskFilter chosen = filter == null ? TaskFilter.ALL : filter;
        List<Long> ids = repository.page(projectId, chosen, chosen.mine() ? me.id() : null,
                frameworkImages(projectId, me.id(), chosen), offset, limit);
        Map<Long, Workload> byId = new HashMap<>();
        workloads.find(ids).forEach(w -> byId.put(w.id(), w));
        List<Workload> page = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        boolean manages = projects.canManage(projectId);
        return core.tasks(page, projectId, me.id()).stream().map(task -> new TaskRow(task, waits(task, page),
                manages || task.ownerId() == me.id())).toList();
    }

    private Explanation waits(Task task, List<Workload> page) {
        if (task.phase() != Phase.QUEUED) {
            return null;
        }
        Long requestId = page.stream().filter(w -> w.id() == task.workloadId()).findFirst()
                .map(Workload::brokerRequestId).orElse(null);
        if (requestId == null) {
            return null;
        }
        QueuedRequest request = brokerRequests.request(requestId);
        return request.status() == RequestStatus.QUEUED ? request.explanation() : null;
    }

    /** The images whose framework the search names, so that a search by framework finds their tasks. */
    private List<Long> frameworkImages(long projectId, long viewerId, TaskFilter filter) {
        if (filter.search() == null || filter.search().isBlank()) {
            return List.of();
        }
        String search = filter.search().strip().toLowerCase(java.util.Locale.ROOT);
        return settings.frameworks(projectId, viewerId).entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(java.util.Locale.ROOT).contains(search))
                .map(Map.Entry::getKey).toList();
    }

    @Transactional(readOnly = true)
    public int count(long projectId, TaskFilter filter) {
        member(projectId);
        SignedInUser me = CurrentUser.get().orElseThrow();
        TaskFilter chosen = filter == null ? TaskFilter.ALL : filter;
        return repository.count(projectId, chosen, chosen.mine() ? me.id() : null,
                frameworkImages(projectId, me.id(), chosen));
    }

    @Transactional(readOnly = true)
    public Task task(long id) {
        return seen(id).task();
    }

    /**
     * The detail page's content, the whole log live while the task runs (the page renders the platform's lines in the
     * reader's language and offers it as a {@code .txt} download, a line each, tagged with its phase).
     */
    @Transactional(readOnly = true)
    public TaskDetail detail(long id) {
        Seen seen = seen(id);
        Task task = seen.task();
        Workload workload = workloads.find(task.workloadId()).orElseThrow();
        List<TaskEvent> events = workloads.events(task.workloadId()).stream()
                .map(e -> new TaskEvent(e.at(), e.from(), e.to(), e.reason(), e.reasonArguments())).toList();
        List<TaskLogLine> log = new ArrayList<>(repository.log(id));
        if (task.phase().inRuntime()) {
            // Its output lives in the runtime until it ends; then it is in the log with the rest.
            java.time.Instant at = task.startedAt() == null ? clock.instant() : task.startedAt();
            List<String> tail;
            try {
                tail = runtime.tail(workload.runtimeId(), LIVE_LINES_MAX);
            } catch (io.gantry.runtime.WorkloadRuntime.Unavailable unreachable) {
                // A cluster's API that cannot be asked now: the page shows the task without its live output.
                tail = List.of();
            }
            log.addAll(tail.stream().map(line -> new TaskLogLine(at, LogPhase.RUNNING, line, null, List.of()))
                    .toList());
        }
        return new TaskDetail(task, new TaskRow(task, waits(task, List.of(workload)), seen.operable()), events,
                log);
    }

    /** The settings a task ran with, named after it: to save it as a template or run it again. */
    @Transactional(readOnly = true)
    public TaskForm settingsOf(long id) {
        Task task = seen(id).task();
        TaskRecord r = repository.record(id).orElseThrow();
        return new TaskForm(task.projectId(), task.name(), task.specId(), task.devices() / task.nodes(),
                task.nodes(), r.getFlavorId(), task.sharedMemoryMib(), task.imageId(), task.command(),
                task.preemptible(), task.maxRunMinutes());
    }

    /**
     * A task's settings to run it again, named as a template's runs are: its name without a trailing {@code -<n>},
     * then the next free number ({@code train} gives {@code train-1}, {@code nightly-1} gives {@code nightly-2}).
     */
    @Transactional(readOnly = true)
    public TaskForm runAgainForm(long id) {
        TaskForm settings = settingsOf(id);
        return settings.named(core.nextName(settings.projectId(), settings.name().replaceFirst("-\\d+$", "")));
    }

    /** Stops a queued or running task (its owner, or a manager of its project). */
    public void stop(long id) {
        Task task = operable(id);
        if (!task.phase().isLive()) {
            throw new NotAllowed("task.stop.not-live");
        }
        transaction.executeWithoutResult(status -> {
            if (workloads.stop(task.workloadId())) {
                core.record(null, "task.stop", id, "oplog.details.name", task.name());
            }
        });
        workloads.settle(task.workloadId());
    }

    /**
     * Deletes ended tasks, all or none: each must have ended and be the viewer's to operate.
     *
     * @return the names of the deleted tasks
     */
    public List<String> deleteSeveral(Collection<Long> ids) {
        List<Task> chosen = ids.stream().distinct().map(this::operable).toList();
        for (Task task : chosen) {
            if (!task.ended()) {
                throw new NotAllowed("task.delete.not-ended", task.name());
            }
        }
        transaction.executeWithoutResult(status -> {
            for (Task task : chosen) {
                if (workloads.delete(task.workloadId())) {
                    core.record(null, "task.delete", task.id(), "oplog.details.name", task.name());
                }
            }
        });
        chosen.forEach(task -> workloads.settle(task.workloadId()));
        return chosen.stream().map(Task::name).toList();
    }

    /** The schedules' next runs in the project, soonest first: the list shows them as upcoming tasks. */
    @Transactional(readOnly = true)
    public List<UpcomingRun> upcoming(long projectId) {
        member(projectId);
        return upcomingRuns.orderedStream().flatMap(source -> source.upcoming(projectId).stream())
                .sorted(Comparator.comparing(UpcomingRun::at)).toList();
    }

    /** Skips only this upcoming run of its schedule (AI-Stack 六.5 (1) l): the schedule fires again after it. */
    @Transactional
    public void skipUpcoming(UpcomingRun run) {
        Long projectId = core.templateProject(run.templateId()).orElseThrow(() -> new NotFound("template"));
        member(projectId);
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (run.ownerId() != me.id() && !projects.canManage(projectId)) {
            throw new NotAllowed("task.upcoming.not-allowed");
        }
        upcomingRuns.orderedStream().forEach(source -> source.skip(run.scheduleId(), run.at()));
    }

    private void member(long projectId) {
        if (projects.myRole(projectId).isEmpty()) {
            throw new NotFound("project");
        }
    }

    /** A task the signed-in user may see (a member of its project), and whether they may operate it. */
    private record Seen(Task task, boolean operable) {
    }

    private Seen seen(long id) {
        TaskRecord record = repository.record(id).orElseThrow(() -> new NotFound("task"));
        Workload workload = workloads.find(record.getWorkloadId()).filter(w -> w.phase() != Phase.DELETED)
                .orElseThrow(() -> new NotFound("task"));
        Optional<ProjectRole> role = projects.myRole(workload.projectId());
        if (role.isEmpty()) {
            throw new NotFound("task");
        }
        SignedInUser me = CurrentUser.get().orElseThrow();
        Task task = core.tasks(List.of(workload), workload.projectId(), me.id()).getFirst();
        return new Seen(task, workload.userId() == me.id() || role.get() == ProjectRole.MANAGER);
    }

    private Task operable(long id) {
        Seen seen = seen(id);
        if (!seen.operable()) {
            throw new NotAllowed("task.operate.not-allowed");
        }
        return seen.task();
    }
}
