package io.gantry.broker;

import static io.gantry.db.Tables.BROKER_REQUEST;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.broker.internal.Broker;
import io.gantry.broker.internal.Request;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.project.Project;
import io.gantry.project.Projects;
import io.gantry.project.SchedulingLimits;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The broker as other modules use it on behalf of the platform or of a user they name: ask for devices, withdraw a
 * queued request, give devices back, read a request. No user check and no signed-in user read: the calling feature
 * has decided that its user may do this (a member of an open project creating a container, say). Each call joins
 * the caller's transaction, and the scheduling pass it calls for runs on the broker's own thread once that
 * transaction has committed; the decision reaches the caller as a {@link RequestDecided} event. People use the broker
 * through {@link BrokerService}.
 */
@Component
@NamedInterface("api")
public class BrokerRequests {

    private final BrokerRepository repository;
    private final Projects projects;
    private final ClusterInventory cluster;
    private final OperationLog operationLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BrokerRequests(BrokerRepository repository, Projects projects, ClusterInventory cluster,
                   OperationLog operationLog, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.projects = projects;
        this.cluster = cluster;
        this.operationLog = operationLog;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks for devices for the user's work. A request no rule allows is refused at once (REFUSED, the explanation
     * names the limit and the numbers); any other is QUEUED and placed by the pass that follows the commit.
     */
    @Transactional
    public QueuedRequest submit(long userId, RequestForm form) {
        long id = insert(userId, form);
        events.publishEvent(new Passes.QueueChanged());
        return request(id);
    }

    /**
     * Withdraws a queued request; its workload hears {@link RequestDecided.Decision#CANCELLED}. A placed one is
     * refused with {@link NotAllowed}: it holds its devices until its workload ends and releases them. A request that
     * has ended already is left as it is.
     */
    @Transactional
    public void cancel(long requestId) {
        QueuedRequest request = request(requestId);
        if (!withdraw(request)) {
            if (request(requestId).status() == RequestStatus.PLACED) {
                throw new NotAllowed("broker.cancel.held", request.workload());
            }
            return;
        }
        events.publishEvent(new Passes.QueueChanged());
    }

    /** The work ended: its devices go back and the next in line may get them. Releasing twice changes nothing. */
    @Transactional
    public void release(long requestId) {
        if (end(request(requestId), RequestStatus.RELEASED, "broker.release",
                List.of(RequestStatus.QUEUED, RequestStatus.PLACED))) {
            events.publishEvent(new Passes.QueueChanged());
        }
    }

    /** A request as it stands, with why it waits and where it was placed. */
    @Transactional(readOnly = true)
    public QueuedRequest request(long requestId) {
        return repository.find(BROKER_REQUEST.ID.eq(requestId), 0, 1).stream().findFirst()
                .orElseThrow(() -> new NotFound("request"));
    }

    /**
     * What would become of this request if the user asked for it now, without asking: refused (and why), placed at
     * once, or waiting (and why, as the queue stands). Runs the same rules and the same scheduling pass as a real
     * request, on a copy of the cluster's grants and queue; writes nothing.
     */
    @Transactional(readOnly = true)
    public Preview preview(long userId, RequestForm form) {
        AcceleratorSpec spec = cluster.spec(form.specId());
        Map<Long, AcceleratorSpec> specs = cluster.specs().stream()
                .collect(java.util.stream.Collectors.toMap(AcceleratorSpec::id, s -> s));
        // Never an id of a saved request: the pass tells this one apart from the queue's.
        Request draft = new Request(PREVIEW_ID, form.projectId(), userId, form.specId(), form.nodes(),
                form.devicesPerNode(), form.cpuPerNode(), form.memoryMibPerNode(), form.priority(),
                form.preemptible(), clock.instant(), form.maxHours());
        List<io.gantry.broker.internal.Node> nodes = cluster.nodes().stream()
                .map(n -> SchedulingPassService.toNode(n, specs)).toList();
        Project project = projects.project(form.projectId());
        Optional<Explanation> refusal = Broker.refusal(draft, SchedulingPassService.limits(Map.of(spec.id(), spec),
                List.of(new SchedulingLimits(project.id(), projects.quotas(project.id()),
                        project.limits().maxJobHours()))), nodes);
        if (refusal.isPresent()) {
            return new Preview(Preview.Outcome.REFUSED, refusal.get());
        }
        List<Request> queue = new java.util.ArrayList<>(repository.queued().stream()
                .map(BrokerRepository.Waiting::request).toList());
        queue.add(draft);
        Broker.Outcome outcome = Broker.schedule(new io.gantry.broker.internal.ClusterState(nodes,
                repository.grants()), queue, SchedulingPassService.limits(specs, projects.schedulingLimits()),
                clock.instant());
        if (Broker.byRequest(outcome).containsKey(PREVIEW_ID)) {
            return new Preview(Preview.Outcome.STARTS, null);
        }
        return new Preview(Preview.Outcome.WAITS, outcome.waiting().get(PREVIEW_ID));
    }

    private static final long PREVIEW_ID = -2;

    /** The devices of a spec the project's placed requests hold now. */
    @Transactional(readOnly = true)
    public int held(long projectId, long specId) {
        return repository.useByProject(List.of(projectId))
                .getOrDefault(projectId, io.gantry.shared.WorkloadUsage.ProjectUse.NONE).devicesPerSpec()
                .getOrDefault(specId, 0);
    }

    /**
     * What {@link #preview} found.
     *
     * @param explanation why it would be refused or wait; null when it would be placed at once
     */
    public record Preview(Outcome outcome, Explanation explanation) {

        public enum Outcome { STARTS, WAITS, REFUSED }
    }

    /** Saves a request, refused at once if no rule allows it, with its line in the operation log. */
    long insert(long userId, RequestForm form) {
        AcceleratorSpec spec = cluster.spec(form.specId());
        Request draft = new Request(0, form.projectId(), userId, form.specId(), form.nodes(), form.devicesPerNode(),
                form.cpuPerNode(), form.memoryMibPerNode(), form.priority(), form.preemptible(), clock.instant(),
                form.maxHours());
        Project project = projects.project(form.projectId());
        Optional<Explanation> refusal = Broker.refusal(draft, SchedulingPassService.limits(Map.of(spec.id(), spec),
                        List.of(new SchedulingLimits(project.id(), projects.quotas(project.id()),
                                project.limits().maxJobHours()))),
                cluster.nodes().stream().map(n -> SchedulingPassService.toNode(n, Map.of(spec.id(), spec))).toList());
        long saved = repository.insert(form, userId, refusal.isPresent() ? RequestStatus.REFUSED
                : RequestStatus.QUEUED, refusal.orElse(null), clock.instant());
        operationLog.record(refusal.isPresent() ? "broker.refuse" : "broker.submit", "request:" + saved,
                refusal.isPresent() ? "oplog.details.broker-refused" : "oplog.details.broker-request",
                Phrase.target(form.workload()), form.nodes() == 1
                        ? Phrase.of("broker.shape.single", form.devicesPerNode(), spec.name())
                        : Phrase.of("broker.shape.gang", form.nodes(), form.devicesPerNode(), spec.name()),
                refusal.map(r -> Phrase.of("broker.reason." + r.reason().name(), r.needed(), spec.name(),
                        r.usableFree(), r.totalFree(), r.limit(), r.held(), r.ahead())).orElse(null));
        return saved;
    }

    /** Cancels a request that is still queued and tells its workload; false when it was not queued any more. */
    boolean withdraw(QueuedRequest request) {
        // Conditional on QUEUED, so that a request placed meanwhile is refused.
        if (!end(request, RequestStatus.CANCELLED, "broker.cancel", List.of(RequestStatus.QUEUED))) {
            return false;
        }
        // The work that waited for it will never start: its feature ends it.
        events.publishEvent(new RequestDecided(request.id(), request.workload(), RequestDecided.Decision.CANCELLED,
                List.of()));
        return true;
    }

    boolean end(QueuedRequest request, RequestStatus status, String action, List<RequestStatus> from) {
        if (repository.finish(request.id(), status, null, clock.instant(), from)) {
            operationLog.record(action, "request:" + request.id(), "oplog.details.workload",
                    Phrase.target(request.workload()));
            return true;
        }
        return false;
    }
}
