package io.gantry.billing;

import io.gantry.broker.BrokerRequests;
import io.gantry.broker.Explanation;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestStatus;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.Projects;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadKind;
import io.gantry.workload.Workloads;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The read models of orders for the approvals page and the requester's order records, built once for both. No user
 * check: the services that call it decided the reader may see the order. Joins the caller's transaction.
 */
@Component
class OrderDetails {

    private final Workloads workloads;
    private final List<WorkloadKind> kinds;
    private final BrokerRequests broker;
    private final Projects projects;
    private final UserDirectory users;

    OrderDetails(Workloads workloads, List<WorkloadKind> kinds, BrokerRequests broker, Projects projects,
                 UserDirectory users) {
        this.workloads = workloads;
        this.kinds = kinds;
        this.broker = broker;
        this.projects = projects;
        this.users = users;
    }

    /** A page of orders with their requesters' and projects' names, each name read once. */
    List<OrderRow> rows(List<Order> orders) {
        Set<Long> userIds = new LinkedHashSet<>();
        orders.forEach(o -> userIds.add(o.userId()));
        Map<Long, UserRef> names = userIds.isEmpty() ? Map.of() : users.byId(userIds);
        Map<Long, String> projectNames = new HashMap<>();
        return orders.stream().map(o -> new OrderRow(o, label(names.get(o.userId())),
                projectNames.computeIfAbsent(o.projectId(), id -> projects.project(id).name()))).toList();
    }

    /**
     * An order with its names, its rate and its workload as it stands now.
     *
     * @param decider whether the reader decides the orders of the order's project
     */
    OrderDetail detail(Order order, boolean decider) {
        Workload workload = workloads.find(order.workloadId()).orElse(null);
        Explanation waiting = null;
        if (workload != null && (workload.phase() == Phase.QUEUED || workload.phase() == Phase.FAILED)
                && workload.brokerRequestId() != null) {
            // Through the broker's internal API: the reader may see the order, so may read why its request waits.
            QueuedRequest request = broker.request(workload.brokerRequestId());
            if (request.status() == RequestStatus.QUEUED || request.status() == RequestStatus.REFUSED) {
                waiting = request.explanation();
            }
        }
        String page = workload == null ? null : kinds.stream().filter(k -> k.name().equals(workload.kind()))
                .findFirst().map(k -> k.page(workload)).orElse(null);
        boolean decidable = decider && order.approval() == Approval.PENDING && workload != null
                && workload.phase() == Phase.PENDING_APPROVAL;
        return new OrderDetail(order, name(order.userId()), projects.project(order.projectId()).name(),
                name(order.decidedBy()), order.rate(), workload == null ? null : workload.phase(),
                workload == null ? null : workload.reason(),
                workload == null ? List.of() : workload.reasonArguments(), waiting, page, decidable);
    }

    /** An account's name as screens show it; null for none, or for one that is gone. */
    String name(Long userId) {
        return userId == null ? null : label(users.byId(List.of(userId)).get(userId));
    }

    private static String label(UserRef user) {
        return user == null ? null : user.label();
    }
}
