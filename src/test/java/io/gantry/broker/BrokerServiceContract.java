package io.gantry.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.NodeInfo;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.monitoring.NodeUsage;
import io.gantry.monitoring.ResourceUsageService;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.shared.ListSort;
import io.gantry.shared.WorkloadUsage;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The broker against the database: placing, refusing, queueing, releasing; run on H2 and on PostgreSQL. */
abstract class BrokerServiceContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    BrokerService broker;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    DSLContext db;
    @Autowired
    BrokerRequests requests;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    PlatformTransactionManager transactions;

    TestAccounts accounts;
    TestProjects testProjects;
    AcceleratorSpec ascend;
    String user;
    long userId;
    final List<Long> submitted = new ArrayList<>();

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        testProjects = new TestProjects(projects);
        accounts.signInAsAdmin();
        ascend = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910")).findFirst().orElseThrow();
        testProjects.releaseAllQuotas();
        user = TestAccounts.uniqueName("gpu");
        userId = accounts.create(user, PresetRole.USER);
    }

    @AfterEach
    void releaseEverything() {
        accounts.signInAsAdmin();
        submitted.forEach(broker::release);
        cluster.nodes().stream().filter(n -> !n.schedulable()).forEach(n -> cluster.setSchedulable(n.id(), true));
        // The passes those changes owe run on threads of their own; one still running in the next test would read
        // the nodes before that test cordons them.
        awaitNodeChangePasses();
        awaitPasses();
        accounts.signOut();
    }

    /** Until every pass owed to a node change has run: its publication is completed and gone. */
    void awaitNodeChangePasses() {
        Condition forThePass = field(name("listener_id")).eq("broker.pass-on-node-change");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.fetchCount(table(name("event_publication")), forThePass) == 0);
    }

    /** Submits, then waits for the pass the submit asked for: the request as that pass left it. */
    QueuedRequest submit(long projectId, int devices) {
        QueuedRequest request = broker.submit(new RequestForm(projectId, ascend.id(), 1, devices, 4, 4096, 0, false,
                null, "test"));
        submitted.add(request.id());
        awaitPasses();
        return broker.request(request.id());
    }

    /** Waits until the passes asked for so far have run. */
    void awaitPasses() {
        try {
            assertThat(context.getBean(Passes.class).awaitAsked(Duration.ofSeconds(10))).as("passes done").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSubmitReturnsOnceItsRequestIsStoredAndABurstOfThemSharesOnePass() throws Exception {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 16, null)), userId);
        accounts.signInAs(user);
        awaitPasses();
        // Another pass (another replica's, say) holds the passes' lock while the burst arrives.
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch burstDone = new CountDownLatch(1);
        Thread otherPass = Thread.ofVirtual().start(() -> transaction.executeWithoutResult(status -> {
            context.getBean(BrokerRepository.class).lockPasses();
            locked.countDown();
            try {
                burstDone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        List<QueuedRequest> burst = new ArrayList<>();
        List<String> passes = passLocksDuring(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    QueuedRequest request = broker.submit(new RequestForm(project, ascend.id(), 1, 1, 4, 4096, 0,
                            false, null, "burst"));
                    submitted.add(request.id());
                    burst.add(request);
                }
            } finally {
                burstDone.countDown();
            }
            try {
                otherPass.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            awaitPasses();
        });

        // Each call came back with its request stored, before any pass could look at it.
        assertThat(burst).allSatisfy(r -> assertThat(r.status()).isEqualTo(RequestStatus.QUEUED));
        // The pass asked for first waited for the lock; the other nine asks shared the one after it.
        assertThat(passes).as("passes run for a burst of ten submits").hasSizeBetween(1, 2);
        assertThat(burst).allSatisfy(r -> assertThat(broker.request(r.id()).status())
                .isEqualTo(RequestStatus.PLACED));
    }

    /** The passes that began, on any thread, while the work ran: each takes the passes' lock first. */
    private List<String> passLocksDuring(Runnable work) {
        return sqlDuring(sql -> sql.contains("broker_pass_lock") || sql.contains("pg_advisory_xact_lock"), work);
    }

    /** The SQL (lower case) that matched while the work ran, from any thread. */
    private List<String> sqlDuring(java.util.function.Predicate<String> matching, Runnable work) {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                String sql = ctx.sql() == null ? "" : ctx.sql().toLowerCase(java.util.Locale.ROOT);
                if (matching.test(sql)) {
                    seen.add(sql);
                }
            }
        };
        Configuration configuration = db.configuration();
        ExecuteListenerProvider[] before = configuration.executeListenerProviders();
        ExecuteListenerProvider[] with = java.util.Arrays.copyOf(before, before.length + 1);
        with[before.length] = new DefaultExecuteListenerProvider(listener);
        configuration.set(with);
        try {
            work.run();
        } finally {
            configuration.set(before);
        }
        return seen;
    }

    NodeInfo node(String name) {
        return cluster.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void the_periodic_pass_runs_on_a_thread_without_a_signed_in_user() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signInAs(user);
        long queued = broker.submit(new RequestForm(project, ascend.id(), 1, 1, 4, 4096, 0, false, null, "periodic"))
                .id();
        submitted.add(queued);
        accounts.signOut();
        PassJob job = new PassJob();
        job.setPasses(context.getBean(Passes.class));

        job.executeInternal(null);

        accounts.signInAsAdmin();
        assertThat(broker.request(queued).status()).isEqualTo(RequestStatus.PLACED);
    }

    @Test
    void anotherModuleAsksForDevicesInItsOwnTransactionForAUserItNames() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signOut();
        RequestForm form = new RequestForm(project, ascend.id(), 1, 2, 4, 4096, 0, false, null, "internal");

        QueuedRequest asked = transaction.execute(status -> requests.submit(userId, form));
        submitted.add(asked.id());

        assertThat(asked.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(asked.userId()).isEqualTo(userId);
        // The pass follows the caller's commit on the broker's own thread.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> requests.request(asked.id()).status() == RequestStatus.PLACED);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> requests.cancel(asked.id())))
                .isInstanceOf(NotAllowed.class);
        transaction.executeWithoutResult(status -> requests.release(asked.id()));
        assertThat(requests.request(asked.id()).status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(devicesHeldIn(project)).isZero();
    }

    @Test
    void aRequestAskedInsideATransactionThatRollsBackLeavesNothing() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signOut();
        AtomicLong id = new AtomicLong();

        transaction.executeWithoutResult(status -> {
            id.set(requests.submit(userId, new RequestForm(project, ascend.id(), 1, 8, 4, 4096, 0, false, null,
                    "rolled-back")).id());
            QueuedRequest queued = requests.request(id.get());
            assertThat(queued.status()).isEqualTo(RequestStatus.QUEUED);
            requests.cancel(id.get());
            assertThat(requests.request(id.get()).status()).isEqualTo(RequestStatus.CANCELLED);
            status.setRollbackOnly();
        });

        // Neither a second transaction nor a second thread: the request went with its caller's rollback.
        assertThatThrownBy(() -> requests.request(id.get())).isInstanceOf(NotFound.class);
    }

    /** Devices the project's requests hold now. */
    private int devicesHeldIn(long project) {
        accounts.signInAsAdmin();
        int used = projects.overview(project).quotas().getFirst().used();
        accounts.signOut();
        return used;
    }

    @Test
    void aRequestWithinQuotaIsPlacedAndCountsAsTheProjectsUse() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signInAs(user);
        QueuedRequest placed = submit(project, 4);
        assertThat(placed.status()).isEqualTo(RequestStatus.PLACED);
        assertThat(placed.slots()).singleElement().satisfies(slot -> assertThat(slot.devices())
                .hasSize(4).allSatisfy(d -> assertThat(d / 4).isEqualTo(slot.devices().getFirst() / 4)));
        assertThat(projects.overview(project).quotas()).singleElement()
                .satisfies(q -> assertThat(q.used()).isEqualTo(4));

        // A user's work gives its devices back when it ends, which the platform says, not the user.
        assertThatThrownBy(() -> broker.release(placed.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(broker.request(placed.id()).status()).isEqualTo(RequestStatus.PLACED);
        context.getBean(io.gantry.shared.SystemTask.class).run(() -> {
            broker.release(placed.id());
            return null;
        });
        assertThat(broker.request(placed.id()).status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(projects.overview(project).quotas().getFirst().used()).isZero();
    }

    @Test
    void aPlacedRequestThatAWorkloadHoldsIsNotCancelledButAQueuedOneIs() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signInAs(user);
        QueuedRequest placed = submit(project, 4);
        assertThat(placed.status()).isEqualTo(RequestStatus.PLACED);

        assertThatThrownBy(() -> broker.cancel(placed.id())).isInstanceOf(io.gantry.shared.NotAllowed.class)
                .satisfies(e -> assertThat(((io.gantry.shared.NotAllowed) e).messageKey()).isEqualTo("broker.cancel.held"));
        assertThat(broker.request(placed.id()).status()).isEqualTo(RequestStatus.PLACED);
        assertThat(projects.overview(project).quotas().getFirst().used()).isEqualTo(4);

        QueuedRequest waiting = submit(project, 8);
        assertThat(waiting.status()).isEqualTo(RequestStatus.QUEUED);
        broker.cancel(waiting.id());
        assertThat(broker.request(waiting.id()).status()).isEqualTo(RequestStatus.CANCELLED);
    }

    @Test
    void overQuotaOrAnUnallowedCountIsRefusedWithTheNumbers() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 2, null)), userId);
        accounts.signInAs(user);
        QueuedRequest four = submit(project, 4);
        assertThat(four.status()).isEqualTo(RequestStatus.REFUSED);
        assertThat(four.explanation().reason()).isEqualTo(Explanation.Reason.OVER_QUOTA);
        assertThat(four.explanation().needed()).isEqualTo(4);
        assertThat(four.explanation().limit()).isEqualTo(2);
        assertThat(submit(project, 3).explanation().reason()).isEqualTo(Explanation.Reason.COUNT_NOT_ALLOWED);
    }

    @Test
    void withoutFreeDevicesARequestWaitsAndIsPlacedWhenDevicesComeBack() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 16, null)), userId);
        cluster.setSchedulable(node("sim-ascend-2").id(), false);
        accounts.signInAs(user);
        QueuedRequest first = submit(project, 8);
        QueuedRequest second = submit(project, 8);
        assertThat(first.status()).isEqualTo(RequestStatus.PLACED);
        assertThat(second.status()).isEqualTo(RequestStatus.QUEUED);
        assertThat(second.explanation().reason()).isEqualTo(Explanation.Reason.WAITING_FOR_DEVICES);
        assertThat(second.explanation().totalFree()).isZero();

        accounts.signInAsAdmin();
        broker.release(first.id());
        awaitPasses();
        QueuedRequest now = broker.request(second.id());
        assertThat(now.status()).isEqualTo(RequestStatus.PLACED);
        assertThat(now.slots().getFirst().nodeId()).isEqualTo(node("sim-ascend-1").id());
    }

    @Test
    void uncordoningANodeLooksAtTheQueueAgain() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 16, null)), userId);
        cluster.setSchedulable(node("sim-ascend-1").id(), false);
        cluster.setSchedulable(node("sim-ascend-2").id(), false);
        accounts.signInAs(user);
        QueuedRequest waiting = submit(project, 8);
        assertThat(waiting.status()).isEqualTo(RequestStatus.QUEUED);

        accounts.signInAsAdmin();
        cluster.setSchedulable(node("sim-ascend-2").id(), true);
        // The pass runs after the change commits, on a thread of its own; the signed-in admin is this thread's.
        await().pollInSameThread().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(broker.request(waiting.id()).status()).isEqualTo(RequestStatus.PLACED));
    }

    @Test
    void aNodeChangeReachesThePassThroughTheEventPublicationRegistry() {
        long nodeId = node("sim-ascend-2").id();
        var publications = table(name("event_publication"));
        Condition forThePass = field(name("listener_id")).eq("broker.pass-on-node-change");
        awaitNodeChangePasses();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            cluster.setSchedulable(nodeId, false);
            // Stored by the change's own transaction, so the pass is owed even if this replica dies after the commit.
            assertThat(db.fetchCount(publications, forThePass)).isOne();
        });

        // The pass ran and completed it.
        awaitNodeChangePasses();
    }

    @Test
    void thePeriodicPassIsAClusteredQuartzJobInTheDatabase() throws Exception {
        var scheduler = context.getBean(org.quartz.Scheduler.class);
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getTrigger(org.quartz.TriggerKey.triggerKey("broker-pass", "broker"))).isNotNull();
    }

    @Test
    void theDatabaseNeverGivesADeviceTwice() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signInAs(user);
        QueuedRequest placed = submit(project, 1);
        var slot = placed.slots().getFirst();
        long other = submit(project, 1).id();
        assertThatThrownBy(() -> db.insertInto(io.gantry.db.Tables.ALLOCATION)
                .set(io.gantry.db.Tables.ALLOCATION.REQUEST_ID, other)
                .set(io.gantry.db.Tables.ALLOCATION.NODE_ID, slot.nodeId())
                .set(io.gantry.db.Tables.ALLOCATION.DEVICE_INDEX, slot.devices().getFirst())
                .execute()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void onlyMembersMayAskForDevicesInAProject() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)));
        String outsider = TestAccounts.uniqueName("out");
        accounts.create(outsider, PresetRole.USER);
        accounts.signInAs(outsider);
        assertThatThrownBy(() -> submit(project, 1)).isInstanceOf(io.gantry.shared.NotFound.class);
    }

    @Test
    void monitoringSeesTheDevicesInUseOnEachNode() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 8, null)), userId);
        accounts.signInAs(user);
        QueuedRequest placed = submit(project, 2);
        long node = placed.slots().getFirst().nodeId();
        int inUse = context.getBeansOfType(WorkloadUsage.class).values().stream()
                .mapToInt(u -> u.devicesInUseByNode(List.of(node)).getOrDefault(node, 0)).sum();
        assertThat(inUse).isEqualTo(2);

        // The nodes page reads every node's use at once.
        accounts.signInAsAdmin();
        List<NodeUsage> nodes = new ArrayList<>();
        List<String> reads = usageReadsDuring(() -> nodes.addAll(context.getBean(ResourceUsageService.class)
                .nodeUsage()));
        assertThat(nodes).hasSizeGreaterThan(1)
                .anySatisfy(n -> assertThat(n.node().id()).isEqualTo(node));
        assertThat(nodes).filteredOn(n -> n.node().id() == node).singleElement()
                .satisfies(n -> assertThat(n.devicesInUse()).isEqualTo(2));
        assertThat(reads).hasSize(1);
    }

    @Test
    void a_list_of_many_projects_reads_what_runs_in_them_in_one_query() {
        long busy = testProjects.create(List.of(new Quota(ascend.id(), 3, null)), userId);
        long busier = testProjects.create(List.of(new Quota(ascend.id(), 4, null)), userId);
        List<Long> idle = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            idle.add(testProjects.create(List.of(), userId));
        }
        accounts.signInAs(user);
        submit(busy, 2);
        submit(busy, 1);
        submit(busier, 4);

        List<ProjectOverview> overviews = new ArrayList<>();
        List<String> reads = usageReadsDuring(() -> overviews.addAll(projects.visible()));

        assertThat(overviews).hasSize(12);
        assertThat(reads).as("queries reading what runs, for a page of 12 projects").hasSize(1);
        assertThat(overviews).filteredOn(o -> o.project().id() == busy).singleElement().satisfies(o -> {
            assertThat(o.running()).isEqualTo(2);
            assertThat(o.quotas().getFirst().used()).isEqualTo(3);
        });
        assertThat(overviews).filteredOn(o -> o.project().id() == busier).singleElement().satisfies(o -> {
            assertThat(o.running()).isEqualTo(1);
            assertThat(o.quotas().getFirst().used()).isEqualTo(4);
        });
        assertThat(overviews).filteredOn(o -> idle.contains(o.project().id()))
                .hasSize(10).allSatisfy(o -> assertThat(o.running()).isZero());
    }

    /** The SQL this thread ran against the broker's tables (what placed requests hold) while the work ran. */
    private List<String> usageReadsDuring(Runnable work) {
        Thread me = Thread.currentThread();
        return sqlDuring(sql -> Thread.currentThread() == me
                && (sql.contains("allocation") || sql.contains("broker_request")), work);
    }

    @Test
    void onlyPlatformAdminsSeeTheWholeQueue() {
        accounts.signInAs(user);
        assertThatThrownBy(() -> broker.queue(true, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> broker.queue(new QueueFilter(false, null, null), List.of(), 0, 10))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theRequestListsSortInTheDatabaseAndFilterByStatusAndProject() {
        long project = testProjects.create(List.of(new Quota(ascend.id(), 2, null)), userId);
        accounts.signInAs(user);
        for (String workload : List.of("wl-b", "wl-c", "wl-a")) {
            // Four devices: over the quota, refused at once.
            submitted.add(broker.submit(new RequestForm(project, ascend.id(), 1, 4, 4, 4096, 0, false, null,
                    workload)).id());
        }
        QueuedRequest placed = submit(project, 1);

        assertThat(broker.mine(RequestStatus.REFUSED, List.of(ListSort.ascending("workload")), 0, 10))
                .extracting(QueuedRequest::workload).containsExactly("wl-a", "wl-b", "wl-c");
        assertThat(broker.mine(RequestStatus.REFUSED, List.of(ListSort.descending("workload")), 1, 1))
                .extracting(QueuedRequest::workload).containsExactly("wl-b");
        assertThat(broker.countMine(RequestStatus.REFUSED)).isEqualTo(3);
        assertThat(broker.countMine(null)).isEqualTo(4);
        assertThatThrownBy(() -> broker.mine(null, List.of(ListSort.ascending("user_id")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);

        accounts.signInAsAdmin();
        QueueFilter ofProject = new QueueFilter(false, null, project);
        assertThat(broker.queue(ofProject, List.of(ListSort.descending("workload")), 0, 10))
                .extracting(QueuedRequest::workload).containsExactly("wl-c", "wl-b", "wl-a", "test");
        assertThat(broker.queue(new QueueFilter(true, null, project), List.of(), 0, 10))
                .extracting(QueuedRequest::id).containsExactly(placed.id());
        assertThat(broker.countQueue(new QueueFilter(false, RequestStatus.REFUSED, project))).isEqualTo(3);
        assertThat(broker.countQueue(new QueueFilter(false, null, -1L))).isZero();
    }
}
