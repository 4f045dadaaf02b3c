package io.gantry.workload;

import static io.gantry.db.Tables.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.gantry.AdjustableClock;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.container.WorkloadFixture;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectService;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.events.EventResubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The workload lifecycle and its reconciler with real containers on the local runtime, run on H2 and on PostgreSQL:
 * each transition is an event (from, to, reason), and the reconciler recovers from faults: a lost placement, a
 * process killed from outside, a crash between placement and start, a stop or a delete while a start is under way.
 *
 * <p>The periodic Quartz resync is off in this application, so that "the next resync" is the {@code resync()} a
 * test calls; the events between modules and this replica's own resync of what it holds still run.
 */
@Import(WorkloadReconcilerContract.Setup.class)
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
abstract class WorkloadReconcilerContract {

    static final String PASSWORD = "Workload-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";
    static final Duration SOON = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {

        @Bean
        @Primary
        AdjustableClock movableClock() {
            return new AdjustableClock(Instant.now());
        }

        @Bean
        static WorkloadFaults workloadFaults() {
            return new WorkloadFaults();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    Workloads workloads;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    RuntimeInstance instance;
    @Autowired
    BrokerService broker;
    @Autowired
    ProjectService projects;
    @Autowired
    WorkloadRuntime runtime;
    @Autowired
    WorkloadFaults faults;
    @Autowired
    AdjustableClock clock;
    @Autowired
    Clock applicationClock;
    @Autowired
    DSLContext db;
    @Autowired
    EventResubmission resubmission;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    FrameworkImage image;
    long flavorId;
    long projectId;
    String owner;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        flavorId = fixture.flavor().id();
        image = fixture.image();
        WorkloadFixture.OwnedProject project = fixture.ownedProject("wl", 4);
        projectId = project.id();
        owner = project.owner();
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        faults.reset();
        accounts.signInAsAdmin();
        fixture.stopLiveContainers(projectId);
        accounts.signOut();
    }

    ContainerForm form(String name, int devices) {
        return fixture.form(projectId, name, devices, 0, null);
    }

    Container running(Container created) {
        await().pollInSameThread().atMost(SOON).until(() -> phase(created) == Phase.RUNNING);
        return containers.container(created.id());
    }

    Phase phase(Container container) {
        return workloads.find(container.workloadId()).orElseThrow().phase();
    }

    Workload workload(Container container) {
        return workloads.find(container.workloadId()).orElseThrow();
    }

    RequestStatus request(Container container) {
        return broker.request(workload(container).brokerRequestId()).status();
    }

    List<org.assertj.core.groups.Tuple> events(Container container) {
        return workloads.events(container.workloadId()).stream()
                .map(e -> tuple(e.from(), e.to(), e.reason())).toList();
    }

    Path runtimeFolder(Container container) {
        return context.getBean(LocalRuntime.class).home().resolve("workloads").resolve(container.runtimeId());
    }

    Optional<Long> mainPid(Container container) throws IOException {
        Path pid = runtimeFolder(container).resolve("main.pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(Files.readString(pid).strip())) : Optional.empty();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Processes on this machine that carry the workload's marker in their environment, whoever started them. */
    static List<Long> processesOf(String runtimeId) {
        byte[] marker = ("GANTRY_WORKLOAD=" + runtimeId + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                return indexOf(environment, marker) >= 0;
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
    }

    /** Where a whole variable starts in a NUL-separated environment, or -1. */
    private static int indexOf(byte[] text, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= text.length; i++) {
            if (i > 0 && text[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < part.length; j++) {
                if (text[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    void assertNoProcess(Container container) throws IOException {
        assertThat(runtime.inspect(container.runtimeId()).state().isLive()).as("the runtime runs it").isFalse();
        mainPid(container).ifPresent(pid -> assertThat(alive(pid)).as("its main process lives").isFalse());
        assertThat(processesOf(container.runtimeId())).as("processes of the workload").isEmpty();
    }

    void asOwner(Runnable action) {
        TestAccounts onThisThread = new TestAccounts(context);
        onThisThread.signInAs(owner);
        try {
            action.run();
        } finally {
            onThisThread.signOut();
        }
    }

    // ---- transitions ----

    @Test
    void a_workload_goes_from_queued_to_deleted_and_each_step_is_an_event() throws Exception {
        Container container = running(containers.create(form("life", 1)));
        assertThat(mainPid(container)).hasValueSatisfying(pid -> assertThat(alive(pid)).isTrue());

        containers.stop(container.id());
        assertThat(phase(container)).isEqualTo(Phase.STOPPED);
        assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        assertNoProcess(container);
        assertThat(runtimeFolder(container)).as("a stopped workload keeps its files").exists();

        containers.delete(container.id());

        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.DELETED);
        assertThat(runtimeFolder(container)).doesNotExist();
        assertThat(events(container)).containsExactly(
                tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.CREATING, null),
                tuple(Phase.CREATING, Phase.RUNNING, null),
                tuple(Phase.RUNNING, Phase.STOPPING, null),
                tuple(Phase.STOPPING, Phase.STOPPED, null),
                tuple(Phase.STOPPED, Phase.DELETED, null));
    }

    @Test
    void a_queued_workload_asked_to_stop_stops_without_starting_and_gives_up_its_place() {
        running(containers.create(form("takes-all", 4)));
        Container waiting = containers.create(form("waits", 4));
        assertThat(phase(waiting)).isEqualTo(Phase.QUEUED);

        containers.stop(waiting.id());

        assertThat(phase(waiting)).isEqualTo(Phase.STOPPED);
        assertThat(request(waiting)).isEqualTo(RequestStatus.CANCELLED);
        assertThat(runtimeFolder(waiting)).as("it never started").doesNotExist();
        assertThat(events(waiting)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.STOPPED, null));
    }

    @Test
    void a_queued_workload_deleted_gives_up_its_place_and_goes() {
        running(containers.create(form("takes-all", 4)));
        Container waiting = containers.create(form("waits", 4));
        assertThat(phase(waiting)).isEqualTo(Phase.QUEUED);

        containers.delete(waiting.id());

        await().pollInSameThread().atMost(SOON).until(() -> phase(waiting) == Phase.DELETED);
        assertThat(request(waiting)).isEqualTo(RequestStatus.CANCELLED);
        assertThat(events(waiting)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.STOPPED, null), tuple(Phase.STOPPED, Phase.DELETED, null));
    }

    @Test
    void a_request_the_broker_refuses_fails_the_queued_workload_with_the_refusal() {
        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        ProjectLimits limits = project.limits();
        projects.update(projectId, new io.gantry.project.ProjectForm(project.name(), null, project.startDate(),
                project.endDate(), new ProjectLimits(limits.maxUsers(), 1, limits.containerMaxHours(),
                limits.idleReclaimHours(), limits.approvalThreshold(), limits.membersSeeAll()),
                projects.quotas(projectId)));
        accounts.signInAs(owner);

        Container refused = containers.create(form("refused", 1));

        await().pollInSameThread().atMost(SOON).until(() -> phase(refused) == Phase.FAILED);
        assertThat(request(refused)).isEqualTo(RequestStatus.REFUSED);
        assertThat(events(refused)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.FAILED, "workload.reason.refused"));
    }

    @Test
    void a_scheduled_workload_is_queued_and_started_by_the_resync_once_its_start_time_comes() {
        Instant startAt = applicationClock.instant().plus(Duration.ofMinutes(10));
        Container scheduled = containers.create(new ContainerForm(projectId, "later", image.id(), spec.id(), 1,
                flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true, RunWindow.startingAt(startAt)));
        assertThat(phase(scheduled)).isEqualTo(Phase.SCHEDULED);
        reconciler.resync();
        assertThat(phase(scheduled)).as("before its time").isEqualTo(Phase.SCHEDULED);
        assertThat(workload(scheduled).brokerRequestId()).as("no devices asked for yet").isNull();

        clock.advance(Duration.ofMinutes(11));
        reconciler.resync();

        running(scheduled);
        assertThat(request(scheduled)).isEqualTo(RequestStatus.PLACED);
        assertThat(events(scheduled)).containsExactly(tuple(null, Phase.SCHEDULED, null),
                tuple(Phase.SCHEDULED, Phase.QUEUED, null), tuple(Phase.QUEUED, Phase.CREATING, null),
                tuple(Phase.CREATING, Phase.RUNNING, null));
    }

    // ---- a runtime whose API may be unreachable, shared by replicas, reporting events ----

    @Test
    void a_start_while_the_runtime_is_unavailable_fails_with_its_reason_and_work_resumes_when_it_is_back() {
        faults.makeRuntimeUnavailable(true);
        Container refused = containers.create(form("unreachable", 1));

        await().pollInSameThread().atMost(SOON).until(() -> phase(refused) == Phase.FAILED);
        assertThat(workload(refused).reason()).isEqualTo("runtime.reason.unavailable");
        assertThat(workload(refused).reasonArguments()).containsExactly("start");
        assertThat(request(refused)).as("its devices went back").isEqualTo(RequestStatus.RELEASED);
        assertThat(events(refused)).endsWith(tuple(Phase.QUEUED, Phase.CREATING, null),
                tuple(Phase.CREATING, Phase.FAILED, "runtime.reason.unavailable"));
        assertThat(processesOf(refused.runtimeId())).as("nothing half-made").isEmpty();

        faults.makeRuntimeUnavailable(false);
        Container later = running(containers.create(form("reachable", 1)));
        assertThat(request(later)).isEqualTo(RequestStatus.PLACED);
    }

    @Test
    void running_and_stopping_workloads_are_left_as_they_are_while_the_runtime_is_unavailable() throws Exception {
        Container container = running(containers.create(form("kept", 1)));
        List<org.assertj.core.groups.Tuple> before = events(container);
        faults.makeRuntimeUnavailable(true);

        reconciler.resync();
        reconciler.reconcile(container.workloadId());
        reconciler.recoverNow();

        assertThat(phase(container)).as("not concluded lost").isEqualTo(Phase.RUNNING);
        assertThat(events(container)).isEqualTo(before);
        assertThat(request(container)).isEqualTo(RequestStatus.PLACED);

        containers.stop(container.id());
        assertThat(phase(container)).as("its stop waits for the runtime").isEqualTo(Phase.STOPPING);
        assertThat(request(container)).as("devices held while it may still run").isEqualTo(RequestStatus.PLACED);

        faults.makeRuntimeUnavailable(false);
        reconciler.resync();

        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.STOPPED);
        assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        assertNoProcess(container);
    }

    @Test
    void the_runtimes_events_are_copied_into_the_workloads_events_once_each_when_it_is_acted_on() {
        Container container = running(containers.create(form("reported", 1)));
        Instant at = applicationClock.instant();
        faults.reportRuntimeEvents(container.runtimeId(), List.of(
                new io.gantry.runtime.RuntimeEvent("uid-1", at, false, "Pulled", "Image pulled in 2s"),
                new io.gantry.runtime.RuntimeEvent("uid-2", at.plusSeconds(1), true, "BackOff", "Back-off pulling")));

        // Running as it should: its runtime is not asked for events at every resync.
        reconciler.resync();
        assertThat(runtimeEvents(container)).isEmpty();

        // Its processes end from outside: the next resync acts on it and reads what its runtime reported, once.
        runtime.stop(container.runtimeId(), Duration.ofSeconds(1));
        reconciler.resync();
        await().pollInSameThread().atMost(SOON).until(() -> !phase(container).inRuntime());
        reconciler.resync();

        assertThat(runtimeEvents(container)).containsExactly(
                tuple("workload.event.runtime", List.of("Pulled", "Image pulled in 2s")),
                tuple("workload.event.runtime-warning", List.of("BackOff", "Back-off pulling")));
    }

    private List<org.assertj.core.groups.Tuple> runtimeEvents(Container container) {
        return workloads.events(container.workloadId()).stream()
                .filter(e -> e.reason() != null && e.reason().startsWith("workload.event.runtime"))
                .map(e -> tuple(e.reason(), e.reasonArguments())).toList();
    }

    @Test
    void the_resync_of_a_shared_runtime_sweeps_orphans_keeping_every_workload_that_may_have_objects() {
        Container kept = running(containers.create(form("kept", 1)));
        Container gone = running(containers.create(form("gone", 1)));
        containers.stop(gone.id());
        containers.delete(gone.id());
        await().pollInSameThread().atMost(SOON).until(() -> phase(gone) == Phase.DELETED);
        faults.shareRuntime();

        reconciler.resync();

        assertThat(faults.orphanSweeps()).hasSize(1);
        assertThat(faults.orphanSweeps().getFirst()).contains(kept.runtimeId()).doesNotContain(gone.runtimeId());
    }

    @Test
    void saving_an_image_on_a_runtime_that_refuses_says_why_and_saves_nothing() {
        Container container = running(containers.create(form("no-builder", 0)));
        faults.refuseSaveImage();
        String name = "team/" + TestAccounts.uniqueName("refused");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> containers.saveImage(container.id(),
                        new io.gantry.container.CustomImageForm("Mine", null, name, "v1", "pytorch", true, false,
                                true, io.gantry.container.ImageVisibility.PRIVATE)))
                .isInstanceOfSatisfying(io.gantry.shared.NotAllowed.class, e -> assertThat(e.messageKey())
                        .isEqualTo("runtime.kubernetes.no-image-builder"));
        assertThat(db.fetchCount(io.gantry.db.Tables.FRAMEWORK_IMAGE,
                io.gantry.db.Tables.FRAMEWORK_IMAGE.NAME.eq(name))).as("no image recorded").isZero();
        assertThat(phase(container)).isEqualTo(Phase.RUNNING);
    }

    @Test
    void a_start_that_fails_fails_the_creating_workload_and_gives_its_devices_back() throws Exception {
        faults.failNextSpec();

        Container container = containers.create(form("bad-start", 1));

        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.FAILED);
        assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        assertNoProcess(container);
        assertThat(events(container)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.CREATING, null),
                tuple(Phase.CREATING, Phase.FAILED, "workload.reason.unreadable"));
        assertThat(workload(container).reasonArguments()).containsExactly("The secret store went away for a moment");
    }

    // ---- faults ----

    @Test
    void when_the_placement_listener_throws_once_the_next_resync_starts_the_workload() {
        Container first = running(containers.create(form("takes-all", 4)));
        Container waiting = containers.create(form("waits", 4));
        assertThat(phase(waiting)).isEqualTo(Phase.QUEUED);
        faults.failPlacementLookupOnce(waiting.brokerRequestId());

        // Its devices come free: the broker places it and tells the reconciler, whose listener fails.
        containers.stop(first.id());

        await().pollInSameThread().atMost(SOON).until(faults::placementLookupFailed);
        await().pollInSameThread().atMost(SOON).until(() -> request(waiting) == RequestStatus.PLACED);
        assertThat(phase(waiting)).as("the placement was not acted on").isEqualTo(Phase.QUEUED);

        reconciler.resync();

        assertThat(phase(waiting)).isEqualTo(Phase.RUNNING);
        assertThat(events(waiting)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.CREATING, null), tuple(Phase.CREATING, Phase.RUNNING, null));
    }

    @Test
    void a_placement_whose_listener_failed_stays_in_the_registry_and_its_redelivery_starts_the_workload() {
        Container first = running(containers.create(form("holds-all", 4)));
        Container waiting = containers.create(form("redelivered", 4));
        faults.failPlacementLookupOnce(waiting.brokerRequestId());

        containers.stop(first.id());

        await().pollInSameThread().atMost(SOON).until(faults::placementLookupFailed);
        await().pollInSameThread().atMost(SOON).until(() -> decisionsUndelivered(waiting.brokerRequestId()) == 1);
        assertThat(phase(waiting)).as("the placement was not acted on").isEqualTo(Phase.QUEUED);

        // What the clustered resubmission job does: no resync, the stored event itself starts the workload. (The
        // registry's age is read from the test's clock, which stands still unless moved.)
        clock.advance(Duration.ofSeconds(1));
        resubmission.resubmitOlderThan(Duration.ZERO);

        running(waiting);
        await().pollInSameThread().atMost(SOON).until(() -> decisionsUndelivered(waiting.brokerRequestId()) == 0);
    }

    /** The broker's decisions about this request stored in the registry that the reconciler has not completed. */
    int decisionsUndelivered(long requestId) {
        return db.fetchCount(DSL.table(DSL.name("event_publication")),
                DSL.field(DSL.name("listener_id")).eq("workload.request-decided")
                        .and(DSL.field(DSL.name("serialized_event"), String.class)
                                .contains("\"requestId\":" + requestId + ",")));
    }

    @Test
    void a_process_killed_from_outside_fails_with_the_runtimes_reason_and_gives_its_devices_back_within_one_resync()
            throws Exception {
        Container container = running(containers.create(form("killed", 1)));
        long pid = mainPid(container).orElseThrow();

        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        assertThat(kill.waitFor()).isZero();
        await().atMost(SOON).until(() -> !alive(pid));
        await().atMost(SOON).until(() -> !runtime.inspect(container.runtimeId()).state().isLive());

        reconciler.resync();

        // One resync is enough; an event the runtime sent may be acting on it at this moment, so wait for it a little.
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> phase(container) == Phase.FAILED);
        var status = runtime.inspect(container.runtimeId());
        Workload failed = workload(container);
        assertThat(failed.reason()).isEqualTo(status.reason()).isEqualTo("runtime.reason.main-ended");
        assertThat(failed.reasonArguments()).isEqualTo(status.reasonArguments());
        assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        assertThat(events(container)).last().isEqualTo(tuple(Phase.RUNNING, Phase.FAILED,
                "runtime.reason.main-ended"));
    }

    /**
     * The state a replica leaves when it dies between placing a workload and starting it: CREATING, held by this
     * runtime instance, its devices allocated, leased by the dead process, nothing running.
     */
    Container crashedWhileStarting(String name) throws Exception {
        Container container = running(containers.create(form(name, 1)));
        long pid = mainPid(container).orElseThrow();
        // The lease first, so that nothing of this application acts on it while the crash is staged.
        leaseToADeadProcess(container);
        runtime.stop(container.runtimeId(), Duration.ofSeconds(1));
        await().atMost(SOON).until(() -> !alive(pid));
        db.update(WORKLOAD).set(WORKLOAD.STATE, Phase.CREATING.name()).setNull(WORKLOAD.STARTED_AT)
                .where(WORKLOAD.ID.eq(container.workloadId())).execute();

        Workload staged = workload(container);
        assertThat(staged.phase()).isEqualTo(Phase.CREATING);
        assertThat(staged.runtimeInstance()).isEqualTo(instance.id());
        assertThat(staged.deviceIndexes()).hasSize(1);
        assertThat(request(container)).isEqualTo(RequestStatus.PLACED);
        // Until the restart lets go of the dead process's lease, a resync leaves it alone.
        reconciler.resync();
        assertThat(phase(container)).isEqualTo(Phase.CREATING);
        return container;
    }

    void leaseToADeadProcess(Container container) {
        String deadOwner = instance.id() + "#" + UUID.randomUUID();
        assertThat(db.update(WORKLOAD).set(WORKLOAD.LEASE_OWNER, deadOwner)
                .set(WORKLOAD.LEASE_UNTIL, clock.instant().plus(Duration.ofMinutes(5)))
                .where(WORKLOAD.ID.eq(container.workloadId())).execute()).isOne();
    }

    @Test
    void after_a_crash_between_the_placement_and_its_claim_the_restart_runs_the_workload() {
        Container first = running(containers.create(form("takes-all", 4)));
        Container waiting = containers.create(form("placed", 4));
        assertThat(phase(waiting)).isEqualTo(Phase.QUEUED);
        // The replica dies while it reconciles the placement: its lease stays, the placement is never acted on.
        leaseToADeadProcess(waiting);
        faults.failPlacementLookupOnce(waiting.brokerRequestId());
        containers.stop(first.id());
        await().pollInSameThread().atMost(SOON).until(() -> request(waiting) == RequestStatus.PLACED);
        await().pollInSameThread().atMost(SOON).until(faults::placementLookupFailed);
        reconciler.resync();
        assertThat(phase(waiting)).as("leased by the dead process").isEqualTo(Phase.QUEUED);

        reconciler.recoverNow();

        assertThat(phase(waiting)).isEqualTo(Phase.RUNNING);
        assertThat(request(waiting)).isEqualTo(RequestStatus.PLACED);
        assertThat(events(waiting)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.CREATING, null), tuple(Phase.CREATING, Phase.RUNNING, null));
    }

    @Test
    void after_a_crash_between_placement_and_start_the_restart_runs_the_workload() throws Exception {
        Container container = crashedWhileStarting("crashed");

        reconciler.recoverNow();

        // Started by the recovery, or by a resync that held the workload when the recovery came to it.
        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.RUNNING
                && db.select(WORKLOAD.LEASE_OWNER).from(WORKLOAD).where(WORKLOAD.ID.eq(container.workloadId()))
                .fetchOne(WORKLOAD.LEASE_OWNER) == null);
        assertThat(mainPid(container)).hasValueSatisfying(pid -> assertThat(alive(pid)).isTrue());
        assertThat(request(container)).isEqualTo(RequestStatus.PLACED);
        assertThat(events(container)).last().isEqualTo(tuple(Phase.CREATING, Phase.RUNNING, null));
    }

    @Test
    void after_a_crash_between_placement_and_start_a_workload_that_cannot_start_fails_and_gives_its_devices_back()
            throws Exception {
        Container container = crashedWhileStarting("crashed-bad");
        faults.failNextSpec();

        reconciler.recoverNow();

        await().pollInSameThread().atMost(SOON).untilAsserted(() -> {
            assertThat(phase(container)).isEqualTo(Phase.FAILED);
            assertThat(request(container)).as("never devices held by nothing").isEqualTo(RequestStatus.RELEASED);
        });
        assertNoProcess(container);
        assertThat(events(container)).last().isEqualTo(tuple(Phase.CREATING, Phase.FAILED,
                "workload.reason.unreadable"));
    }

    /**
     * Creates a container whose start holds in the gate. The create itself may be what starts it (it settles the
     * workload when the placement came at once), so it runs on a thread of its own.
     */
    Container createWhileItsStartIsHeld(String name, WorkloadFaults.Gate start) throws InterruptedException {
        CompletableFuture.runAsync(() -> asOwner(() -> containers.create(form(name, 1))));
        assertThat(start.awaitEntered(SOON)).as("the start began").isTrue();
        return containers.list(projectId, name, 0, 10).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void a_stop_while_the_workload_is_being_created_ends_it_stopped_with_no_process_and_its_devices_back()
            throws Exception {
        WorkloadFaults.Gate start = faults.holdNextStart();
        Container container = createWhileItsStartIsHeld("stop-early", start);
        assertThat(phase(container)).isEqualTo(Phase.CREATING);

        // The user's stop waits for the start under way; the start goes on a moment later.
        CompletableFuture<Void> stop = CompletableFuture.runAsync(
                () -> asOwner(() -> containers.stop(container.id())));
        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.STOPPING);
        start.open();
        stop.get();

        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.STOPPED);
        assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        assertNoProcess(container);
        assertThat(events(container)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.CREATING, null), tuple(Phase.CREATING, Phase.STOPPING, null),
                tuple(Phase.STOPPING, Phase.STOPPED, null));
    }

    @Test
    void a_delete_while_the_workload_starts_ends_it_deleted_with_no_process_no_files_and_its_devices_back()
            throws Exception {
        WorkloadFaults.Gate start = faults.holdNextStart();
        Container container = createWhileItsStartIsHeld("delete-early", start);

        CompletableFuture<Void> delete = CompletableFuture.runAsync(
                () -> asOwner(() -> containers.delete(container.id())));
        await().pollInSameThread().atMost(SOON).until(() -> workload(container).desired() == Desired.DELETED);
        start.open();
        delete.get();

        await().pollInSameThread().atMost(SOON).until(() -> phase(container) == Phase.DELETED);
        assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        assertNoProcess(container);
        assertThat(runtimeFolder(container)).as("its runtime files").doesNotExist();
        assertThat(events(container)).containsExactly(tuple(null, Phase.QUEUED, null),
                tuple(Phase.QUEUED, Phase.CREATING, null), tuple(Phase.CREATING, Phase.STOPPING, null),
                tuple(Phase.STOPPING, Phase.STOPPED, null), tuple(Phase.STOPPED, Phase.DELETED, null));
    }
}
