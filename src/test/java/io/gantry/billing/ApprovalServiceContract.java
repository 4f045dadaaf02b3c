package io.gantry.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.OperationLogQuery;
import io.gantry.broker.Explanation;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.Prices;
import io.gantry.cluster.SpecForm;
import io.gantry.container.Container;
import io.gantry.container.ContainerEvent;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.monitoring.Notice;
import io.gantry.monitoring.NoticeService;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.workload.Phase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Orders that wait for a project manager, their decision and what it does to the workload, for real against the
 * database, the broker and the local runtime; run on H2 and on PostgreSQL.
 */
abstract class ApprovalServiceContract {

    static final String PASSWORD = "Container-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";
    /** Orders for more devices than this wait for a manager. */
    static final int THRESHOLD = 1;
    /** Devices of an order that waits; two of them do not fit in the project's quota at once. */
    static final int LARGE = 2;

    @Autowired
    ApplicationContext context;
    @Autowired
    ApprovalService approvals;
    @Autowired
    OrderService orders;
    @Autowired
    ContainerService containers;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;
    @Autowired
    NoticeService notices;
    @Autowired
    OperationLog operationLog;

    TestAccounts accounts;
    AcceleratorSpec spec;
    FrameworkImage image;
    long flavorId;
    long projectId;
    String requester;
    long requesterId;
    String manager;
    long managerId;
    String otherManager;
    String member;
    String stranger;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavorId = cluster.flavors(spec.id()).getFirst().id();
        image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password"))
                .findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        requester = TestAccounts.uniqueName("rq");
        requesterId = accounts.activate(accounts.create(requester, PresetRole.USER));
        member = TestAccounts.uniqueName("mb");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        manager = TestAccounts.uniqueName("mg");
        managerId = accounts.create(manager, PresetRole.USER);
        otherManager = TestAccounts.uniqueName("mg");
        long otherManagerId = accounts.create(otherManager, PresetRole.USER);
        stranger = TestAccounts.uniqueName("st");
        accounts.create(stranger, PresetRole.USER);
        projectId = testProjects.create(List.of(new Quota(spec.id(), 3, null)), requesterId, memberId);
        projects.addMembers(projectId, Set.of(managerId, otherManagerId), ProjectRole.MANAGER);
        var project = projects.overview(projectId).project();
        projects.update(projectId, new ProjectForm(project.name(), null, project.startDate(), project.endDate(),
                new ProjectLimits(null, null, null, null, THRESHOLD, false), projects.quotas(projectId)));
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        for (Container c : containers.list(projectId, null, 0, 100)) {
            if (c.state().isLive()) {
                containers.stop(c.id());
            }
        }
        accounts.signOut();
    }

    /** The requester orders a container of this many devices; returns it. */
    Container order(String name, int devices) {
        accounts.signInAs(requester);
        return containers.create(new ContainerForm(projectId, name, image.id(), spec.id(), devices, flavorId, 0,
                Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true));
    }

    /** The order of a container, read as its requester. */
    Order orderOf(Container container) {
        accounts.signInAs(requester);
        return orders.mine(null, null, 0, 100).stream().map(OrderRow::order)
                .filter(o -> o.workloadId() == container.workloadId()).findFirst().orElseThrow();
    }

    Container container(Container container) {
        accounts.signInAsAdmin();
        return containers.container(container.id());
    }

    List<Notice> noticesOf(String username) {
        accounts.signInAs(username);
        return notices.page(0, 100);
    }

    static OrderFilter any() {
        return new OrderFilter(null, null, null, null);
    }

    @Test
    void an_order_above_the_threshold_waits_with_its_order_pending_and_its_managers_are_told() {
        Container small = order("small", THRESHOLD);
        Container large = order("large", LARGE);

        assertThat(small.state()).isNotEqualTo(Phase.PENDING_APPROVAL);
        assertThat(orderOf(small).approval()).isEqualTo(Approval.NOT_REQUIRED);
        assertThat(large.state()).isEqualTo(Phase.PENDING_APPROVAL);
        Order waiting = orderOf(large);
        assertThat(waiting.approval()).isEqualTo(Approval.PENDING);
        assertThat(waiting.devices()).isEqualTo(LARGE);
        assertThat(waiting.decidedBy()).isNull();

        accounts.signInAs(manager);
        assertThat(approvals.waiting()).isEqualTo(1);
        assertThat(approvals.list(OrderFilter.WAITING, 0, 10)).extracting(r -> r.order().id())
                .containsExactly(waiting.id());
        assertThat(approvals.list(any(), 0, 10)).as("an order that needed no approval is not on the page")
                .extracting(r -> r.order().id()).containsExactly(waiting.id());
        OrderDetail detail = approvals.detail(waiting.id());
        assertThat(detail.requester()).contains(requester);
        assertThat(detail.decidable()).isTrue();
        assertThat(detail.workloadState()).isEqualTo(Phase.PENDING_APPROVAL);
        assertThat(detail.rate().perHour()).isEqualByComparingTo(waiting.rate().perHour());

        for (String each : List.of(manager, otherManager)) {
            assertThat(noticesOf(each)).filteredOn(n -> n.messageKey().equals("notice.order.waiting"))
                    .singleElement().satisfies(n -> {
                        assertThat(n.link()).isEqualTo("account/approvals/" + waiting.id());
                        assertThat(n.arguments()).asString().contains(requester).contains("large");
                    });
        }
        assertThat(noticesOf(requester)).noneMatch(n -> n.messageKey().startsWith("notice.order."));
        assertThat(noticesOf(member)).noneMatch(n -> n.messageKey().startsWith("notice.order."));
    }

    @Test
    void an_order_keeps_the_unit_prices_of_its_moment_after_the_specs_prices_change() {
        accounts.signInAsAdmin();
        Prices original = spec.prices();
        try {
            setPrices(new Prices(new BigDecimal("12.5"), new BigDecimal("0.25"), new BigDecimal("0.125")));
            Order ordered = orderOf(order("priced", LARGE));
            accounts.signInAsAdmin();
            setPrices(new Prices(new BigDecimal("99"), new BigDecimal("9"), new BigDecimal("9")));

            accounts.signInAs(manager);
            OrderDetail detail = approvals.detail(ordered.id());
            assertThat(detail.order().prices().perDeviceHour()).isEqualByComparingTo("12.5");
            assertThat(detail.order().prices().perCoreHour()).isEqualByComparingTo("0.25");
            assertThat(detail.order().prices().perGibHour()).isEqualByComparingTo("0.125");
            // 2 devices × 12.5 + cores × 0.25 + GiB × 0.125, at the prices it was ordered at.
            BigDecimal expected = new BigDecimal("25")
                    .add(new BigDecimal("0.25").multiply(BigDecimal.valueOf(ordered.cpuCores())))
                    .add(new BigDecimal("0.125").multiply(BigDecimal.valueOf(ordered.memoryMib()))
                            .divide(BigDecimal.valueOf(1024)));
            assertThat(detail.rate().perHour()).isEqualByComparingTo(expected);
            accounts.signInAs(requester);
            assertThat(orders.detail(ordered.id()).order().prices().perDeviceHour()).isEqualByComparingTo("12.5");
        } finally {
            accounts.signInAsAdmin();
            setPrices(original);
        }
    }

    private void setPrices(Prices prices) {
        AcceleratorSpec s = cluster.spec(spec.id());
        cluster.updateSpec(s.id(), new SpecForm(s.name(), s.vendor(), s.model(), s.resourceName(), s.nodeSelector(),
                s.allowedCounts().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                s.topologyGroupSize(), prices, s.podLimits()));
    }

    @Test
    void a_manager_approves_and_the_workload_is_placed_and_runs_and_the_requester_is_told() {
        Container large = order("approved", LARGE);
        Order waiting = orderOf(large);

        accounts.signInAs(manager);
        OrderDetail decided = approvals.approve(waiting.id());

        assertThat(decided.order().approval()).isEqualTo(Approval.APPROVED);
        assertThat(decided.order().decidedBy()).isEqualTo(managerId);
        assertThat(decided.order().decidedAt()).isNotNull();
        assertThat(decided.decider()).contains(manager);
        assertThat(decided.decidable()).isFalse();
        assertThat(approvals.waiting()).isZero();
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> container(large).state() == Phase.RUNNING);
        accounts.signInAsAdmin();
        assertThat(containers.events(large.id())).extracting(ContainerEvent::state)
                .containsSubsequence(Phase.PENDING_APPROVAL, Phase.QUEUED, Phase.RUNNING);
        assertThat(noticesOf(requester)).filteredOn(n -> n.messageKey().equals("notice.order.approved"))
                .singleElement().satisfies(n -> assertThat(n.link()).isEqualTo("account/orders/" + waiting.id()));
        accounts.signInAs(manager);
        assertThat(operationLog.find(new OperationLogQuery(null, null, null), 0, 20))
                .filteredOn(e -> e.action().equals("order.approve"))
                .extracting(OperationLogEntry::target).contains("order:" + waiting.id());
        accounts.signInAs(requester);
        OrderDetail mine = orders.detail(waiting.id());
        assertThat(mine.order().approval()).isEqualTo(Approval.APPROVED);
        assertThat(mine.decider()).contains(manager);
        assertThat(mine.workloadPage()).isEqualTo("containers/" + large.id());
    }

    @Test
    void a_reject_without_a_message_or_with_too_long_a_one_is_refused_and_changes_nothing() {
        Container large = order("unexplained", LARGE);
        Order waiting = orderOf(large);
        accounts.signInAs(manager);

        for (String message : new String[] {null, "", "   \n "}) {
            assertThatThrownBy(() -> approvals.reject(waiting.id(), message))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                            .extracting(p -> p.field() + ":" + p.messageKey())
                            .containsExactly("message:field.required"));
        }
        assertThatThrownBy(() -> approvals.reject(waiting.id(), "x".repeat(ApprovalService.MESSAGE_MAX + 1)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey()).containsExactly("message:field.too-long"));

        OrderDetail unchanged = approvals.detail(waiting.id());
        assertThat(unchanged.order().approval()).isEqualTo(Approval.PENDING);
        assertThat(unchanged.order().decidedBy()).isNull();
        assertThat(unchanged.workloadState()).isEqualTo(Phase.PENDING_APPROVAL);
        assertThat(noticesOf(requester)).noneMatch(n -> n.messageKey().startsWith("notice.order."));
    }

    @Test
    void a_rejection_ends_the_workload_rejected_with_the_message_in_its_events_and_tells_the_requester() {
        Container large = order("rejected", LARGE);
        Order waiting = orderOf(large);
        // As long as a rejection may be, in the characters that take the most room in the events' JSON.
        String message = "  " + "預算不足，請改用兩張卡的規格 ".repeat(14).substring(0, 196) + "'{}\"  ";
        String kept = message.strip();
        assertThat(kept).hasSize(ApprovalService.MESSAGE_MAX);

        accounts.signInAs(manager);
        OrderDetail decided = approvals.reject(waiting.id(), message);

        assertThat(decided.order().approval()).isEqualTo(Approval.REJECTED);
        assertThat(decided.order().decisionMessage()).isEqualTo(kept);
        assertThat(decided.workloadState()).isEqualTo(Phase.REJECTED);
        Container rejected = container(large);
        assertThat(rejected.state()).isEqualTo(Phase.REJECTED);
        assertThat(rejected.reason()).isEqualTo("workload.reason.rejected");
        assertThat(rejected.reasonArguments()).containsExactly(kept);
        assertThat(containers.events(large.id())).last().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Phase.REJECTED);
            assertThat(e.reason()).isEqualTo("workload.reason.rejected");
            assertThat(e.reasonArguments()).containsExactly(kept);
        });
        assertThat(noticesOf(requester)).filteredOn(n -> n.messageKey().equals("notice.order.rejected"))
                .singleElement().satisfies(n -> {
                    assertThat(n.link()).isEqualTo("account/orders/" + waiting.id());
                    assertThat(n.arguments()).contains(kept);
                });
        accounts.signInAs(requester);
        assertThat(orders.detail(waiting.id()).order().decisionMessage()).isEqualTo(kept);
        accounts.signInAs(manager);
        assertThat(operationLog.find(new OperationLogQuery(null, null, null), 0, 20))
                .filteredOn(e -> e.action().equals("order.reject"))
                .extracting(OperationLogEntry::target).contains("order:" + waiting.id());
    }

    @Test
    void deciding_an_order_someone_else_decided_meanwhile_says_who_did_what_and_when_and_changes_nothing() {
        Order first = orderOf(order("twice-a", LARGE));
        Order second = orderOf(order("twice-b", LARGE));
        accounts.signInAs(manager);
        OrderDetail seenInAnotherTab = approvals.detail(first.id());
        assertThat(seenInAnotherTab.decidable()).isTrue();
        approvals.reject(first.id(), "Not this month");
        approvals.approve(second.id());
        Instant rejectedAt = approvals.detail(first.id()).order().decidedAt();
        Instant approvedAt = approvals.detail(second.id()).order().decidedAt();

        accounts.signInAs(otherManager);
        assertThatThrownBy(() -> approvals.approve(first.id())).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo("billing.approval.already-rejected");
            assertThat(e.arguments()).containsExactly(approvals.detail(first.id()).decider(), rejectedAt);
            assertThat(String.valueOf(e.arguments()[0])).contains(manager);
        });
        assertThatThrownBy(() -> approvals.reject(second.id(), "Too late")).isInstanceOfSatisfying(
                NotAllowed.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("billing.approval.already-approved");
                    assertThat(e.arguments()[1]).isEqualTo(approvedAt);
                });

        OrderDetail stillRejected = approvals.detail(first.id());
        assertThat(stillRejected.order().approval()).isEqualTo(Approval.REJECTED);
        assertThat(stillRejected.order().decidedBy()).isEqualTo(managerId);
        assertThat(stillRejected.order().decisionMessage()).isEqualTo("Not this month");
        assertThat(stillRejected.workloadState()).isEqualTo(Phase.REJECTED);
        OrderDetail stillApproved = approvals.detail(second.id());
        assertThat(stillApproved.order().approval()).isEqualTo(Approval.APPROVED);
        assertThat(stillApproved.order().decisionMessage()).isNull();
        assertThat(stillApproved.workloadState()).isNotEqualTo(Phase.REJECTED);
        assertThat(noticesOf(requester)).filteredOn(n -> n.messageKey().startsWith("notice.order."))
                .extracting(Notice::messageKey)
                .containsExactlyInAnyOrder("notice.order.rejected", "notice.order.approved");
    }

    @Test
    void an_approval_when_the_quota_filled_meanwhile_leaves_the_workload_queued_with_the_brokers_explanation() {
        Container first = order("fills", LARGE);
        Container second = order("waits", LARGE);
        long firstOrder = orderOf(first).id();
        long secondOrder = orderOf(second).id();
        accounts.signInAs(manager);
        approvals.approve(firstOrder);
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> container(first).state() == Phase.RUNNING);

        accounts.signInAs(manager);
        OrderDetail decided = approvals.approve(secondOrder);

        assertThat(decided.order().approval()).isEqualTo(Approval.APPROVED);
        assertThat(decided.workloadState()).isEqualTo(Phase.QUEUED);
        // The broker explains a request in the pass that follows its submission, on its own thread.
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            accounts.signInAs(manager);
            OrderDetail now = approvals.detail(secondOrder);
            assertThat(now.waiting()).isNotNull();
            assertThat(now.waiting().reason()).isEqualTo(Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);
        });
        assertThat(container(second).state()).isEqualTo(Phase.QUEUED);
        accounts.signInAs(requester);
        assertThat(orders.detail(secondOrder).waiting().reason())
                .isEqualTo(Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);
    }

    @Test
    void a_non_manager_can_neither_list_nor_see_nor_decide_an_order() {
        Container large = order("private", LARGE);
        Order waiting = orderOf(large);

        for (String outsider : List.of(member, stranger, requester)) {
            accounts.signInAs(outsider);
            assertThat(approvals.list(any(), 0, 10)).as(outsider).isEmpty();
            assertThat(approvals.count(any())).isZero();
            assertThat(approvals.waiting()).isZero();
            assertThatThrownBy(() -> approvals.detail(waiting.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> approvals.approve(waiting.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> approvals.reject(waiting.id(), "no")).isInstanceOf(NotFound.class);
        }
        for (String other : List.of(member, stranger, manager)) {
            accounts.signInAs(other);
            assertThat(orders.mine(null, null, 0, 10)).as(other).isEmpty();
            assertThatThrownBy(() -> orders.detail(waiting.id())).isInstanceOf(NotFound.class);
        }
        accounts.signInAs(manager);
        assertThat(approvals.detail(waiting.id()).order().approval()).isEqualTo(Approval.PENDING);
        assertThat(container(large).state()).isEqualTo(Phase.PENDING_APPROVAL);
    }

    @Test
    void a_platform_admin_sees_and_decides_every_projects_orders() {
        Order waiting = orderOf(order("admins", LARGE));

        accounts.signInAsAdmin();
        assertThat(approvals.list(OrderFilter.WAITING, 0, 1000)).extracting(r -> r.order().id())
                .contains(waiting.id());
        assertThat(approvals.waiting()).isPositive();
        assertThat(approvals.reject(waiting.id(), "Use the other project").order().approval())
                .isEqualTo(Approval.REJECTED);
    }

    @Test
    void the_list_filters_by_state_requester_and_ordering_time_newest_first() {
        Order first = orderOf(order("filter-a", LARGE));
        Order second = orderOf(order("filter-b", LARGE));
        accounts.signInAs(manager);
        approvals.reject(first.id(), "No");

        assertThat(approvals.list(any(), 0, 10)).extracting(r -> r.order().id())
                .containsExactly(second.id(), first.id());
        assertThat(approvals.list(any(), 0, 1)).extracting(r -> r.order().id()).containsExactly(second.id());
        assertThat(approvals.list(any(), 1, 1)).extracting(r -> r.order().id()).containsExactly(first.id());
        assertThat(approvals.list(new OrderFilter(Approval.REJECTED, null, null, null), 0, 10))
                .extracting(r -> r.order().id()).containsExactly(first.id());
        assertThat(approvals.count(OrderFilter.WAITING)).isEqualTo(1);
        assertThat(approvals.list(new OrderFilter(null, requester.substring(1).toUpperCase(), null, null), 0, 10))
                .hasSize(2).allSatisfy(r -> assertThat(r.requester()).contains(requester));
        assertThat(approvals.list(new OrderFilter(null, stranger, null, null), 0, 10)).isEmpty();
        Instant orderedAt = first.orderedAt();
        assertThat(approvals.count(new OrderFilter(null, null, orderedAt.plusSeconds(3600), null))).isZero();
        assertThat(approvals.count(new OrderFilter(null, null, null, orderedAt))).isZero();
        assertThat(approvals.count(new OrderFilter(null, null, orderedAt.minusSeconds(3600),
                orderedAt.plusSeconds(3600)))).isEqualTo(2);
    }

    @Test
    void the_requesters_order_records_are_their_own_in_the_chosen_range_newest_first() {
        Container small = order("own-a", 1);
        Container large = order("own-b", LARGE);
        Order smallOrder = orderOf(small);

        accounts.signInAs(requester);
        assertThat(orders.mine(null, null, 0, 10)).extracting(r -> r.order().name()).containsExactly("own-b", "own-a");
        assertThat(orders.countMine(null, null)).isEqualTo(2);
        assertThat(orders.mine(null, null, 1, 10)).extracting(r -> r.order().name()).containsExactly("own-a");
        Instant at = smallOrder.orderedAt();
        assertThat(orders.countMine(at.plusSeconds(3600), null)).isZero();
        assertThat(orders.countMine(at.minusSeconds(3600), at.plusSeconds(3600))).isEqualTo(2);
        OrderDetail detail = orders.detail(smallOrder.id());
        assertThat(detail.order().approval()).isEqualTo(Approval.NOT_REQUIRED);
        assertThat(detail.workloadPage()).isEqualTo("containers/" + small.id());
        assertThat(detail.decidable()).isFalse();
        assertThat(orders.detail(orderOf(large).id()).decidable()).as("the requester decides nothing here").isFalse();
    }
}
