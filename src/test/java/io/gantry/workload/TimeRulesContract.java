package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.AdjustableClock;
import io.gantry.TestClock;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.container.Container;
import io.gantry.container.ContainerEvent;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.container.WorkloadFixture;
import io.gantry.identity.TestAccounts;
import io.gantry.monitoring.Notice;
import io.gantry.monitoring.NoticeService;
import io.gantry.project.Project;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.local.OpenSshClient;
import io.gantry.shared.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The time rules on real containers (AI-Stack 五.1 (3)): a scheduled start, an end time, an end after some hours,
 * the project's lifetime limit and idle reclaim, each with its warning, its notice and its stop reason. The
 * application's clock is one the test moves; the reconciler is run by hand after each move, as its periodic resync
 * would. Run on H2 and on PostgreSQL.
 */
abstract class TimeRulesContract {

    /** The SSH password of the containers the fixture's form creates. */
    static final String PASSWORD = WorkloadFixture.SSH_PASSWORD;
    static final Duration LEAD = Duration.ofMinutes(10);
    /** Longer than the local runtime's watch interval in tests, so that a reading of CPU use is a fresh one. */
    static final Duration FRESH_READING = Duration.ofMillis(1_300);

    /** The application's clock, moved by the tests; it starts at the real time so that projects are open. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovedClock {

        @Bean
        @Primary
        AdjustableClock movedClock() {
            return new AdjustableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        @Bean
        SchedulerFactoryBeanCustomizer noPeriodicJobsOnAMovedClock() {
            return TestClock.periodicJobsOff();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    BrokerService broker;
    @Autowired
    ProjectService projects;
    @Autowired
    WorkloadRuntime runtime;
    @Autowired
    NoticeService notices;
    @Autowired
    Workloads workloads;
    @Autowired
    Clock appClock;

    AdjustableClock clock;
    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    long projectId;
    String owner;

    @BeforeEach
    void setUp() {
        assertThat(appClock).as("the application runs on the test's clock").isInstanceOf(AdjustableClock.class);
        clock = (AdjustableClock) appClock;
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        WorkloadFixture.OwnedProject project = fixture.ownedProject("tr", 4);
        projectId = project.id();
        owner = project.owner();
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        fixture.stopLiveContainers(projectId);
        accounts.signOut();
    }

    /** As a platform admin: the project's lifetime limit and idle reclaim time. */
    void limits(Integer containerMaxHours, Integer idleReclaimHours) {
        limits(containerMaxHours, idleReclaimHours, 4);
    }

    /** As {@link #limits(Integer, Integer)}, with the project's quota of devices of the spec. */
    void limits(Integer containerMaxHours, Integer idleReclaimHours, int quota) {
        accounts.signInAsAdmin();
        Project p = projects.overview(projectId).project();
        ProjectLimits l = p.limits();
        projects.update(projectId, new ProjectForm(p.name(), p.description(), p.startDate(), p.endDate(),
                new ProjectLimits(l.maxUsers(), l.maxJobHours(), containerMaxHours, idleReclaimHours,
                        l.approvalThreshold(), l.membersSeeAll()), List.of(new Quota(spec.id(), quota, null))));
        accounts.signInAs(owner);
    }

    ContainerForm form(String name, RunWindow window) {
        return fixture.form(projectId, name, 1, 0, window);
    }

    Container state(Container container) {
        return containers.container(container.id());
    }

    /** Resyncs until the container is in {@code phase}; another reconcile under way may make one pass a no-op. */
    Container resyncUntil(Container container, Phase phase) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return state(container).state() == phase;
        });
        return state(container);
    }

    Container running(Container created) {
        return resyncUntil(created, Phase.RUNNING);
    }

    /**
     * Resyncs until the warning is there (a reconcile already under way on the worker makes a resync skip the
     * workload), then twice more, as the periodic job would: the warning must still be there once.
     */
    void resyncUntilWarned(Container container, TimeRules.Reason reason) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return !warnings(container, reason.warningKey()).isEmpty();
        });
        resyncTimes(2);
    }

    /** The last activity the reconciler noted, once it has noted one at the clock's time. */
    void awaitActivityNotedNow(Container container) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return clock.instant().equals(workloads.find(container.workloadId()).orElseThrow().lastActivityAt());
        });
    }

    /** Several resyncs, as the periodic job would run them, with nothing expected to change between them. */
    void resyncTimes(int times) {
        for (int i = 0; i < times; i++) {
            reconciler.resync();
        }
    }

    List<ContainerEvent> warnings(Container container, String key) {
        return containers.events(container.id()).stream().filter(e -> key.equals(e.reason())).toList();
    }

    List<Notice> notices(String key) {
        return notices.page(0, 100).stream().filter(n -> key.equals(n.messageKey())).toList();
    }

    /** Stopped with {@code reason}: its devices are back with the broker and its processes are gone. */
    void assertStoppedFor(Container container, String reason, List<String> arguments) {
        Container stopped = resyncUntil(container, Phase.STOPPED);
        assertThat(stopped.reason()).isEqualTo(reason);
        assertThat(stopped.reasonArguments()).isEqualTo(arguments);
        assertThat(containers.events(container.id()).getLast()).satisfies(last -> {
            assertThat(last.state()).isEqualTo(Phase.STOPPED);
            assertThat(last.reason()).isEqualTo(reason);
        });
        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(runtime.inspect(container.runtimeId()).state().isLive()).isFalse();
    }

    /** One warning event with the stop time first, and one notice to the owner linking to the container's page. */
    void assertWarnedOnce(Container container, TimeRules.Reason reason, Instant stopsAt, Object... more) {
        List<ContainerEvent> warnings = warnings(container, reason.warningKey());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().state()).isEqualTo(Phase.RUNNING);
        assertThat(warnings.getFirst().reasonArguments().getFirst()).isEqualTo(stopsAt.toString());
        assertThat(warnings.getFirst().reasonArguments().subList(1, warnings.getFirst().reasonArguments().size()))
                .containsExactly(java.util.Arrays.stream(more).map(String::valueOf).toArray(String[]::new));
        List<Notice> sent = notices(reason.noticeKey());
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().link()).isEqualTo("containers/" + container.id());
        assertThat(sent.getFirst().arguments().getFirst()).isEqualTo(container.name());
    }

    // scheduled start

    @Test
    void a_scheduled_container_waits_without_devices_or_processes_then_starts_once_its_time_has_come() {
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Container created = containers.create(form("later", RunWindow.startingAt(at)));

        assertThat(created.state()).isEqualTo(Phase.SCHEDULED);
        assertThat(created.startAt()).isEqualTo(at);
        clock.advance(Duration.ofMinutes(59));
        resyncTimes(2);
        Container waiting = state(created);
        assertThat(waiting.state()).isEqualTo(Phase.SCHEDULED);
        assertThat(waiting.brokerRequestId()).as("no devices asked for before its start").isNull();
        assertThat(runtime.inspect(waiting.runtimeId()).state().isLive()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        Container started = running(created);

        assertThat(broker.request(started.brokerRequestId()).status()).isEqualTo(RequestStatus.PLACED);
        assertThat(started.startedAt()).isEqualTo(at);
        assertThat(runtime.inspect(started.runtimeId()).state().isLive()).isTrue();
        assertThat(containers.events(created.id())).extracting(ContainerEvent::state)
                .containsExactly(Phase.SCHEDULED, Phase.QUEUED, Phase.CREATING, Phase.RUNNING);
    }

    @Test
    void a_scheduled_container_stopped_before_its_start_never_asks_for_devices() {
        Container created = containers.create(form("never", RunWindow.startingAt(
                clock.instant().plus(Duration.ofHours(1)))));

        containers.stop(created.id());
        Container stopped = resyncUntil(created, Phase.STOPPED);
        clock.advance(Duration.ofHours(2));
        resyncTimes(2);

        assertThat(state(created).state()).isEqualTo(Phase.STOPPED);
        assertThat(state(created).brokerRequestId()).isNull();
        assertThat(stopped.reason()).isNull();
        assertThat(containers.events(created.id())).extracting(ContainerEvent::state)
                .containsExactly(Phase.SCHEDULED, Phase.STOPPED);
    }

    @Test
    void a_scheduled_container_whose_end_passed_before_its_start_never_starts() {
        Instant start = clock.instant().plus(Duration.ofHours(1));
        Instant end = start.plus(Duration.ofHours(1));
        Container created = containers.create(form("missed", RunWindow.startingAt(start).endingAt(end)));

        // Nobody looked between its start and its end (the platform was down).
        clock.advance(Duration.ofHours(3));
        Container stopped = resyncUntil(created, Phase.STOPPED);

        assertThat(stopped.reason()).isEqualTo("workload.reason.end-time");
        assertThat(stopped.reasonArguments()).containsExactly(end.toString());
        assertThat(stopped.brokerRequestId()).isNull();
        assertThat(containers.events(created.id())).extracting(ContainerEvent::state)
                .containsExactly(Phase.SCHEDULED, Phase.STOPPED);
    }

    // end time

    @Test
    void an_end_time_is_warned_of_once_then_stops_the_container_and_gives_its_devices_back() {
        Instant end = clock.instant().plus(Duration.ofHours(2));
        Container container = running(containers.create(form("until", RunWindow.startingNow().endingAt(end))));
        assertThat(container.plannedEnd()).isEqualTo(end);

        clock.advance(Duration.ofHours(2).minus(LEAD).minusSeconds(1));
        resyncTimes(2);
        assertThat(warnings(container, "workload.warning.end-time")).as("not before the lead").isEmpty();
        assertThat(notices("workload.notice.end-time")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        resyncUntilWarned(container, TimeRules.Reason.END_TIME);
        assertWarnedOnce(container, TimeRules.Reason.END_TIME, end);
        clock.advance(Duration.ofMinutes(5));
        resyncTimes(2);
        assertWarnedOnce(container, TimeRules.Reason.END_TIME, end);
        assertThat(state(container).state()).isEqualTo(Phase.RUNNING);

        clock.advance(Duration.ofMinutes(5));
        assertStoppedFor(container, "workload.reason.end-time", List.of(end.toString()));
        assertWarnedOnce(container, TimeRules.Reason.END_TIME, end);
    }

    @Test
    void a_container_still_waiting_for_devices_at_its_end_time_never_starts() {
        limits(null, null, 1);
        Container blocker = running(containers.create(form("blocker", RunWindow.ALWAYS)));
        Instant end = clock.instant().plus(Duration.ofHours(1));
        Container waiting = containers.create(form("waits", RunWindow.startingNow().endingAt(end)));
        assertThat(waiting.state()).isEqualTo(Phase.QUEUED);

        clock.advance(Duration.ofHours(1));
        Container stopped = resyncUntil(waiting, Phase.STOPPED);

        assertThat(stopped.reason()).isEqualTo("workload.reason.end-time");
        assertThat(stopped.reasonArguments()).containsExactly(end.toString());
        assertThat(broker.request(stopped.brokerRequestId()).status()).isEqualTo(RequestStatus.CANCELLED);
        // The devices it waited for come free: it does not take them.
        containers.stop(blocker.id());
        resyncTimes(2);
        assertThat(state(waiting).state()).isEqualTo(Phase.STOPPED);
        assertThat(runtime.inspect(waiting.runtimeId()).state().isLive()).isFalse();
        assertThat(containers.events(waiting.id())).extracting(ContainerEvent::state)
                .containsExactly(Phase.QUEUED, Phase.STOPPED);
    }

    @Test
    void an_end_after_some_hours_counts_from_the_actual_start() {
        Container container = running(containers.create(form("hours", RunWindow.startingNow()
                .endingAfterHours(3))));
        Instant end = container.startedAt().plus(Duration.ofHours(3));
        assertThat(container.plannedEnd()).isEqualTo(end);

        clock.advance(Duration.ofHours(3).minus(LEAD).plusMinutes(1));
        resyncUntilWarned(container, TimeRules.Reason.END_TIME);
        assertWarnedOnce(container, TimeRules.Reason.END_TIME, end);

        clock.advance(Duration.ofMinutes(9));
        assertStoppedFor(container, "workload.reason.end-time", List.of(end.toString()));
    }

    // the project's lifetime limit

    @Test
    void the_projects_lifetime_limit_warns_then_stops_the_container() {
        limits(2, null);
        Container container = running(containers.create(form("limited", RunWindow.ALWAYS)));
        Instant limit = container.startedAt().plus(Duration.ofHours(2));

        clock.advance(Duration.ofHours(2).minus(LEAD).plusMinutes(2));
        resyncUntilWarned(container, TimeRules.Reason.LIFETIME);
        assertWarnedOnce(container, TimeRules.Reason.LIFETIME, limit, 2);
        assertThat(state(container).state()).isEqualTo(Phase.RUNNING);

        clock.advance(Duration.ofMinutes(8));
        assertStoppedFor(container, "workload.reason.lifetime", List.of("2"));
    }

    // idle reclaim

    /**
     * Waits until the container's start is over (its shell and Jupyter busy starting count as use), so the next
     * reading covers only what happens from here on.
     */
    void settleActivity(Container container) throws InterruptedException {
        resyncTimes(1);
        await().pollInSameThread().pollDelay(FRESH_READING).pollInterval(FRESH_READING)
                .atMost(Duration.ofSeconds(90)).until(() -> runtime.activity(container.runtimeId())
                        .filter(a -> a.sessions() == 0 && a.cpuCores() < WorkloadReconciler.BUSY_CORES / 2)
                        .isPresent());
        Thread.sleep(FRESH_READING.toMillis());
    }

    @Test
    void an_idle_container_is_warned_then_reclaimed() throws Exception {
        limits(null, 1);
        Container container = running(containers.create(form("idle", RunWindow.ALWAYS)));
        settleActivity(container);

        Instant reclaimAt = container.startedAt().plus(Duration.ofHours(1));
        clock.advance(Duration.between(clock.instant(), reclaimAt.minus(LEAD)).minusSeconds(1));
        resyncTimes(2);
        assertThat(warnings(container, "workload.warning.idle")).as("not before the lead").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        resyncUntilWarned(container, TimeRules.Reason.IDLE);
        assertWarnedOnce(container, TimeRules.Reason.IDLE, reclaimAt, 1);
        assertThat(state(container).state()).isEqualTo(Phase.RUNNING);

        Thread.sleep(FRESH_READING.toMillis());
        clock.advance(Duration.between(clock.instant(), reclaimAt));
        assertStoppedFor(container, "workload.reason.idle", List.of("1"));
    }

    @Test
    void use_after_the_idle_warning_keeps_the_container_and_a_new_idle_spell_is_warned_of_anew() throws Exception {
        limits(null, 1);
        Container container = running(containers.create(form("woken", RunWindow.ALWAYS)));
        settleActivity(container);
        clock.advance(Duration.ofHours(1).minus(LEAD));
        resyncUntilWarned(container, TimeRules.Reason.IDLE);
        String command = containers.connection(container.id()).sshCommand();
        int port = Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));

        clock.advance(Duration.ofMinutes(5));
        OpenSshClient.Result used = OpenSshClient.withPassword(PASSWORD, owner, port).ssh(List.of(), "true");
        assertThat(used.exitCode()).as(used.errors()).isZero();
        Instant usedAt = clock.instant();
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return usedAt.equals(workloads.find(container.workloadId()).orElseThrow().lastActivityAt());
        });
        clock.advance(Duration.ofMinutes(10));
        Thread.sleep(FRESH_READING.toMillis());
        resyncTimes(2);
        assertThat(state(container).state()).as("the warned reclaim time passed, but it was used").isEqualTo(
                Phase.RUNNING);
        assertThat(warnings(container, "workload.warning.idle")).hasSize(1);

        Instant reclaimAt = usedAt.plus(Duration.ofHours(1));
        clock.advance(Duration.between(clock.instant(), reclaimAt.minus(LEAD)));
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return warnings(container, "workload.warning.idle").size() == 2;
        });
        assertThat(warnings(container, "workload.warning.idle").getLast().reasonArguments())
                .containsExactly(reclaimAt.toString(), "1");
        assertThat(notices("workload.notice.idle")).hasSize(2);
        clock.advance(LEAD);
        assertStoppedFor(container, "workload.reason.idle", List.of("1"));
    }

    @Test
    void a_container_with_an_open_ssh_session_is_not_reclaimed() throws Exception {
        limits(null, 1);
        Container container = running(containers.create(form("ssh-open", RunWindow.ALWAYS)));
        String command = containers.connection(container.id()).sshCommand();
        int port = Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));
        Process session = OpenSshClient.withPassword(PASSWORD, owner, port).start(List.of(), "sleep 120");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.activity(container.runtimeId())
                    .orElseThrow().sshSessions() == 1);

            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(55));
                awaitActivityNotedNow(container);
            }

            assertThat(state(container).state()).isEqualTo(Phase.RUNNING);
            assertThat(warnings(container, "workload.warning.idle")).isEmpty();
            assertThat(notices("workload.notice.idle")).isEmpty();
        } finally {
            session.destroyForcibly();
        }
    }

    @Test
    void a_container_busy_on_its_cpu_is_not_reclaimed_after_its_session_closed() throws Exception {
        limits(null, 1);
        Container container = running(containers.create(form("busy", RunWindow.ALWAYS)));
        String command = containers.connection(container.id()).sshCommand();
        int port = Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));
        OpenSshClient.Result started = OpenSshClient.withPassword(PASSWORD, owner, port).ssh(List.of(),
                "nohup sh -c 'while :; do :; done' >/dev/null 2>&1 </dev/null &");
        assertThat(started.exitCode()).as(started.errors()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.activity(container.runtimeId())
                .orElseThrow().sessions() == 0);

        for (int i = 0; i < 3; i++) {
            Thread.sleep(FRESH_READING.toMillis());
            clock.advance(Duration.ofMinutes(55));
            awaitActivityNotedNow(container);
        }

        assertThat(state(container).state()).isEqualTo(Phase.RUNNING);
        assertThat(warnings(container, "workload.warning.idle")).isEmpty();
        assertThat(notices("workload.notice.idle")).isEmpty();
    }

    // the form

    @Test
    void a_start_in_the_past_is_refused_on_its_field_and_saves_nothing() {
        int before = containers.count(projectId, null);

        assertThatThrownBy(() -> containers.create(form("past", RunWindow.startingAt(
                clock.instant().minus(Duration.ofMinutes(5)))))).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("startAt:workload.window.start-past"));
        assertThat(containers.count(projectId, null)).isEqualTo(before);
    }

    @Test
    void an_end_beyond_the_projects_lifetime_limit_is_refused_on_its_field_and_saves_nothing() {
        limits(4, null);
        int before = containers.count(projectId, null);

        assertThatThrownBy(() -> containers.create(form("too-long", RunWindow.startingNow()
                .endingAt(clock.instant().plus(Duration.ofHours(5)))))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("endAt:workload.window.end-beyond-lifetime"));
        assertThatThrownBy(() -> containers.create(form("too-many-hours", RunWindow.startingNow()
                .endingAfterHours(5)))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("endAfterHours:workload.window.hours-beyond-lifetime"));
        assertThat(containers.count(projectId, null)).isEqualTo(before);
    }
}
