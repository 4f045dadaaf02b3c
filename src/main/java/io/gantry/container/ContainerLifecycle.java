package io.gantry.container;

import io.gantry.broker.BrokerService;
import io.gantry.broker.Grant;
import io.gantry.broker.RequestDecided;
import io.gantry.broker.RequestStatus;
import io.gantry.runtime.ReconcileResult;
import io.gantry.runtime.WorkloadEnded;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import io.gantry.shared.SystemTask;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves containers through their lifecycle on what others decide: the broker placed or evicted one, the runtime
 * saw one end, or the app started again and must reconcile with what still runs. Each transition is conditional on
 * the state the container was in, so a stop racing a start leaves one consistent outcome.
 */
@Component
class ContainerLifecycle implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ContainerLifecycle.class);
    private static final String WORKLOAD_PREFIX = "container:";

    private final ContainerRepository repository;
    private final ContainerAccess access;
    private final WorkloadRuntime runtime;
    private final BrokerService broker;
    private final SystemTask system;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Starting a workload takes a moment; the broker's pass must not wait for it. */
    private final ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor();

    ContainerLifecycle(ContainerRepository repository, ContainerAccess access, WorkloadRuntime runtime,
                       BrokerService broker, SystemTask system, TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.access = access;
        this.runtime = runtime;
        this.broker = broker;
        this.system = system;
        this.transaction = transaction;
        this.clock = clock;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RequestDecided decision) {
        if (decision.workload() == null || !decision.workload().startsWith(WORKLOAD_PREFIX)) {
            return;
        }
        long containerId = Long.parseLong(decision.workload().substring(WORKLOAD_PREFIX.length()));
        starter.execute(() -> system.run(() -> {
            try {
                if (decision.decision() == RequestDecided.Decision.PLACED) {
                    placed(containerId, decision.requestId(), decision.slots());
                } else {
                    end(containerId, WorkloadState.FAILED, "container.reason.preempted", List.of(), null, true);
                }
            } catch (RuntimeException e) {
                log.error("Container {} could not follow the broker's decision {}", containerId, decision, e);
            }
            return null;
        }));
    }

    @EventListener
    void on(WorkloadEnded ended) {
        WorkloadStatus status = ended.status();
        Optional<Long> container = Container.containerId(status.workloadId());
        if (container.isEmpty() || !ended.runtime().equals(runtime.name())) {
            return;
        }
        long containerId = container.get();
        starter.execute(() -> system.run(() -> {
            try {
                end(containerId, status.state(), status.reason(), status.reasonArguments(), status.exitCode(), false);
            } catch (RuntimeException e) {
                log.error("Container {} could not follow its workload's end {}", containerId, status, e);
            }
            return null;
        }));
    }

    /** Starts a placed container in the runtime; a container stopped or deleted meanwhile gives its devices back. */
    void placed(long containerId, long requestId, List<Grant.Slot> slots) {
        Container container = repository.find(containerId).orElse(null);
        if (container == null || container.state() != ContainerState.QUEUED) {
            if (container == null || !container.state().isLive()) {
                broker.release(requestId);
            }
            return;
        }
        Grant.Slot slot = slots.getFirst();
        boolean creating = Boolean.TRUE.equals(transaction.execute(status -> {
            repository.setPlacement(containerId, slot.nodeId(), slot.devices());
            return repository.transition(containerId, List.of(ContainerState.QUEUED), ContainerState.CREATING, null,
                    List.of(), clock.instant());
        }));
        if (!creating) {
            return;
        }
        WorkloadStatus started;
        try {
            started = runtime.start(access.workloadSpec(repository.find(containerId).orElseThrow()));
        } catch (RuntimeException e) {
            log.warn("Container {} did not start", containerId, e);
            started = new WorkloadStatus(Container.workloadId(containerId), WorkloadState.FAILED, null,
                    "runtime.reason.start-failed", List.of(String.valueOf(e.getMessage())), clock.instant());
        }
        if (started.state() == WorkloadState.RUNNING) {
            boolean running = Boolean.TRUE.equals(transaction.execute(status -> repository.transition(containerId,
                    List.of(ContainerState.CREATING), ContainerState.RUNNING, null, List.of(), clock.instant())));
            if (!running) {
                // Stopped while it was being created: the stop found nothing to stop yet, so stop it here.
                runtime.stop(Container.workloadId(containerId), access.stopGrace());
            }
        } else {
            WorkloadStatus failed = started;
            transaction.executeWithoutResult(status -> repository.transition(containerId,
                    List.of(ContainerState.CREATING), ContainerState.FAILED, failed.reason(),
                    failed.reasonArguments(), clock.instant()));
            broker.release(requestId);
        }
    }

    /** A container ended without being stopped: it fails with the reason, and its devices go back. */
    private void end(long containerId, WorkloadState state, String reason, List<String> arguments, Integer exitCode,
                     boolean stopWorkload) {
        Container container = repository.find(containerId).orElse(null);
        if (container == null) {
            return;
        }
        if (stopWorkload) {
            runtime.stop(container.workloadId(), access.stopGrace());
        }
        ContainerState to = state == WorkloadState.SUCCEEDED || state == WorkloadState.STOPPED
                ? ContainerState.STOPPED : ContainerState.FAILED;
        boolean moved = Boolean.TRUE.equals(transaction.execute(status -> {
            repository.setExitCode(containerId, exitCode);
            return repository.transition(containerId, List.of(ContainerState.QUEUED, ContainerState.CREATING,
                    ContainerState.RUNNING), to, reason, arguments, clock.instant());
        }));
        if (moved && container.brokerRequestId() != null && !stopWorkload) {
            broker.release(container.brokerRequestId());
        }
    }

    /**
     * After a restart: running containers whose workload still lives are served again; the ones that are gone fail
     * and give their devices back; workloads nobody expects are stopped; a container placed while the app was down
     * starts now.
     */
    @EventListener(ApplicationReadyEvent.class)
    void reconcile() {
        system.run(() -> {
            try {
                reconcileNow();
            } catch (RuntimeException e) {
                log.error("Reconciling containers with the {} runtime failed", runtime.name(), e);
            }
            return null;
        });
    }

    ReconcileResult reconcileNow() {
        List<Container> inRuntime = repository.inStates(List.of(ContainerState.CREATING, ContainerState.RUNNING,
                ContainerState.STOPPING));
        Map<String, WorkloadSpec> expected = new HashMap<>();
        for (Container container : inRuntime) {
            if (container.state() == ContainerState.RUNNING) {
                expected.put(container.workloadId(), access.workloadSpec(container));
            }
        }
        ReconcileResult result = runtime.reconcile(expected);
        for (WorkloadStatus lost : result.lost()) {
            long id = Container.containerId(lost.workloadId()).orElseThrow();
            end(id, WorkloadState.FAILED, lost.reason(), lost.reasonArguments(), null, false);
        }
        for (Container container : inRuntime) {
            if (container.state() == ContainerState.CREATING
                    && !runtime.inspect(container.workloadId()).state().isLive()) {
                end(container.id(), WorkloadState.FAILED, "runtime.reason.lost", List.of(), null, false);
            } else if (container.state() == ContainerState.STOPPING) {
                transaction.executeWithoutResult(status -> repository.transition(container.id(),
                        List.of(ContainerState.STOPPING), ContainerState.STOPPED, null, List.of(), clock.instant()));
                if (container.brokerRequestId() != null) {
                    broker.release(container.brokerRequestId());
                }
            }
        }
        for (Container queued : repository.inStates(List.of(ContainerState.QUEUED))) {
            if (queued.brokerRequestId() != null) {
                var request = broker.request(queued.brokerRequestId());
                if (request.status() == RequestStatus.PLACED) {
                    placed(queued.id(), request.id(), request.slots());
                }
            }
        }
        return result;
    }

    @Override
    public void destroy() {
        starter.shutdown();
    }
}
