package io.gantry.billing;

import io.gantry.audit.OperationLog;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.monitoring.Notices;
import io.gantry.project.Projects;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approvals page (DESIGN §7, AI-Stack 八.5): the orders that wait for, or had, a decision, for those who decide
 * them — the managers of the order's project, and platform admins (BILLING_MANAGE) for every project. Anyone else is
 * told such an order does not exist. A decision is taken once: of two managers deciding at once, or a second tab on
 * an order decided in the first, one wins and the other is told who decided what and when, and nothing changes.
 */
@Service
@PreAuthorize("hasAnyRole('" + Permission.Names.BILLING_VIEW + "', '" + Permission.Names.BILLING_MANAGE + "')")
public class ApprovalService {

    /** The route of the approvals page; an order's page is this, a slash and its id. */
    public static final String PAGE = "account/approvals";
    /** A rejection's message travels with the workload's reason, whose arguments are a short JSON column. */
    public static final int MESSAGE_MAX = 200;
    /**
     * The requester filter matches accounts by name (another module's table), then orders by their ids: at most this
     * many accounts, which no name typed into a filter comes near on a platform of thousands of users.
     */
    static final int REQUESTER_MATCHES_MAX = 1000;

    private final OrderRepository repository;
    private final OrderDetails details;
    private final Workloads workloads;
    private final Projects projects;
    private final UserDirectory users;
    private final Notices notices;
    private final OperationLog operationLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ApprovalService(OrderRepository repository, OrderDetails details, Workloads workloads, Projects projects,
                    UserDirectory users, Notices notices, OperationLog operationLog, TransactionTemplate transaction,
                    Clock clock) {
        this.repository = repository;
        this.details = details;
        this.workloads = workloads;
        this.projects = projects;
        this.users = users;
        this.notices = notices;
        this.operationLog = operationLog;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A page of the orders the signed-in user decides, newest first. */
    @Transactional(readOnly = true)
    public List<OrderRow> list(OrderFilter filter, int offset, int limit) {
        return condition(filter).map(c -> details.rows(repository.page(c, offset, limit))).orElse(List.of());
    }

    @Transactional(readOnly = true)
    public int count(OrderFilter filter) {
        return condition(filter).map(repository::count).orElse(0);
    }

    /** How many orders wait for the signed-in user's decision: the menu's badge. */
    @Transactional(readOnly = true)
    public int waiting() {
        return count(OrderFilter.WAITING);
    }

    /** An order's application, prices, approval record and workload, for one who decides it; else NotFound. */
    @Transactional(readOnly = true)
    public OrderDetail detail(long orderId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        Order order = visible(orderId, me);
        return details.detail(order, true);
    }

    /**
     * Approves a waiting order: its workload goes on to the broker (or to its start time), and its requester is told.
     * The broker is asked at once, after the decision is saved: when the project's quota has filled meanwhile, the
     * workload waits QUEUED and the returned detail says why.
     */
    public OrderDetail approve(long orderId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        long workloadId = transaction.execute(status -> {
            Order order = visible(orderId, me);
            decide(order, Approval.APPROVED, me, null);
            if (!workloads.approve(order.workloadId())) {
                throw new NotAllowed("billing.approval.workload-gone", order.name());
            }
            record("order.approve", order);
            notices.notify(order.userId(), "notice.order.approved", List.of(order.name(),
                    projects.project(order.projectId()).name()), OrderService.PAGE + "/" + order.id());
            return order.workloadId();
        });
        workloads.settle(workloadId);
        return detail(orderId);
    }

    /** Rejects a waiting order with a message (required) that its requester reads on the order and the workload. */
    public OrderDetail reject(long orderId, String message) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw new InvalidInput("message", "field.required");
        }
        if (text.length() > MESSAGE_MAX) {
            throw new InvalidInput("message", "field.too-long", MESSAGE_MAX);
        }
        long workloadId = transaction.execute(status -> {
            Order order = visible(orderId, me);
            decide(order, Approval.REJECTED, me, text);
            if (!workloads.reject(order.workloadId(), text)) {
                throw new NotAllowed("billing.approval.workload-gone", order.name());
            }
            record("order.reject", order);
            notices.notify(order.userId(), "notice.order.rejected", List.of(order.name(),
                    projects.project(order.projectId()).name(), text), OrderService.PAGE + "/" + order.id());
            return order.workloadId();
        });
        workloads.settle(workloadId);
        return detail(orderId);
    }

    /** Saves the decision if the order still waits; else says who decided it, how and when, and changes nothing. */
    private void decide(Order order, Approval decision, SignedInUser me, String message) {
        if (repository.decide(order.id(), decision, me.id(), message, clock.instant())) {
            return;
        }
        Order now = repository.find(order.id()).orElseThrow(() -> new NotFound("order"));
        switch (now.approval()) {
            case APPROVED, REJECTED -> throw new NotAllowed("billing.approval.already-"
                    + now.approval().name().toLowerCase(java.util.Locale.ROOT), name(now.decidedBy()),
                    now.decidedAt());
            default -> throw new NotAllowed("billing.approval.not-required", now.name());
        }
    }

    private void record(String action, Order order) {
        operationLog.record(action, "order:" + order.id(), "oplog.details.order", order.name(),
                name(order.userId()), order.devices(), order.specName());
    }

    /** The order, if the user decides its project's orders; NotFound otherwise, as for one that does not exist. */
    private Order visible(long orderId, SignedInUser me) {
        Order order = repository.find(orderId).orElseThrow(() -> new NotFound("order"));
        if (order.approval() == Approval.NOT_REQUIRED || !decides(me, order.projectId())) {
            throw new NotFound("order");
        }
        return order;
    }

    private boolean decides(SignedInUser me, long projectId) {
        return me.has(Permission.BILLING_MANAGE) || projects.isManager(projectId, me.id());
    }

    /** The list's condition for the signed-in user; empty when nothing can match (manages nothing, nobody named). */
    private java.util.Optional<org.jooq.Condition> condition(OrderFilter filter) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        Collection<Long> projectIds = me.has(Permission.BILLING_MANAGE) ? null : projects.managedBy(me.id());
        if (projectIds != null && projectIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        Collection<Long> requesters = null;
        if (filter.requester() != null && !filter.requester().isBlank()) {
            requesters = users.search(filter.requester().strip(), List.of(), 0, REQUESTER_MATCHES_MAX).stream()
                    .map(UserRef::id).toList();
            if (requesters.isEmpty()) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(OrderRepository.decisions(projectIds, filter, requesters));
    }

    private String name(Long userId) {
        return details.name(userId);
    }
}
