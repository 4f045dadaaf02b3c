package io.gantry.cluster;

import io.gantry.audit.OperationLog;
import io.gantry.runtime.RuntimeNode;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.db.tables.records.NodeRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the runtime keeps the inventory (a cluster's API), Gantry's nodes follow it: at the start and on every
 * inventory interval, each cluster node is added or brought up to date (its spec, devices, CPU, memory, address and
 * labels), and a node that left the cluster or turned unschedulable there is cordoned here, with the reason in the
 * operation log, so that the broker gives it no new work and looks at its waiting requests again. Where the
 * runtime keeps no inventory (the local runtime) nothing happens.
 */
@Component
@Order(11)
class RuntimeNodeInventory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RuntimeNodeInventory.class);
    static final String SYSTEM = "system";

    private final WorkloadRuntime runtime;
    private final ClusterRepository repository;
    private final OperationLog operationLog;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RuntimeNodeInventory(WorkloadRuntime runtime, ClusterRepository repository, OperationLog operationLog,
                         ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.runtime = runtime;
        this.repository = repository;
        this.operationLog = operationLog;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The first sync, at the start; a cluster that does not answer yet is synced by the periodic job. */
    @Override
    public void run(ApplicationArguments args) {
        try {
            sync();
        } catch (RuntimeException e) {
            // Never a reason not to start: the periodic job syncs again.
            log.warn("Nodes not synced from the {} runtime at the start: {}", runtime.name(), e.getMessage());
        }
    }

    /**
     * Brings Gantry's nodes in line with the runtime's; one sync at a time in this replica (the one at the start and
     * the periodic job's), and another replica's naming the same new node is one upsert.
     *
     * @return whether the runtime keeps the inventory (false: nothing was done)
     * @throws WorkloadRuntime.Unavailable when the runtime cannot be asked now (nothing is changed)
     */
    synchronized boolean sync() {
        Optional<List<RuntimeNode>> listed = runtime.nodes();
        if (listed.isEmpty()) {
            return false;
        }
        List<NodesChanged> changes = new ArrayList<>();
        transaction.executeWithoutResult(tx -> changes.addAll(apply(listed.get())));
        // After the commit, as a cordon by hand: the broker's node-change pass sees the nodes as they now are.
        changes.forEach(events::publishEvent);
        return true;
    }

    private List<NodesChanged> apply(List<RuntimeNode> nodes) {
        List<AcceleratorSpec> specs = repository.specs();
        Map<String, RuntimeNode> byName = nodes.stream()
                .filter(node -> {
                    if (node.name().length() > RuntimeNodes.NAME_MAX) {
                        log.warn("Cluster node {} is left out: its name is longer than {} characters", node.name(),
                                RuntimeNodes.NAME_MAX);
                        return false;
                    }
                    return true;
                })
                .collect(Collectors.toMap(RuntimeNode::name, Function.identity(), (a, b) -> a));
        List<NodesChanged> changes = new ArrayList<>();
        for (RuntimeNode node : byName.values()) {
            boolean known = repository.nodeNamed(node.name()).isPresent();
            Optional<AcceleratorSpec> spec = RuntimeNodes.specOf(node, specs);
            repository.upsertNode(node.name(), node.address() == null || node.address().isBlank() ? node.name()
                            : node.address(), spec.map(AcceleratorSpec::id).orElse(null),
                    spec.map(s -> RuntimeNodes.devices(node, s)).orElse(0), node.cpuCores(), node.memoryMib(),
                    RuntimeNodes.labels(node.labels()), false, clock.instant());
            NodeRecord record = repository.nodeNamed(node.name()).orElseThrow();
            if (!known) {
                operationLog.recordAs(SYSTEM, OperationLog.currentAddress(), "node.add", "node:" + node.name(),
                        "cluster.node.from-runtime", runtime.name());
                changes.add(new NodesChanged(record.getId(), record.getSchedulable()));
            }
            if (!node.schedulable() && record.getSchedulable()) {
                changes.add(cordon(record, "cluster.node.cordoned-unschedulable"));
            }
        }
        for (NodeInfo node : repository.nodes()) {
            if (!node.simulated() && node.schedulable() && !byName.containsKey(node.name())) {
                changes.add(cordon(repository.node(node.id()).orElseThrow(), "cluster.node.cordoned-gone"));
            }
        }
        return changes;
    }

    private NodesChanged cordon(NodeRecord node, String reason) {
        repository.setSchedulable(node.getId(), false);
        operationLog.recordAs(SYSTEM, OperationLog.currentAddress(), "node.cordon", "node:" + node.getName(), reason,
                runtime.name());
        log.info("Node {} cordoned: {}", node.getName(), reason);
        return new NodesChanged(node.getId(), false);
    }
}
