package io.gantry.broker;

import static io.gantry.db.Tables.BROKER_REQUEST;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.project.ProjectService;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.SystemTask;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's service: submit, cancel, release, and the queue with its explanations. Every change runs a
 * scheduling pass right after it is saved, so that freed devices go to the next in line at once.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class BrokerService {

    private static final Logger log = LoggerFactory.getLogger(BrokerService.class);
    private static final int PASS_ATTEMPTS = 10;

    private final BrokerRepository repository;
    private final SchedulingPassService pass;
    private final ProjectService projects;
    private final ClusterService cluster;
    private final OperationLog operationLog;
    private final TransactionTemplate transaction;
    private final SystemTask system;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    BrokerService(BrokerRepository repository, SchedulingPassService pass, ProjectService projects, ClusterService cluster,
                  OperationLog operationLog, TransactionTemplate transaction, SystemTask system, Clock clock,
                  ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.pass = pass;
        this.projects = projects;
        this.cluster = cluster;
        this.operationLog = operationLog;
        this.transaction = transaction;
        this.system = system;
        this.clock = clock;
    }

    /**
     * Asks for devices in a project the user belongs to and that is open. A request no rule allows is refused at once
     * (the explanation names the limit and the numbers); any other is queued and placed as soon as it fits.
     */
    public QueuedRequest submit(RequestForm form) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        projects.requireOpen(form.projectId());
        if (projects.myRole(form.projectId()).isEmpty()) {
            throw new AccessDeniedException("Only members may ask for devices in a project");
        }
        AcceleratorSpec spec = cluster.spec(form.specId());
        long id = transaction.execute(status -> {
            Request draft = new Request(0, form.projectId(), me.id(), form.specId(), form.nodes(),
                    form.devicesPerNode(), form.cpuPerNode(), form.memoryMibPerNode(), form.priority(),
                    form.preemptible(), clock.instant(), form.maxHours());
            Optional<Explanation> refusal = Broker.refusal(draft, pass.limits(Map.of(spec.id(), spec)),
                    cluster.nodes().stream().map(n -> SchedulingPassService.toNode(n, Map.of(spec.id(), spec)))
                            .toList());
            long saved = repository.insert(form, me.id(), refusal.isPresent() ? RequestStatus.REFUSED
                    : RequestStatus.QUEUED, refusal.orElse(null), clock.instant());
            operationLog.record(refusal.isPresent() ? "broker.refuse" : "broker.submit", "request:" + saved,
                    refusal.isPresent() ? "oplog.details.broker-refused" : "oplog.details.broker-request",
                    Phrase.target(form.workload()), form.nodes() == 1
                            ? Phrase.of("broker.shape.single", form.devicesPerNode(), spec.name())
                            : Phrase.of("broker.shape.gang", form.nodes(), form.devicesPerNode(), spec.name()),
                    refusal.map(r -> Phrase.of("broker.reason." + r.reason().name(), r.needed(), spec.name(),
                            r.usableFree(), r.totalFree(), r.limit(), r.held(), r.ahead())).orElse(null));
            return saved;
        });
        schedule();
        return request(id);
    }

    /**
     * Withdraws a queued request. A placed one is refused: the workload it was asked for holds its devices until that
     * workload ends, and only the workload's own feature (stopping the container, say) gives them back.
     */
    public void cancel(long requestId) {
        QueuedRequest request = request(requestId);
        // Conditional on QUEUED, so that a request placed meanwhile is refused too.
        if (end(request, RequestStatus.CANCELLED, "broker.cancel", List.of(RequestStatus.QUEUED))) {
            // The work that waited for it will never start: its feature ends it.
            events.publishEvent(new RequestDecided(requestId, request.workload(), RequestDecided.Decision.CANCELLED,
                    List.of()));
        } else if (request(requestId).status() == RequestStatus.PLACED) {
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
        end(request(requestId), RequestStatus.RELEASED, "broker.release",
                List.of(RequestStatus.QUEUED, RequestStatus.PLACED));
    }

    private boolean end(QueuedRequest request, RequestStatus status, String action, List<RequestStatus> from) {
        boolean ended = Boolean.TRUE.equals(transaction.execute(tx -> {
            if (repository.finish(request.id(), status, null, clock.instant(), from)) {
                operationLog.record(action, "request:" + request.id(), "oplog.details.workload",
                        Phrase.target(request.workload()));
                return true;
            }
            return false;
        }));
        schedule();
        return ended;
    }

    /**
     * Runs a scheduling pass on the caller's thread, in its own transaction; it writes its decisions as the platform's.
     * A pass that lost a race with another replica (a device or a request taken meanwhile) starts over on fresh data.
     */
    public Broker.Outcome schedule() {
        for (int attempt = 1; ; attempt++) {
            try {
                return pass.run();
            } catch (SchedulingPassService.ConcurrentPlacement | DataAccessException race) {
                if (attempt == PASS_ATTEMPTS) {
                    throw race;
                }
                log.debug("Scheduling pass {} lost a race, starting over: {}", attempt, race.getMessage());
                pause(attempt);
            }
        }
    }

    /** Backs off a little, at random, so that racing replicas do not keep colliding. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request, for its owner, its project's managers and platform admins, and for the platform's own work
     * (releasing the devices of a container that ended by itself, say), where no person is signed in.
     */
    public QueuedRequest request(long requestId) {
        var record = repository.byId(requestId).orElseThrow(() -> new NotFound("request"));
        if (!system.isCurrent()) {
            SignedInUser me = CurrentUser.get().orElseThrow();
            if (record.getUserId() != me.id() && !projects.canManage(record.getProjectId())) {
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
}
