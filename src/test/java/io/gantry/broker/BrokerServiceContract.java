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
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.shared.ListSort;
import io.gantry.shared.WorkloadUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
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
        accounts.signOut();
    }

    QueuedRequest submit(long projectId, int devices) {
        QueuedRequest request = broker.submit(new RequestForm(projectId, ascend.id(), 1, devices, 4, 4096, 0, false,
                null, "test"));
        submitted.add(request.id());
        return request;
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
        job.setBroker(broker, context.getBean(io.gantry.shared.SystemTask.class));

        job.executeInternal(null);

        accounts.signInAsAdmin();
        assertThat(broker.request(queued).status()).isEqualTo(RequestStatus.PLACED);
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
        await().atMost(Duration.ofSeconds(10)).until(() -> db.fetchCount(publications, forThePass) == 0);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            cluster.setSchedulable(nodeId, false);
            // Stored by the change's own transaction, so the pass is owed even if this replica dies after the commit.
            assertThat(db.fetchCount(publications, forThePass)).isOne();
        });

        // The pass ran and completed it.
        await().atMost(Duration.ofSeconds(10)).until(() -> db.fetchCount(publications, forThePass) == 0);
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
                .mapToInt(u -> u.devicesInUseOn(node)).sum();
        assertThat(inUse).isEqualTo(2);
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
