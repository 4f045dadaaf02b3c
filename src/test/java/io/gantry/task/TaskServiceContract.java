package io.gantry.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.billing.ApprovalService;
import io.gantry.billing.Orders;
import io.gantry.billing.Wallets;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.NodeInfo;
import io.gantry.container.WorkloadFixture;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadState;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Tasks against the database, the broker and the local runtime for real (AI-Stack 六): their commands run, end by
 * their exit codes and leave nothing behind; their orders, templates and the schedules' door. Run on H2 and on
 * PostgreSQL.
 */
abstract class TaskServiceContract {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;
    @Autowired
    TaskService tasks;
    @Autowired
    TemplateService templates;
    @Autowired
    Tasks door;
    @Autowired
    Workloads workloads;
    @Autowired
    BrokerService broker;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;
    @Autowired
    WorkloadRuntime runtime;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    FrameworkImage image;
    long flavorId;
    long projectId;
    String owner;
    long ownerId;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        flavorId = fixture.flavor().id();
        image = fixture.image();
        WorkloadFixture.OwnedProject project = fixture.ownedProject("tk", 4);
        projectId = project.id();
        owner = project.owner();
        ownerId = project.ownerId();
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        LeftRunning.stopInProject(tasks, projectId);
        accounts.signOut();
    }

    TaskForm form(String name, int devices, String command) {
        return new TaskForm(projectId, name, spec.id(), devices, 1, flavorId, 0, image.id(), command, false, null);
    }

    Task ended(Task task) {
        await().pollInSameThread().atMost(PATIENCE).until(() -> tasks.task(task.id()).ended());
        return tasks.task(task.id());
    }

    Task running(Task task) {
        await().pollInSameThread().atMost(PATIENCE).until(() -> tasks.task(task.id()).phase() == Phase.RUNNING);
        return tasks.task(task.id());
    }

    Workload workload(Task task) {
        return workloads.find(task.workloadId()).orElseThrow();
    }

    static List<String> output(TaskDetail detail) {
        return detail.log().stream().filter(TaskLogLine::output).map(TaskLogLine::text).toList();
    }

    static List<String> keys(TaskDetail detail, LogPhase phase) {
        return detail.log().stream().filter(l -> !l.output() && l.phase() == phase).map(TaskLogLine::key).toList();
    }

    @Test
    void a_command_that_prints_and_exits_0_succeeds_keeps_its_phased_log_and_leaves_nothing_behind() {
        Task task = ended(tasks.create(form("hello", 1, "echo first line; echo second line")));

        assertThat(task.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(task.exitCode()).isZero();
        TaskDetail detail = tasks.detail(task.id());
        assertThat(detail.log()).filteredOn(TaskLogLine::output).extracting(TaskLogLine::phase)
                .containsOnly(LogPhase.RUNNING);
        assertThat(output(detail)).containsSubsequence("first line", "second line");
        assertThat(keys(detail, LogPhase.PREPARING)).contains("task.log.ordered", "task.log.placed");
        assertThat(keys(detail, LogPhase.PULLING)).containsExactly("task.log.image");
        assertThat(keys(detail, LogPhase.CLEANING_UP)).contains("task.log.ended.succeeded", "task.log.exit-code",
                "task.log.removed", "task.log.released");
        // In phase order: what came before the command, its output, then its clean-up.
        List<LogPhase> phases = detail.log().stream().map(TaskLogLine::phase).toList();
        assertThat(phases).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        Workload workload = workload(task);
        // Right after its end is recorded, by the same reconcile: removed, then its devices given back.
        await().pollInSameThread().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(runtime.inspect(workload.runtimeId()).state()).as("removed from the runtime")
                    .isEqualTo(WorkloadState.UNKNOWN);
            assertThat(broker.request(workload.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
        });
        assertThat(detail.events()).extracting(TaskEvent::to).endsWith(Phase.RUNNING, Phase.SUCCEEDED);
    }

    @Test
    void a_command_that_exits_3_fails_with_exit_code_3() {
        Task task = ended(tasks.create(form("three", 0, "echo about to fail; exit 3")));

        assertThat(task.phase()).isEqualTo(Phase.FAILED);
        assertThat(task.exitCode()).isEqualTo(3);
        assertThat(task.reason()).isEqualTo("runtime.reason.exit-code");
        TaskDetail detail = tasks.detail(task.id());
        assertThat(output(detail)).contains("about to fail");
        assertThat(detail.log()).filteredOn(l -> "task.log.exit-code".equals(l.key()))
                .extracting(TaskLogLine::arguments).containsExactly(List.of("3"));
    }

    @Test
    void the_command_sees_its_devices_and_runs_in_the_owners_workspace() {
        Task task = ended(tasks.create(form("where", 2,
                "echo \"devices=$CUDA_VISIBLE_DEVICES\"; [ \"$(pwd -P)\" = \"$(cd \"$WORKSPACE\" && pwd -P)\" ]"
                        + " && echo in-workspace")));

        assertThat(task.phase()).isEqualTo(Phase.SUCCEEDED);
        List<Integer> devices = workload(task).deviceIndexes();
        assertThat(devices).hasSize(2);
        assertThat(output(tasks.detail(task.id()))).contains("devices=" + devices.get(0) + "," + devices.get(1),
                "in-workspace");
    }

    @Test
    void a_running_task_shows_its_output_live_and_stops_releasing_its_devices() {
        Task task = running(tasks.create(form("long", 1, "echo started; exec sleep 600")));
        await().pollInSameThread().atMost(PATIENCE).until(() -> output(tasks.detail(task.id())).contains("started"));

        tasks.stop(task.id());

        Task stopped = tasks.task(task.id());
        assertThat(stopped.phase()).isEqualTo(Phase.STOPPED);
        Workload workload = workload(stopped);
        assertThat(broker.request(workload.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(runtime.inspect(workload.runtimeId()).state()).isEqualTo(WorkloadState.UNKNOWN);
        TaskDetail detail = tasks.detail(task.id());
        assertThat(output(detail)).as("kept from the runtime before it was removed").contains("started");
        assertThat(keys(detail, LogPhase.CLEANING_UP)).contains("task.log.ended.stopped");
    }

    @Test
    void a_preemptible_task_asks_the_broker_for_preemptible_devices() {
        TaskForm preemptible = new TaskForm(projectId, "spare", spec.id(), 1, 1, flavorId, 0, image.id(), "true",
                true, null);

        Task task = tasks.create(preemptible);

        assertThat(task.preemptible()).isTrue();
        assertThat(broker.request(workload(task).brokerRequestId()).preemptible()).isTrue();
        Task plain = tasks.create(form("firm", 1, "true"));
        assertThat(broker.request(workload(plain).brokerRequestId()).preemptible()).isFalse();
    }

    /**
     * Preemption happens when the cluster shrinks under the quotas (AI-Stack 六.1, Apulis 5.3): with the other node
     * cordoned, a non-preemptible task of a project under its quota evicts a preemptible one of another project.
     */
    @Test
    void a_preempted_task_ends_failed_saying_so_and_gives_its_devices_to_the_task_that_evicted_it() {
        Task spare = running(tasks.create(new TaskForm(projectId, "spare", spec.id(), 4, 1, flavorId, 0, image.id(),
                "echo started; exec sleep 600", true, null)));
        long spareNode = broker.request(workload(spare).brokerRequestId()).slots().getFirst().nodeId();
        accounts.signInAsAdmin();
        String firmOwner = TestAccounts.uniqueName("firm");
        long firmOwnerId = accounts.activate(accounts.create(firmOwner, PresetRole.USER));
        long firmProject = new TestProjects(projects).funded(wallets)
                .create(List.of(new Quota(spec.id(), 8, null)), firmOwnerId);
        List<Long> cordoned = cluster.nodes().stream()
                .filter(n -> Long.valueOf(spec.id()).equals(n.specId()) && n.schedulable() && n.id() != spareNode)
                .map(NodeInfo::id).toList();
        cordoned.forEach(node -> cluster.setSchedulable(node, false));
        try {
            accounts.signInAs(firmOwner);
            Task firm = tasks.create(new TaskForm(firmProject, "firm", spec.id(), 8, 1, flavorId, 0, image.id(),
                    "exec sleep 600", false, null));

            accounts.signInAs(owner);
            Task preempted = ended(spare);
            assertThat(preempted.phase()).isEqualTo(Phase.FAILED);
            assertThat(preempted.reason()).isEqualTo("workload.reason.preempted");
            TaskDetail detail = tasks.detail(spare.id());
            assertThat(detail.events()).extracting(TaskEvent::reason).contains("workload.reason.preempted");
            assertThat(keys(detail, LogPhase.CLEANING_UP)).contains("task.log.preempted", "task.log.ended.failed");
            assertThat(output(detail)).as("kept from the runtime before it was removed").contains("started");
            assertThat(broker.request(workload(spare).brokerRequestId()).status()).isEqualTo(RequestStatus.PREEMPTED);

            accounts.signInAs(firmOwner);
            Task placed = running(firm);
            assertThat(broker.request(workload(placed).brokerRequestId()).slots())
                    .allSatisfy(slot -> assertThat(slot.nodeId()).isEqualTo(spareNode));
        } finally {
            accounts.signInAsAdmin();
            LeftRunning.stopInProject(tasks, firmProject);
            cordoned.forEach(node -> cluster.setSchedulable(node, true));
        }
    }

    @Test
    void several_tasks_are_deleted_only_when_all_have_ended() {
        Task done = ended(tasks.create(form("done", 0, "true")));
        Task live = running(tasks.create(form("live", 0, "exec sleep 600")));

        assertThatThrownBy(() -> tasks.deleteSeveral(List.of(done.id(), live.id())))
                .isInstanceOfSatisfying(NotAllowed.class, e ->
                        assertThat(e.messageKey()).isEqualTo("task.delete.not-ended"));
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isEqualTo(2);

        tasks.stop(live.id());
        assertThat(tasks.deleteSeveral(List.of(done.id(), live.id()))).containsExactlyInAnyOrder("done", "live");
        await().pollInSameThread().atMost(PATIENCE).until(() -> tasks.count(projectId, TaskFilter.ALL) == 0);
        assertThatThrownBy(() -> tasks.task(done.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void a_member_who_is_not_the_owner_sees_the_task_but_may_not_stop_it() {
        Task task = running(tasks.create(form("mine", 0, "exec sleep 600")));
        accounts.signInAsAdmin();
        String other = TestAccounts.uniqueName("tm");
        long otherId = accounts.create(other, PresetRole.USER);
        projects.addMembers(projectId, Set.of(otherId), ProjectRole.MEMBER);
        accounts.signInAs(other);

        assertThat(tasks.rows(projectId, TaskFilter.ALL, 0, 10)).singleElement()
                .satisfies(row -> assertThat(row.operable()).isFalse());
        assertThatThrownBy(() -> tasks.stop(task.id())).isInstanceOf(NotAllowed.class);
        assertThat(tasks.task(task.id()).phase()).isEqualTo(Phase.RUNNING);
    }

    @Test
    void above_the_approval_threshold_a_task_waits_for_approval() {
        changeProject(limits -> new ProjectLimits(limits.maxUsers(), limits.maxJobHours(), limits.containerMaxHours(),
                limits.idleReclaimHours(), 1, limits.membersSeeAll()), null);

        Task task = tasks.create(form("big", 2, "true"));

        assertThat(task.phase()).isEqualTo(Phase.PENDING_APPROVAL);
        assertThat(keys(tasks.detail(task.id()), LogPhase.PREPARING)).contains("task.log.awaiting-approval");
        assertThat(tasks.estimate(form("big-2", 2, "true")).needsApproval()).isTrue();
        assertThat(tasks.estimate(form("small", 1, "true")).needsApproval()).isFalse();

        // Rejected, it ends there, and its log says so in its clean-up phase as any other end does.
        accounts.signInAsAdmin();
        long orderId = context.getBean(Orders.class).ofWorkload(task.workloadId()).orElseThrow().id();
        context.getBean(ApprovalService.class).reject(orderId, "Not this week");
        accounts.signInAs(owner);
        assertThat(tasks.task(task.id()).phase()).isEqualTo(Phase.REJECTED);
        assertThat(keys(tasks.detail(task.id()), LogPhase.CLEANING_UP)).containsExactly("task.log.ended.rejected");
    }

    @Test
    void a_task_whose_first_hour_the_wallet_cannot_pay_is_refused_and_saves_nothing() {
        emptyWallet();

        assertThatThrownBy(() -> tasks.create(form("poor", 1, "true"))).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo(Orders.BALANCE_SHORT));
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isZero();
    }

    @Test
    void a_command_of_only_spaces_or_too_long_and_a_taken_name_are_refused_on_their_fields() {
        ended(tasks.create(form("taken", 0, "true")));

        assertThatThrownBy(() -> tasks.create(form("blank", 0, "   \n  "))).isInstanceOfSatisfying(
                InvalidInput.class, e -> assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("command:task.command.blank"));
        assertThatThrownBy(() -> tasks.validate(form("long", 0, "x".repeat(TaskForm.COMMAND_MAX + 1))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey()).containsExactly("command:field.too-long"));
        assertThatThrownBy(() -> tasks.create(form("taken", 0, "true"))).isInstanceOfSatisfying(
                InvalidInput.class, e -> assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("name:task.name.taken"));
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isEqualTo(1);
    }

    @Test
    void the_list_filters_by_state_and_searches_names_and_frameworks() {
        ended(tasks.create(form("alpha", 0, "true")));
        ended(tasks.create(form("beta", 0, "exit 1")));

        assertThat(tasks.rows(projectId, new TaskFilter(null, Set.of(Phase.FAILED), false), 0, 10))
                .extracting(row -> row.task().name()).containsExactly("beta");
        assertThat(tasks.rows(projectId, new TaskFilter("alp", Set.of(), false), 0, 10))
                .extracting(row -> row.task().name()).containsExactly("alpha");
        assertThat(tasks.count(projectId, new TaskFilter(image.name(), Set.of(), true))).isEqualTo(2);
        assertThat(tasks.rows(projectId, TaskFilter.ALL, 0, 10)).extracting(row -> row.task().name())
                .containsExactly("beta", "alpha");
    }

    @Test
    void templates_are_created_changed_numbered_for_runs_and_deleted() {
        TaskTemplate template = templates.create(form("train", 0, "echo training"));
        assertThat(templates.list(projectId)).extracting(TaskTemplate::name).containsExactly("train");
        assertThat(template.editable()).isTrue();
        assertThatThrownBy(() -> templates.create(form("train", 0, "true"))).isInstanceOfSatisfying(
                InvalidInput.class, e -> assertThat(e.problems()).extracting(p -> p.messageKey())
                        .containsExactly("template.name.taken"));

        TaskForm first = templates.runForm(template.id());
        assertThat(first.name()).isEqualTo("train-1");
        assertThat(first.command()).isEqualTo("echo training");
        ended(tasks.create(first));
        ended(tasks.create(first.named("train-3")));
        assertThat(templates.runForm(template.id()).name()).isEqualTo("train-2");

        TaskTemplate changed = templates.update(template.id(), form("tune", 0, "echo tuning"));
        assertThat(changed.name()).isEqualTo("tune");
        assertThat(changed.settings().command()).isEqualTo("echo tuning");
        assertThat(templates.runForm(template.id()).name()).isEqualTo("tune-1");

        templates.delete(template.id());
        assertThat(templates.list(projectId)).isEmpty();
        assertThatThrownBy(() -> templates.template(template.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void a_schedules_run_from_a_template_is_a_task_of_its_owner_recording_its_schedule() {
        TaskTemplate template = templates.create(form("nightly", 0, "echo night"));
        accounts.signOut();

        Tasks.RunOutcome outcome = door.runFromTemplate(template.id(), ownerId, 42, Instant.now());

        assertThat(outcome.ran()).as(outcome.reason()).isTrue();
        accounts.signInAs(owner);
        Task task = ended(tasks.task(outcome.taskId()));
        assertThat(task.name()).isEqualTo("nightly-1");
        assertThat(task.ownerId()).isEqualTo(ownerId);
        assertThat(task.scheduleId()).isEqualTo(42L);
        assertThat(task.templateId()).isEqualTo(template.id());
        assertThat(task.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(door.live(task.id())).isFalse();
    }

    @Test
    void a_schedules_run_is_refused_with_its_reason_and_creates_nothing() {
        TaskTemplate deleted = templates.create(form("gone", 0, "true"));
        templates.delete(deleted.id());
        TaskTemplate template = templates.create(form("kept", 0, "true"));

        accounts.signOut();
        assertRefused(door.runFromTemplate(deleted.id(), ownerId, 1, Instant.now()), Tasks.TEMPLATE_DELETED);

        accounts.signInAsAdmin();
        long stranger = accounts.activate(accounts.create(TestAccounts.uniqueName("ts"), PresetRole.USER));
        accounts.signOut();
        assertRefused(door.runFromTemplate(template.id(), stranger, 1, Instant.now()), Tasks.NOT_MEMBER);

        emptyWallet();
        accounts.signOut();
        assertRefused(door.runFromTemplate(template.id(), ownerId, 1, Instant.now()), Tasks.BALANCE_SHORT);

        LocalDate today = LocalDate.now();
        changeProject(limits -> limits, today.minusDays(1));
        accounts.signOut();
        assertRefused(door.runFromTemplate(template.id(), ownerId, 1, Instant.now()), Tasks.PROJECT_CLOSED);

        accounts.signInAs(owner);
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isZero();
    }

    private void assertRefused(Tasks.RunOutcome outcome, String reason) {
        assertThat(outcome.ran()).isFalse();
        assertThat(outcome.reason()).isEqualTo(reason);
    }

    /** Leaves the wallet nothing; signs in as the owner again. */
    private void emptyWallet() {
        accounts.signInAsAdmin();
        BigDecimal balance = wallets.balance(projectId).amount();
        context.getBean(io.gantry.billing.WalletService.class).adjust(projectId, io.gantry.billing.LedgerType.REFUND,
                balance.toPlainString(), "test: empty the wallet");
        accounts.signInAs(owner);
    }

    /** Changes the project's limits, and its end date when one is given; signs in as the owner again. */
    private void changeProject(java.util.function.UnaryOperator<ProjectLimits> change, LocalDate endDate) {
        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        LocalDate end = endDate == null ? project.endDate() : endDate;
        LocalDate start = project.startDate().isBefore(end) ? project.startDate() : end.minusDays(1);
        projects.update(projectId, new ProjectForm(project.name(), null, start, end,
                change.apply(project.limits()), projects.quotas(projectId)));
        accounts.signInAs(owner);
    }
}
