package io.gantry.broker;

import static io.gantry.db.Tables.BROKER_REQUEST;

import io.gantry.broker.internal.Broker;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.project.Projects;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.SystemTask;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's service for people: submit, cancel, release, and the queue with its explanations. Every change asks
 * for a scheduling pass once it is saved, so that freed devices go to the next in line at once; the call returns
 * without waiting for it, and changes that arrive together share one pass. Other modules use {@link BrokerRequests}
 * instead, which checks no user and joins their transaction.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class BrokerService {

    private final BrokerRepository repository;
    private final BrokerRequests requests;
    private final Passes passes;
    private final Projects projects;
    private final ClusterInventory cluster;
    private final TransactionTemplate transaction;
    private final SystemTask system;

    BrokerService(BrokerRepository repository, BrokerRequests requests, Passes passes, Projects projects,
                  ClusterInventory cluster, TransactionTemplate transaction, SystemTask system) {
        this.repository = repository;
        this.requests = requests;
        this.passes = passes;
        this.projects = projects;
        this.cluster = cluster;
        this.transaction = transaction;
        this.system = system;
    }

    /**
     * Asks for devices in a project the user belongs to and that is open. A request no rule allows is refused at once
     * (the explanation names the limit and the numbers); any other is queued, and the pass that follows places it as
     * soon as it fits or says why it waits.
     */
    public QueuedRequest submit(RequestForm form) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        boolean member = projects.roleOf(form.projectId(), me.id()).isPresent();
        if (!member && !isAdmin(me)) {
            throw new NotFound("project");
        }
        projects.requireOpen(form.projectId());
        if (!member) {
            throw new AccessDeniedException("Only members may ask for devices in a project");
        }
        long id = transaction.execute(status -> requests.insert(me.id(), form));
        passes.request();
        return request(id);
    }

    /**
     * Withdraws a queued request. A placed one is refused: the workload it was asked for holds its devices until that
     * workload ends, and only the workload's own feature (stopping the container, say) gives them back.
     */
    public void cancel(long requestId) {
        QueuedRequest request = request(requestId);
        boolean withdrawn = Boolean.TRUE.equals(transaction.execute(status -> requests.withdraw(request)));
        if (withdrawn) {
            passes.request();
        }
        if (!withdrawn && request(requestId).status() == RequestStatus.PLACED) {
            throw new NotAllowed("broker.cancel.held", request.workload());
        }
    }

    /**
     * The work ended: its devices go back and the next in line may get them. Said by the platform's own work (the
     * feature whose workload ended, as the system) or a platform admin; a user ends their work by stopping it, so
     * that devices never go back while it still runs.
     */
    public void release(long requestId) {
        if (!system.isCurrent() && !CurrentUser.get().map(me -> me.has(Permission.CLUSTER_MANAGE)).orElse(false)) {
            throw new AccessDeniedException("Devices go back when the work that holds them ends");
        }
        QueuedRequest request = request(requestId);
        if (Boolean.TRUE.equals(transaction.execute(status -> requests.end(request, RequestStatus.RELEASED,
                "broker.release", List.of(RequestStatus.QUEUED, RequestStatus.PLACED))))) {
            passes.request();
        }
    }

    /** Runs a scheduling pass now and waits for its outcome. */
    public Broker.Outcome schedule() {
        return passes.run();
    }

    /**
     * One request, for its owner, its project's managers and platform admins, and for the platform's own work
     * (releasing the devices of a container that ended by itself, say), where no person is signed in.
     */
    public QueuedRequest request(long requestId) {
        var record = repository.byId(requestId).orElseThrow(() -> new NotFound("request"));
        if (!system.isCurrent()) {
            SignedInUser me = CurrentUser.get().orElseThrow();
            if (record.getUserId() != me.id() && !isAdmin(me)
                    && !projects.isManager(record.getProjectId(), me.id())) {
                throw new NotFound("request");
            }
        }
        return repository.find(BROKER_REQUEST.ID.eq(requestId), 0, 1).getFirst();
    }

    /** The signed-in user's own requests, live first, with why each waits. */
    public List<QueuedRequest> mine(int offset, int limit) {
        return repository.find(BROKER_REQUEST.USER_ID.eq(CurrentUser.get().orElseThrow().id()), offset, limit);
    }

    public int countMine() {
        return repository.count(BROKER_REQUEST.USER_ID.eq(CurrentUser.get().orElseThrow().id()));
    }

    /** The whole queue in order, with explanations, for platform admins. */
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public List<QueuedRequest> queue(boolean liveOnly, int offset, int limit) {
        return repository.find(liveOnly ? BROKER_REQUEST.STATUS.in(RequestStatus.QUEUED.name(),
                RequestStatus.PLACED.name()) : DSL.noCondition(), offset, limit);
    }

    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public int countQueue(boolean liveOnly) {
        return repository.count(liveOnly ? BROKER_REQUEST.STATUS.in(RequestStatus.QUEUED.name(),
                RequestStatus.PLACED.name()) : DSL.noCondition());
    }

    /** A page of the signed-in user's own requests, in the asked order (only the list's sort properties). */
    public List<QueuedRequest> mine(RequestStatus status, List<ListSort> sort, int offset, int limit) {
        return repository.find(mineWith(status), sort, offset, limit);
    }

    public int countMine(RequestStatus status) {
        return repository.count(mineWith(status));
    }

    private static Condition mineWith(RequestStatus status) {
        return BROKER_REQUEST.USER_ID.eq(CurrentUser.get().orElseThrow().id()).and(withStatus(status));
    }

    /** A page of the queue, filtered, in the asked order (only the list's sort properties), then in queue order. */
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public List<QueuedRequest> queue(QueueFilter filter, List<ListSort> sort, int offset, int limit) {
        return repository.find(queueWith(filter), sort, offset, limit);
    }

    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public int countQueue(QueueFilter filter) {
        return repository.count(queueWith(filter));
    }

    private static Condition queueWith(QueueFilter filter) {
        return (filter.liveOnly() ? BROKER_REQUEST.STATUS.in(RequestStatus.QUEUED.name(), RequestStatus.PLACED.name())
                : DSL.noCondition())
                .and(withStatus(filter.status()))
                .and(filter.projectId() == null ? DSL.noCondition() : BROKER_REQUEST.PROJECT_ID.eq(filter.projectId()));
    }

    private static Condition withStatus(RequestStatus status) {
        return status == null ? DSL.noCondition() : BROKER_REQUEST.STATUS.eq(status.name());
    }

    /** Spec names for screens that show requests. */
    public Map<Long, String> specNames() {
        return cluster.specs().stream().collect(Collectors.toMap(AcceleratorSpec::id, AcceleratorSpec::name));
    }

    /** A platform admin sees every project, as the project feature's own pages do. */
    private static boolean isAdmin(SignedInUser me) {
        return me.has(Permission.PROJECTS_MANAGE) && !me.mustChangePassword();
    }
}
