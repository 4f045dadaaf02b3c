package io.gantry.broker;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.broker.internal.Broker;
import io.gantry.broker.internal.ClusterState;
import io.gantry.broker.internal.Limits;
import io.gantry.broker.internal.Node;
import io.gantry.broker.internal.Request;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.cluster.NodeInfo;
import io.gantry.cluster.PodLimits;
import io.gantry.project.Projects;
import io.gantry.project.Quota;
import io.gantry.project.SchedulingLimits;
import io.gantry.shared.SystemTask;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One scheduling pass against the database, in its own transaction: reads the cluster, the live grants and the
 * queue, lets the {@link Broker} decide, and writes the decisions, in the operation log as the platform's own (a pass
 * decides for nobody in particular, whoever's change started it). A device given twice is impossible: the database's
 * unique (node, device) constraint refuses it, and the caller starts the pass over.
 */
@Component
class SchedulingPassService {

    /** Nodes without accelerators still offer CPU and memory to requests for no devices. */
    static final long NO_SPEC = -1;

    private static final Logger log = LoggerFactory.getLogger(SchedulingPassService.class);

    private final BrokerRepository repository;
    private final ClusterInventory cluster;
    private final Projects projects;
    private final OperationLog operationLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SchedulingPassService(BrokerRepository repository, ClusterInventory cluster, Projects projects,
                          OperationLog operationLog, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.cluster = cluster;
        this.projects = projects;
        this.operationLog = operationLog;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Broker.Outcome run() {
        // Passes run one at a time across replicas: each reads the grants after the previous one committed.
        repository.lockPasses();
        // The queue before the nodes: a request it holds was submitted before the nodes are read, so a node change
        // made before that submit (a cordon, say) is seen, and the request is never placed by nodes as they were.
        Map<Long, BrokerRepository.Waiting> queue = new LinkedHashMap<>();
        repository.queued().forEach(w -> queue.put(w.request().id(), w));
        Map<Long, AcceleratorSpec> specs = cluster.specs().stream()
                .collect(Collectors.toMap(AcceleratorSpec::id, Function.identity()));
        List<NodeInfo> nodeInfos = cluster.nodes();
        List<Node> nodes = nodeInfos.stream().map(n -> toNode(n, specs)).toList();
        Map<Long, String> nodeNames = nodeInfos.stream().collect(Collectors.toMap(NodeInfo::id, NodeInfo::name));
        Limits limits = limits(specs, projects.schedulingLimits());
        ClusterState state = new ClusterState(nodes, repository.grants());
        Broker.Outcome outcome = Broker.schedule(state, queue.values().stream()
                .map(BrokerRepository.Waiting::request).toList(), limits, clock.instant());
        for (Broker.Eviction eviction : outcome.evicted()) {
            Request victim = eviction.victim().request();
            repository.finish(victim.id(), RequestStatus.PREEMPTED,
                    Explanation.of(Explanation.Reason.PREEMPTED, victim.devices(), 0, 0), clock.instant());
            operationLog.recordAs(SystemTask.SYSTEM, null, "broker.preempt", "request:" + victim.id(),
                    "oplog.details.preempted-for",
                    String.valueOf(eviction.forRequest().id()));
            events.publishEvent(new RequestDecided(victim.id(), repository.workloadOf(victim.id()),
                    RequestDecided.Decision.PREEMPTED, List.of()));
        }
        List<Grant> grants = outcome.placed().stream()
                .map(p -> Broker.grantOf(p.request(), p.slots(), clock.instant())).toList();
        if (!repository.place(grants)) {
            throw new ConcurrentPlacement();
        }
        for (Grant grant : grants) {
            long id = grant.request().id();
            operationLog.recordAs(SystemTask.SYSTEM, null, "broker.place", "request:" + id, "oplog.details.slots",
                    describe(grant.slots(), nodeNames));
            events.publishEvent(new RequestDecided(id, queue.get(id).workload(), RequestDecided.Decision.PLACED,
                    grant.slots()));
        }
        // Only what changed is written: with nothing new, a pass writes nothing.
        Map<Long, Explanation> changed = new LinkedHashMap<>();
        outcome.waiting().forEach((id, why) -> {
            if (!why.equals(queue.get(id).explanation())) {
                changed.put(id, why);
            }
        });
        repository.explain(changed);
        if (!outcome.settled()) {
            log.warn("A scheduling pass stopped after {} rounds before the queue settled; another pass follows",
                    Broker.MAX_ROUNDS);
        }
        return outcome;
    }

    /** Another replica decided about the same request first; the pass starts over on fresh data. */
    static final class ConcurrentPlacement extends RuntimeException {
        ConcurrentPlacement() {
            super("A request was decided by another pass or withdrawn meanwhile");
        }
    }

    /** The limits of these projects on these specs. */
    static Limits limits(Map<Long, AcceleratorSpec> specs, List<SchedulingLimits> projects) {
        Map<String, Integer> quota = new HashMap<>();
        Map<String, Integer> perUser = new HashMap<>();
        Map<Long, Integer> maxHours = new HashMap<>();
        for (SchedulingLimits project : projects) {
            for (Quota q : project.quotas()) {
                quota.put(Limits.key(project.projectId(), q.specId()), q.devices());
                if (q.maxPerUser() != null) {
                    perUser.put(Limits.key(project.projectId(), q.specId()), q.maxPerUser());
                }
            }
            if (project.maxJobHours() != null) {
                maxHours.put(project.projectId(), project.maxJobHours());
            }
        }
        Map<Long, List<Integer>> counts = new HashMap<>();
        Map<Long, PodLimits> pods = new HashMap<>();
        specs.values().forEach(s -> {
            counts.put(s.id(), s.allowedCounts());
            pods.put(s.id(), s.podLimits());
        });
        return new Limits(quota, perUser, maxHours, counts, pods);
    }

    static Node toNode(NodeInfo node, Map<Long, AcceleratorSpec> specs) {
        AcceleratorSpec spec = node.specId() == null ? null : specs.get(node.specId());
        return new Node(node.id(), spec == null ? NO_SPEC : spec.id(), spec == null ? 0 : node.deviceCount(),
                spec == null ? 1 : spec.topologyGroupSize(), node.cpuCores(), node.memoryMib(), node.schedulable());
    }

    /** Where a placement went, for the operation log: each node by name, with its device indexes. */
    private static List<Phrase> describe(List<Grant.Slot> slots, Map<Long, String> nodeNames) {
        return slots.stream().map(s -> Phrase.of("oplog.details.slot",
                nodeNames.getOrDefault(s.nodeId(), "#" + s.nodeId()), s.devices())).toList();
    }
}
