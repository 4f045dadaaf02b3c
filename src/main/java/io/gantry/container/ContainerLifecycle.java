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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves containers through their lifecycle on what others decide: the broker placed or evicted one, the runtime
 * saw one end, a stop was asked for, or the app started again and must reconcile with what still runs. Each
 * transition is conditional on the state the container was in, so a stop racing a start leaves one consistent
 * outcome.
 *
 * <p>Several replicas may share one database, each with a runtime of its own. A container records the runtime
 * instance that started it, and only that replica acts on its workload: a stop asked through another replica is
 * the state STOPPING in the database, which the holder's periodic check carries out; devices go back only after the
 * holder has ended the process.
 */
@Component
class ContainerLifecycle implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ContainerLifecycle.class);
    private static final String WORKLOAD_PREFIX = "container:";
    private static final List<ContainerState> IN_RUNTIME = List.of(ContainerState.CREATING, ContainerState.RUNNING,
            ContainerState.STOPPING);

    private final ContainerRepository repository;
    private final ContainerAccess access;
    private final WorkloadRuntime runtime;
    private final RuntimeInstance instance;
    private final BrokerService broker;
    private final SystemTask system;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration checkInterval;
    /** Starting a workload takes a moment; the broker's pass must not wait for it. */
    private final ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor();
    /** Carries out the stops asked for through any replica, for the containers this one holds. */
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("container-check").factory());
    /** Containers this replica is starting right now: a stop asked meanwhile is carried out when the start returns. */
    private final Set<Long> starting = ConcurrentHashMap.newKeySet();
    /** Stops of one container run one at a time; a fixed set of locks keeps this bounded however many there were. */
    private final Object[] stopLocks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

    ContainerLifecycle(ContainerRepository repository, ContainerAccess access, WorkloadRuntime runtime,
                       RuntimeInstance instance, BrokerService broker, SystemTask system,
                       TransactionTemplate transaction, Clock clock,
                       @Value("${gantry.container.check-interval:3s}") Duration checkInterval) {
        this.repository = repository;
        this.access = access;
        this.runtime = runtime;
        this.instance = instance;
        this.broker = broker;
        this.system = system;
        this.transaction = transaction;
        this.clock = clock;
        this.checkInterval = checkInterval;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RequestDecided decision) {
        if (decision.workload() == null || !decision.workload().startsWith(WORKLOAD_PREFIX)) {
            return;
        }
        long containerId = Long.parseLong(decision.workload().substring(WORKLOAD_PREFIX.length()));
        starter.execute(() -> system.run(() -> {
            try {
                switch (decision.decision()) {
                    case PLACED -> placed(containerId, decision.requestId(), decision.slots());
                    case PREEMPTED -> preempted(containerId);
                    case CANCELLED -> transaction.executeWithoutResult(status -> repository.transition(containerId,
                            List.of(ContainerState.QUEUED), ContainerState.STOPPED, "container.reason.withdrawn",
                            List.of(), clock.instant()));
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
                ended(containerId, status.state(), status.reason(), status.reasonArguments(), status.exitCode());
            } catch (RuntimeException e) {
                log.error("Container {} could not follow its workload's end {}", containerId, status, e);
            }
            return null;
        }));
    }

    /**
     * Starts a placed container in this replica's runtime, if this replica claims it first; a container stopped or
     * deleted meanwhile gives its devices back.
     */
    void placed(long containerId, long requestId, List<Grant.Slot> slots) {
        Container container = repository.find(containerId).orElse(null);
        if (container == null || container.state() != ContainerState.QUEUED) {
            if (container == null || !container.state().isLive()) {
                release(requestId);
            }
            return;
        }
        Grant.Slot slot = slots.getFirst();
        starting.add(containerId);
        try {
            boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> repository.claim(containerId,
                    instance.id(), slot.nodeId(), slot.devices(), clock.instant())));
            if (!claimed) {
                // Stopped meanwhile (it never starts: nothing uses the devices), or another replica claimed it.
                Container now = repository.find(containerId).orElse(null);
                if (now == null || !now.state().isLive()) {
                    release(requestId);
                }
                return;
            }
            start(containerId, requestId);
        } finally {
            starting.remove(containerId);
        }
    }

    private void start(long containerId, long requestId) {
        WorkloadSpec spec;
        try {
            spec = access.workloadSpec(repository.find(containerId).orElseThrow());
        } catch (RuntimeException e) {
            // A secret that does not decrypt (another replica's key, say) fails this container alone.
            log.warn("Container {} cannot start: {}", containerId, e.getMessage());
            fail(containerId, List.of(ContainerState.CREATING), "container.reason.unreadable",
                    List.of(String.valueOf(e.getMessage())), requestId);
            return;
        }
        WorkloadStatus started;
        try {
            started = runtime.start(spec);
        } catch (RuntimeException e) {
            log.warn("Container {} did not start", containerId, e);
            started = new WorkloadStatus(Container.workloadId(containerId), WorkloadState.FAILED, null,
                    "runtime.reason.start-failed", List.of(String.valueOf(e.getMessage())), clock.instant());
        }
        if (started.state() == WorkloadState.RUNNING) {
            boolean running = Boolean.TRUE.equals(transaction.execute(status -> repository.transition(containerId,
                    List.of(ContainerState.CREATING), ContainerState.RUNNING, null, List.of(), clock.instant())));
            if (!running) {
                // A stop (or an eviction) was asked while it was being created: carry it out now that it runs.
                finishStop(containerId);
            }
        } else {
            runtime.stop(Container.workloadId(containerId), access.stopGrace());
            fail(containerId, List.of(ContainerState.CREATING, ContainerState.STOPPING), started.reason(),
                    started.reasonArguments(), requestId);
        }
    }

    private void fail(long containerId, List<ContainerState> from, String reason, List<String> arguments,
                      Long requestId) {
        boolean moved = Boolean.TRUE.equals(transaction.execute(status -> repository.transition(containerId, from,
                ContainerState.FAILED, reason, arguments, clock.instant())));
        if (moved && requestId != null) {
            release(requestId);
        }
    }

    /**
     * Asks for a container to stop: STOPPING is recorded, and the replica that holds its workload ends it (at once
     * when that is this replica). False when it was not running or being created.
     */
    boolean requestStop(long containerId, String reason, List<String> arguments) {
        boolean asked = Boolean.TRUE.equals(transaction.execute(status -> repository.transition(containerId,
                List.of(ContainerState.RUNNING, ContainerState.CREATING), ContainerState.STOPPING, reason, arguments,
                clock.instant())));
        if (asked) {
            Container container = repository.find(containerId).orElseThrow();
            if (instance.holds(container) && !starting.contains(containerId)) {
                finishStop(containerId);
            }
        }
        return asked;
    }

    /**
     * Ends a STOPPING container's workload in this replica's runtime, then records it ended and gives its devices
     * back, in that order: the devices never go to other work while the process may still run. It ends FAILED when
     * the stop had a reason (an eviction), STOPPED otherwise.
     */
    void finishStop(long containerId) {
        // One at a time per container: the periodic check may race a stop through this replica, and the caller of
        // the latter returns only once the devices are back.
        synchronized (stopLocks[(int) Math.floorMod(containerId, (long) stopLocks.length)]) {
            finishStopNow(containerId);
        }
    }

    private void finishStopNow(long containerId) {
        Container container = repository.find(containerId).orElse(null);
        if (container == null || container.state() != ContainerState.STOPPING) {
            return;
        }
        runtime.stop(container.workloadId(), access.stopGrace());
        ContainerState to = container.reason() == null ? ContainerState.STOPPED : ContainerState.FAILED;
        transaction.executeWithoutResult(status -> repository.transition(containerId,
                List.of(ContainerState.STOPPING), to, container.reason(), container.reasonArguments(),
                clock.instant()));
        // The process has ended by now: the devices go back (releasing twice changes nothing).
        if (container.brokerRequestId() != null) {
            release(container.brokerRequestId());
        }
    }

    /** Gives a request's devices back, as the platform: the work that held them has ended. */
    void release(long requestId) {
        system.run(() -> {
            broker.release(requestId);
            return null;
        });
    }

    /** The broker evicted it: it stops where it runs, and fails with the reason. */
    private void preempted(long containerId) {
        Container container = repository.find(containerId).orElse(null);
        if (container == null) {
            return;
        }
        if (container.state() == ContainerState.QUEUED) {
            transaction.executeWithoutResult(status -> repository.transition(containerId,
                    List.of(ContainerState.QUEUED), ContainerState.FAILED, "container.reason.preempted", List.of(),
                    clock.instant()));
            return;
        }
        requestStop(containerId, "container.reason.preempted", List.of());
    }

    /** A container's workload ended without being stopped: it ends with the reason, and its devices go back. */
    private void ended(long containerId, WorkloadState state, String reason, List<String> arguments,
                       Integer exitCode) {
        Container container = repository.find(containerId).orElse(null);
        // Only the holder's runtime speaks for a workload; another replica's runtime knows nothing of it.
        if (container == null || (container.runtimeInstance() != null && !instance.holds(container))) {
            return;
        }
        ContainerState to = state == WorkloadState.SUCCEEDED || state == WorkloadState.STOPPED
                ? ContainerState.STOPPED : ContainerState.FAILED;
        boolean moved = Boolean.TRUE.equals(transaction.execute(status -> {
            repository.setExitCode(containerId, exitCode);
            return repository.transition(containerId, List.of(ContainerState.CREATING, ContainerState.RUNNING), to,
                    reason, arguments, clock.instant());
        }));
        if (moved && container.brokerRequestId() != null) {
            release(container.brokerRequestId());
        }
    }

    /**
     * After a restart: of the containers this replica holds, running ones whose workload still lives are served
     * again, the ones that are gone fail and give their devices back, stops asked while it was down are carried out,
     * and workloads nobody expects are stopped; a container placed while no replica started it starts now. Then
     * the periodic check begins.
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
        long every = Math.max(checkInterval.toMillis(), 100);
        checker.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    ReconcileResult reconcileNow() {
        transaction.execute(status -> repository.adoptUnclaimed(instance.id(), IN_RUNTIME));
        List<Container> held = repository.heldInStates(instance.id(), IN_RUNTIME);
        Map<String, WorkloadSpec> expected = new HashMap<>();
        List<Container> unreadable = new ArrayList<>();
        Map<Long, String> problems = new HashMap<>();
        for (Container container : held) {
            if (container.state() == ContainerState.RUNNING) {
                try {
                    expected.put(container.workloadId(), access.workloadSpec(container));
                } catch (RuntimeException e) {
                    // One secret that does not decrypt fails its own container, not the whole recovery.
                    log.warn("Container {} cannot be served again: {}", container.id(), e.getMessage());
                    unreadable.add(container);
                    problems.put(container.id(), String.valueOf(e.getMessage()));
                }
            }
        }
        // Stops what no record expects (the unreadable ones included) before their devices go back below.
        ReconcileResult result = runtime.reconcile(expected);
        for (Container container : unreadable) {
            runtime.stop(container.workloadId(), access.stopGrace());
            fail(container.id(), List.of(ContainerState.RUNNING), "container.reason.unreadable",
                    List.of(problems.get(container.id())), container.brokerRequestId());
        }
        for (WorkloadStatus lost : result.lost()) {
            long id = Container.containerId(lost.workloadId()).orElseThrow();
            ended(id, WorkloadState.FAILED, lost.reason(), lost.reasonArguments(), null);
        }
        for (Container container : held) {
            if (container.state() == ContainerState.CREATING
                    && !runtime.inspect(container.workloadId()).state().isLive()) {
                ended(container.id(), WorkloadState.FAILED, "runtime.reason.lost", List.of(), null);
            } else if (container.state() == ContainerState.STOPPING) {
                finishStop(container.id());
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

    /** The periodic check: stops asked through any replica for the containers this one holds. */
    private void check() {
        try {
            system.run(() -> {
                checkNow();
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Checking the containers this replica holds failed: {}", e.getMessage());
        }
    }

    void checkNow() {
        for (Container container : repository.heldInStates(instance.id(), List.of(ContainerState.STOPPING))) {
            if (!starting.contains(container.id())) {
                finishStop(container.id());
            }
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
        starter.shutdown();
    }
}
