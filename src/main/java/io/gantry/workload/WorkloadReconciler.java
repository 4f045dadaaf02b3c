package io.gantry.workload;

import io.gantry.broker.BrokerRequests;
import io.gantry.broker.Grant;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestDecided;
import io.gantry.monitoring.Notices;
import io.gantry.project.ProjectLimits;
import io.gantry.project.Projects;
import io.gantry.runtime.ReconcileResult;
import io.gantry.runtime.WorkloadEnded;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.SystemTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one path that changes what runs. {@link #reconcile} compares what a workload's users and rules want with what
 * the database and the runtime say, and acts: it asks for devices, starts what was placed, stops what should not
 * run, fails what was lost and gives its devices back, removes what was deleted. It is idempotent; a lease on the row
 * keeps two reconcilers (threads or replicas) from acting on one workload at once.
 *
 * <p>Events (a placement, a workload that ended, a user's stop) only enqueue ids; a clustered resync visits every
 * unsettled workload on a fixed interval, so a lost event delays work but never strands it. Where the runtime lives
 * on a replica's own host (the local runtime), a replica acts in its runtime only on the workloads its runtime
 * instance holds; the others wait for their holder.
 */
@Component
public class WorkloadReconciler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkloadReconciler.class);
    /** Long enough for a start; a replica that died holding one frees it at its restart, others when it expires. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    static final String PREEMPTED = "workload.reason.preempted";
    /** More than any path through the lifecycle takes in one go (QUEUED, CREATING, RUNNING, STOPPING, STOPPED). */
    private static final int MAX_STEPS = 6;
    /** Less than this is an idle shell's or Jupyter server's own noise, not someone's work. */
    static final double BUSY_CORES = 0.05;
    static final double BUSY_DEVICE_PERCENT = 5;

    private final WorkloadRepository repository;
    /** Read when first needed: a kind's beans reach this module's door, which reaches this reconciler. */
    private final ObjectProvider<WorkloadKind> kinds;
    private final WorkloadRuntime runtime;
    private final RuntimeInstance instance;
    private final BrokerRequests broker;
    private final SystemTask system;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration stopGrace;
    /** Who holds a lease: this replica's runtime instance, and this process, so a restart knows its own leftovers. */
    private final String owner;
    private final Duration resyncInterval;
    private final TimeRules rules;
    private final Projects projects;
    private final Notices notices;
    private final ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
    /** This replica's own resync of what its runtime holds, which the clustered resync may run elsewhere. */
    private final ScheduledExecutorService heldResync = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("workload-held-resync").factory());
    /** Ids waiting for the worker, so that a burst of events for one workload reconciles it once. */
    private final Set<Long> enqueued = ConcurrentHashMap.newKeySet();
    /** Ids asked for while this process held their lease: reconciled again once it lets go. */
    private final Set<Long> again = ConcurrentHashMap.newKeySet();
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    WorkloadReconciler(WorkloadRepository repository, ObjectProvider<WorkloadKind> kinds, WorkloadRuntime runtime,
                       RuntimeInstance instance, BrokerRequests broker, SystemTask system,
                       TransactionTemplate transaction, Clock clock,
                       @Value("${gantry.runtime.local.stop-grace:10s}") Duration stopGrace,
                       @Value("${gantry.workloads.resync-interval:15s}") Duration resyncInterval,
                       @Value("${gantry.workloads.warning-lead:10m}") Duration warningLead, Projects projects,
                       Notices notices) {
        this.repository = repository;
        this.kinds = kinds;
        this.runtime = runtime;
        this.instance = instance;
        this.broker = broker;
        this.system = system;
        this.transaction = transaction;
        this.clock = clock;
        this.stopGrace = stopGrace;
        this.resyncInterval = resyncInterval;
        this.rules = new TimeRules(warningLead);
        this.projects = projects;
        this.notices = notices;
        this.owner = instance.id() + "#" + UUID.randomUUID();
    }

    /** Reconciles a workload soon, on the worker, after the caller's transaction commits if one is open. */
    public void enqueue(long id) {
        // An actual transaction, not mere synchronization: a listener running NOT_SUPPORTED, and this after-commit
        // callback itself, have synchronization active around no transaction; registering there would be lost.
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hand(id);
                }
            });
            return;
        }
        hand(id);
    }

    private void hand(long id) {
        if (enqueued.add(id)) {
            worker.execute(() -> {
                enqueued.remove(id);
                reconcileAsSystem(id);
            });
        }
    }

    /**
     * Reconciles at once on this thread, which must hold no transaction, after whatever reconcile of the same
     * workload this process is doing now: a user's stop waits for its outcome.
     */
    void reconcileNow(long id) {
        try {
            system.run(() -> {
                reconcile(id, true);
                return null;
            });
        } catch (RuntimeException e) {
            log.error("Reconciling workload {} failed; the next resync tries again", id, e);
        }
    }

    private void reconcileAsSystem(long id) {
        try {
            system.run(() -> {
                reconcile(id);
                return null;
            });
        } catch (WorkloadRuntime.Unavailable e) {
            log.warn("Workload {} left as it is: its runtime is unavailable ({}); the next resync tries again", id,
                    e.getMessage());
        } catch (RuntimeException e) {
            log.error("Reconciling workload {} failed; the next resync tries again", id, e);
        }
    }

    /**
     * Brings one workload towards what is wanted of it. Safe to call any number of times, from any replica; returns
     * at once when another reconciler holds it (this process does it again when that one is its own).
     */
    public void reconcile(long id) {
        reconcile(id, false);
    }

    private void reconcile(long id, boolean wait) {
        // One reconcile of a workload at a time in this process; the lease on its row does the same across replicas.
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        if (wait) {
            lock.lock();
        } else if (!lock.tryLock()) {
            again.add(id);
            return;
        }
        try {
            Instant now = clock.instant();
            if (!Boolean.TRUE.equals(transaction.execute(tx -> repository.lease(id, owner, now,
                    now.plus(LEASE))))) {
                return;
            }
            try {
                again.remove(id);
                // A step may lead to the next (stopped, then removed): follow them while the phase moves.
                Workload current = repository.find(id).orElse(null);
                for (int step = 0; current != null && step < MAX_STEPS; step++) {
                    Workload acted = applyTimeRules(current);
                    act(acted);
                    current = repository.find(id).filter(after -> after.phase() != acted.phase()).orElse(null);
                }
            } catch (WorkloadRuntime.Unavailable e) {
                // Nothing is known of it now, so nothing is concluded: it stays as it is until the next resync.
                log.warn("Workload {} left as it is: its runtime is unavailable ({}); the next resync tries again",
                        id, e.getMessage());
            } finally {
                transaction.executeWithoutResult(tx -> repository.unlease(id, owner));
            }
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) {
                locks.remove(id, lock);
            }
        }
        if (again.remove(id)) {
            reconcile(id, false);
        }
    }

    /**
     * Every unsettled workload, once: the periodic resync. One that runs as it should, with no time rule due, is only
     * looked at (its runtime's state and activity, one read of its project's limits per resync), not leased.
     */
    public void resync() {
        Map<Long, ProjectLimits> limits = new HashMap<>();
        for (Workload workload : repository.unsettled()) {
            try {
                // A workload running as it should has nothing new to tell; its runtime's events are read while it
                // starts (in runsAsItShould) and when it is acted on, not for every workload at every resync.
                if (!runsAsItShould(workload, limits)) {
                    copyRuntimeEvents(workload);
                    reconcile(workload.id());
                }
            } catch (WorkloadRuntime.Unavailable e) {
                log.warn("Workload {} left as it is: its runtime is unavailable ({}); the next resync tries again",
                        workload.id(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Reconciling workload {} failed; the next resync tries again", workload.id(), e);
            }
        }
        if (runtime.sharedByReplicas()) {
            deleteOrphans();
        }
    }

    /** Phases in which a workload may have objects in its runtime, which the orphan sweep must leave alone. */
    static final List<Phase> WITH_RUNTIME_OBJECTS = List.of(Phase.CREATING, Phase.RUNNING, Phase.STOPPING,
            Phase.STOPPED, Phase.FAILED, Phase.SUCCEEDED);

    /**
     * Deletes what a shared runtime holds for workloads no record expects (left by a replica that died between its
     * start and its record, or by a deleted database row). The runtime lists first and asks afterwards, so a workload
     * another replica claims meanwhile is expected.
     */
    void deleteOrphans() {
        try {
            List<String> deleted = runtime.deleteOrphans(() -> repository.runtimeIdsInPhases(runtime.name(),
                    WITH_RUNTIME_OBJECTS));
            if (!deleted.isEmpty()) {
                log.info("Deleted what the {} runtime held for workloads nobody expects: {}", runtime.name(),
                        deleted);
            }
        } catch (WorkloadRuntime.Unavailable e) {
            log.warn("Orphans left for now: the {} runtime is unavailable ({})", runtime.name(), e.getMessage());
        }
    }

    /** The longest runtime event message kept; the event list shows a line, not a report. */
    private static final int RUNTIME_MESSAGE_MAX = 1000;
    private static final int RUNTIME_KEY_MAX = 255;

    /**
     * Copies what the runtime reported about a workload in its runtime (a Pod's events) into its events, each once:
     * the runtime's key is kept with the copy, unique per workload, so two replicas copying at once copy it once.
     */
    void copyRuntimeEvents(Workload workload) {
        if (!workload.phase().inRuntime() || !(runtime.sharedByReplicas() || instance.holds(workload))) {
            return;
        }
        List<io.gantry.runtime.RuntimeEvent> reported;
        try {
            reported = runtime.events(workload.runtimeId());
        } catch (WorkloadRuntime.Unavailable e) {
            log.debug("Events of workload {} not read: {}", workload.id(), e.getMessage());
            return;
        }
        if (reported.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(tx -> {
                Set<String> copied = repository.runtimeEventKeys(workload.id());
                for (io.gantry.runtime.RuntimeEvent event : reported) {
                    String key = runtimeKey(event.key());
                    if (copied.add(key)) {
                        repository.runtimeEvent(workload, key, event.at() == null ? clock.instant() : event.at(),
                                event.warning() ? RUNTIME_WARNING : RUNTIME_EVENT,
                                List.of(String.valueOf(event.reason()), cut(String.valueOf(event.message()))));
                    }
                }
            });
        } catch (org.springframework.dao.DataIntegrityViolationException copiedMeanwhile) {
            // Another replica copied some of them first: the next look copies what is left.
            log.debug("Events of workload {} were being copied elsewhere", workload.id());
        }
    }

    static final String RUNTIME_EVENT = "workload.event.runtime";
    static final String RUNTIME_WARNING = "workload.event.runtime-warning";

    private static String runtimeKey(String key) {
        return key.length() <= RUNTIME_KEY_MAX ? key : key.substring(0, 190) + "#" + Integer.toHexString(key.hashCode());
    }

    private static String cut(String message) {
        return message.length() <= RUNTIME_MESSAGE_MAX ? message : message.substring(0, RUNTIME_MESSAGE_MAX - 1) + "…";
    }

    private boolean runsAsItShould(Workload workload, Map<Long, ProjectLimits> limits) {
        if (workload.phase() != Phase.RUNNING || workload.desired() != Desired.RUNNING) {
            return false;
        }
        Workload seen = workload;
        if (instance.holds(workload)) {
            WorkloadState state = runtime.inspect(workload.runtimeId()).state();
            if (!state.isLive()) {
                return false;
            }
            if (state == WorkloadState.STARTING) {
                // Still being scheduled or pulling its image: what the runtime says about that is worth showing.
                copyRuntimeEvents(workload);
            }
            seen = observeActivity(workload);
        }
        ProjectLimits projectLimits = limits.computeIfAbsent(seen.projectId(), projects::limits);
        return rules.decide(times(seen, projectLimits), clock.instant()).due() instanceof TimeRules.Nothing;
    }

    /** Every workload this replica's runtime holds and that may still need its runtime. */
    void resyncHeld() {
        if (runtime.sharedByReplicas()) {
            // Every replica holds every workload of a shared runtime: the clustered resync visits them, once.
            return;
        }
        system.run(() -> {
            Map<Long, ProjectLimits> limits = new HashMap<>();
            for (Workload workload : repository.heldInPhases(instance.id(),
                    List.of(Phase.CREATING, Phase.RUNNING, Phase.STOPPING, Phase.STOPPED, Phase.FAILED,
                            Phase.SUCCEEDED))) {
                try {
                    if ((workload.phase().inRuntime() || workload.desired() == Desired.DELETED)
                            && !runsAsItShould(workload, limits)) {
                        reconcile(workload.id());
                    }
                } catch (RuntimeException e) {
                    log.error("Reconciling workload {} failed; the next resync tries again", workload.id(), e);
                }
            }
            return null;
        });
    }

    /**
     * Starts, warns of and stops on time: a scheduled start, a chosen end, the project's lifetime limit, idle reclaim
     * (DESIGN §3, AI-Stack 五.1). Returns the workload as it is afterwards.
     */
    private Workload applyTimeRules(Workload observed) {
        Workload workload = observed;
        // One still waiting for devices at its end time must not start once they come free: it counts as scheduled.
        if (workload.desired() != Desired.RUNNING || (workload.phase() != Phase.SCHEDULED
                && workload.phase() != Phase.QUEUED && workload.phase() != Phase.RUNNING)) {
            return workload;
        }
        if (workload.phase() == Phase.RUNNING && instance.holds(workload)) {
            workload = observeActivity(workload);
        }
        return dueByTime(workload);
    }

    private Workload dueByTime(Workload workload) {
        TimeRules.Times times = times(workload, projects.limits(workload.projectId()));
        Instant now = clock.instant();
        switch (rules.decide(times, now).due()) {
            case TimeRules.Stop stop -> transaction.executeWithoutResult(tx -> Workloads.askToStop(repository,
                    workload.id(), stop.reason().reasonKey(), texts(stop.arguments()), now));
            case TimeRules.Warn warn -> warn(workload, warn, times.warnings(), now);
            default -> {
                return workload;
            }
        }
        return repository.find(workload.id()).orElse(workload);
    }

    /**
     * Notes when the workload was last in use: an open SSH, terminal or Jupyter session, or CPU or device use above a
     * small threshold since the last look (what idle reclaim measures).
     */
    private Workload observeActivity(Workload workload) {
        Instant active = runtime.activity(workload.runtimeId()).map(activity -> {
            boolean busy = activity.sessions() > 0 || activity.cpuCores() >= BUSY_CORES
                    || (activity.gpuUtilisationPercent() != null
                    && activity.gpuUtilisationPercent() >= BUSY_DEVICE_PERCENT);
            return busy ? activity.at() : activity.lastSessionActivity();
        }).orElse(null);
        if (active == null || (workload.lastActivityAt() != null && !active.isAfter(workload.lastActivityAt()))) {
            return workload;
        }
        transaction.executeWithoutResult(tx -> repository.setLastActivity(workload.id(), active));
        return repository.find(workload.id()).orElse(workload);
    }

    private static TimeRules.Times times(Workload workload, ProjectLimits limits) {
        return new TimeRules.Times(workload.phase() == Phase.RUNNING ? TimeRules.Phase.RUNNING
                : TimeRules.Phase.SCHEDULED, workload.startAt(), workload.startedAt(), workload.plannedEnd(),
                limits.containerMaxHours(), limits.idleReclaimHours(), workload.lastActivityAt(),
                warningsGiven(workload), workload.runMinutes());
    }

    /** A warning event on the workload and a notice to its owner, once per warning. */
    private void warn(Workload workload, TimeRules.Warn warn, Map<TimeRules.Reason, Instant> given, Instant now) {
        Map<TimeRules.Reason, Instant> warned = new EnumMap<>(TimeRules.Reason.class);
        warned.putAll(given);
        warned.put(warn.reason(), now);
        String page = kind(workload).page(workload);
        transaction.executeWithoutResult(tx -> {
            repository.event(workload, null, workload.phase(), warn.reason().warningKey(), texts(warn.arguments()),
                    now);
            repository.setWarnings(workload.id(), warned.entrySet().stream()
                    .map(e -> e.getKey().name() + "=" + e.getValue().getEpochSecond()).toList());
            notices.notifyOnce(workload.userId(), "workload:" + workload.id() + ":" + warn.reason().name() + ":"
                    + warn.at().getEpochSecond(), warn.reason().noticeKey(), warn.noticeArguments(workload.name()),
                    page);
        });
    }

    private static Map<TimeRules.Reason, Instant> warningsGiven(Workload workload) {
        Map<TimeRules.Reason, Instant> given = new EnumMap<>(TimeRules.Reason.class);
        for (String warning : workload.warnings()) {
            int at = warning.indexOf('=');
            given.put(TimeRules.Reason.valueOf(warning.substring(0, at)),
                    Instant.ofEpochSecond(Long.parseLong(warning.substring(at + 1))));
        }
        return given;
    }

    /** Event arguments are kept as text; an instant as ISO-8601, which the pages show in the reader's time. */
    private static List<String> texts(List<Object> arguments) {
        return arguments.stream().map(String::valueOf).toList();
    }

    private void act(Workload workload) {
        boolean here = workload.runtimeInstance() == null || instance.holds(workload);
        switch (workload.phase()) {
            case SCHEDULED -> scheduled(workload);
            case QUEUED -> queued(workload);
            case CREATING -> {
                if (here) {
                    creating(workload);
                }
            }
            case RUNNING -> {
                if (here) {
                    running(workload);
                }
            }
            case STOPPING -> {
                if (here) {
                    stopping(workload);
                }
            }
            case STOPPED, FAILED, REJECTED, SUCCEEDED -> {
                if (workload.desired() == Desired.DELETED && here) {
                    remove(workload);
                }
            }
            case PENDING_APPROVAL, DELETED -> {
            }
        }
    }

    private void scheduled(Workload workload) {
        if (workload.desired() != Desired.RUNNING) {
            move(workload, List.of(Phase.SCHEDULED), Phase.STOPPED, workload.stopReason(),
                    workload.stopReasonArguments());
        } else if (workload.startAt() == null || !clock.instant().isBefore(workload.startAt())) {
            if (move(workload, List.of(Phase.SCHEDULED), Phase.QUEUED, null, List.of())) {
                repository.find(workload.id()).ifPresent(this::queued);
            }
        }
    }

    private void queued(Workload workload) {
        if (workload.desired() != Desired.RUNNING) {
            if (move(workload, List.of(Phase.QUEUED), PREEMPTED.equals(workload.stopReason()) ? Phase.FAILED
                    : Phase.STOPPED, workload.stopReason(), workload.stopReasonArguments())) {
                withdraw(workload);
            }
            return;
        }
        if (workload.brokerRequestId() == null) {
            // Its request was never made (scheduled for later, or the submission failed): make it now.
            submit(workload);
            return;
        }
        QueuedRequest request = broker.request(workload.brokerRequestId());
        switch (request.status()) {
            case PLACED -> place(workload, request.slots());
            case REFUSED -> move(workload, List.of(Phase.QUEUED), Phase.FAILED, "workload.reason.refused",
                    List.of());
            case CANCELLED, RELEASED -> move(workload, List.of(Phase.QUEUED), Phase.STOPPED,
                    "workload.reason.withdrawn", List.of());
            case PREEMPTED -> move(workload, List.of(Phase.QUEUED), Phase.FAILED, PREEMPTED, List.of());
            case QUEUED -> {
            }
        }
    }

    /** Asks the broker for the workload's devices on behalf of its owner. */
    void submit(Workload workload) {
        try {
            // The request and its record in one transaction: never a request that no workload knows of.
            transaction.executeWithoutResult(tx -> repository.setBrokerRequest(workload.id(),
                    broker.submit(workload.userId(), Workloads.requestForm(workload)).id()));
        } catch (RuntimeException e) {
            log.warn("Workload {} could not ask for its devices: {}", workload.id(), e.getMessage());
            move(workload, List.of(Phase.QUEUED), Phase.FAILED, "workload.reason.not-submitted", List.of());
            return;
        }
        // Refused at once, or placed by the pass that follows the request (which tells us by RequestDecided).
        repository.find(workload.id()).filter(w -> w.phase() == Phase.QUEUED).ifPresent(this::queued);
    }

    private void place(Workload workload, List<Grant.Slot> slots) {
        // A gang's devices are held on every node it was placed on, and released together when it ends; its processes
        // start on its first node (the head, where SSH and the terminal land), which the runtime is given.
        Grant.Slot slot = slots.getFirst();
        boolean claimed = Boolean.TRUE.equals(transaction.execute(tx -> repository.claim(workload.id(),
                instance.id(), slot.nodeId(), slot.devices(), clock.instant())));
        if (claimed) {
            start(repository.find(workload.id()).orElseThrow());
        }
    }

    private void start(Workload workload) {
        WorkloadSpec spec;
        try {
            spec = kind(workload).spec(workload);
        } catch (RuntimeException e) {
            // A secret that does not decrypt (another replica's key, say) fails this workload alone.
            log.warn("Workload {} cannot start: {}", workload.id(), e.getMessage());
            end(workload, List.of(Phase.CREATING), Phase.FAILED, "workload.reason.unreadable",
                    List.of(String.valueOf(e.getMessage())), null);
            return;
        }
        WorkloadStatus started;
        try {
            started = runtime.start(spec);
        } catch (WorkloadRuntime.Unavailable e) {
            // Nothing is known of what it made: it fails with the runtime's reason, and whatever it left is deleted
            // below or, while the runtime stays unreachable, by the orphan sweep once it is back.
            log.warn("Workload {} did not start: its runtime is unavailable ({})", workload.id(), e.getMessage());
            started = new WorkloadStatus(workload.runtimeId(), WorkloadState.FAILED, null, e.reason(),
                    e.arguments(), clock.instant());
        } catch (WorkloadRuntime.Refused e) {
            log.warn("Workload {} did not start: its runtime refused ({})", workload.id(), e.getMessage());
            started = new WorkloadStatus(workload.runtimeId(), WorkloadState.FAILED, null, e.reason(),
                    e.arguments(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Workload {} did not start", workload.id(), e);
            started = new WorkloadStatus(workload.runtimeId(), WorkloadState.FAILED, null,
                    "runtime.reason.start-failed", List.of(String.valueOf(e.getMessage())), clock.instant());
        }
        copyRuntimeEventsQuietly(repository.find(workload.id()).orElse(workload));
        if (started.state() == WorkloadState.RUNNING) {
            if (!move(workload, List.of(Phase.CREATING), Phase.RUNNING, null, List.of())) {
                // A stop (or an eviction) was asked while it was being created: carry it out now that it runs.
                repository.find(workload.id()).filter(w -> w.phase() == Phase.STOPPING).ifPresent(this::stopping);
            }
        } else {
            try {
                runtime.stop(workload.runtimeId(), stopGrace);
            } catch (WorkloadRuntime.Unavailable e) {
                log.warn("Workload {} failed to start and could not be cleaned up yet ({}); the orphan sweep "
                        + "deletes what it left", workload.id(), e.getMessage());
            }
            end(workload, List.of(Phase.CREATING, Phase.STOPPING), Phase.FAILED, started.reason(),
                    started.reasonArguments(), started.exitCode());
        }
    }

    private void copyRuntimeEventsQuietly(Workload workload) {
        try {
            copyRuntimeEvents(workload);
        } catch (RuntimeException e) {
            log.warn("Events of workload {} not copied: {}", workload.id(), e.getMessage());
        }
    }

    /** Claimed but not seen running: the replica died while starting it, or the start's outcome was lost. */
    private void creating(Workload workload) {
        WorkloadStatus status = runtime.inspect(workload.runtimeId());
        if (status.state() == WorkloadState.RUNNING) {
            move(workload, List.of(Phase.CREATING), Phase.RUNNING, null, List.of());
        } else if (workload.desired() == Desired.RUNNING) {
            start(workload);
        } else {
            stopping(workload);
        }
    }

    private void running(Workload workload) {
        WorkloadStatus status = runtime.inspect(workload.runtimeId());
        if (!status.state().isLive()) {
            ended(workload, status);
            return;
        }
        if (workload.desired() != Desired.RUNNING
                && move(workload, List.of(Phase.RUNNING), Phase.STOPPING, workload.stopReason(),
                workload.stopReasonArguments())) {
            stopping(repository.find(workload.id()).orElseThrow());
        }
    }

    /**
     * Ends a STOPPING workload's processes, then records it ended and gives its devices back, in that order: the
     * devices never go to other work while its processes may still run. An eviction ends it FAILED, any other stop
     * STOPPED, with the reason it was stopped for.
     */
    private void stopping(Workload workload) {
        runtime.stop(workload.runtimeId(), stopGrace);
        end(workload, List.of(Phase.STOPPING), PREEMPTED.equals(workload.stopReason()) ? Phase.FAILED
                : Phase.STOPPED, workload.stopReason(), workload.stopReasonArguments(), null);
    }

    /**
     * Its processes ended without being stopped: it ends with the runtime's reason. A batch workload succeeded when
     * its command exited 0 and failed otherwise (the runtime's reason carries the exit code).
     */
    private void ended(Workload workload, WorkloadStatus status) {
        copyRuntimeEventsQuietly(workload);
        Phase to = kind(workload).batch()
                ? (status.state() == WorkloadState.SUCCEEDED ? Phase.SUCCEEDED : Phase.FAILED)
                : status.state() == WorkloadState.SUCCEEDED || status.state() == WorkloadState.STOPPED
                ? Phase.STOPPED : Phase.FAILED;
        String reason = status.state() == WorkloadState.UNKNOWN ? "runtime.reason.lost" : status.reason();
        end(workload, List.of(Phase.CREATING, Phase.RUNNING), to, reason, status.reasonArguments(),
                status.exitCode());
    }

    private void end(Workload workload, List<Phase> from, Phase to, String reason, List<String> arguments,
                     Integer exitCode) {
        boolean moved = Boolean.TRUE.equals(transaction.execute(tx -> {
            if (exitCode != null) {
                repository.setExitCode(workload.id(), exitCode);
            }
            boolean ended = repository.transition(workload.id(), from, to, reason, arguments, clock.instant());
            if (ended) {
                keepOutput(workload);
            }
            return ended;
        }));
        if (moved) {
            removeBatch(workload);
            release(workload);
        }
    }

    /**
     * A batch workload's kind keeps its output, in the transaction that records its end: whoever sees it ended sees
     * its output kept.
     */
    private void keepOutput(Workload workload) {
        WorkloadKind kind = kind(workload);
        if (!kind.batch()) {
            return;
        }
        try (java.io.InputStream output = output(workload)) {
            kind.ended(repository.find(workload.id()).orElse(workload), output);
        } catch (java.io.IOException e) {
            log.warn("Workload {} ended but its output could not be read: {}", workload.id(), e.getMessage());
        }
    }

    /**
     * A workload that ended before anything of it ran (an order rejected): a batch kind hears of the end as it does of
     * any other, with no output. In the caller's transaction, which records the end.
     */
    void endedBeforeItRan(long id) {
        repository.find(id).filter(workload -> kind(workload).batch())
                .ifPresent(workload -> kind(workload).ended(workload, java.io.InputStream.nullInputStream()));
    }

    /**
     * A batch workload leaves nothing behind once it ended: its runtime removes it (its output kept already), before
     * its devices go back. A failure here leaves the removal to a later delete, never the devices held.
     */
    private void removeBatch(Workload workload) {
        if (!kind(workload).batch()) {
            return;
        }
        try {
            runtime.remove(workload.runtimeId());
        } catch (RuntimeException e) {
            log.warn("Workload {} ended but could not be removed from its runtime: {}", workload.id(),
                    e.getMessage());
        }
    }

    /** What the workload printed, or nothing where its runtime never had it (it never started). */
    private java.io.InputStream output(Workload workload) {
        try {
            return runtime.log(workload.runtimeId());
        } catch (java.io.IOException | RuntimeException none) {
            return java.io.InputStream.nullInputStream();
        }
    }

    private void remove(Workload workload) {
        runtime.remove(workload.runtimeId());
        move(workload, List.of(Phase.STOPPED, Phase.FAILED, Phase.REJECTED, Phase.SUCCEEDED), Phase.DELETED, null,
                List.of());
    }

    private boolean move(Workload workload, List<Phase> from, Phase to, String reason, List<String> arguments) {
        boolean ends = !to.isLive() && to != Phase.DELETED;
        boolean moved = Boolean.TRUE.equals(transaction.execute(tx -> {
            boolean done = repository.transition(workload.id(), from, to, reason, arguments, clock.instant());
            if (done && ends) {
                // Ended before it ran (refused, withdrawn, preempted in the queue): its kind still hears of the end.
                keepOutput(workload);
            }
            return done;
        }));
        if (moved && ends) {
            removeBatch(workload);
        }
        return moved;
    }

    /** The work ended: its devices go back (releasing twice changes nothing). */
    private void release(Workload workload) {
        if (workload.brokerRequestId() != null) {
            broker.release(workload.brokerRequestId());
        }
    }

    /** It will never start: its place in the queue goes, or, placed meanwhile, its devices go back. */
    private void withdraw(Workload workload) {
        if (workload.brokerRequestId() == null) {
            return;
        }
        try {
            broker.cancel(workload.brokerRequestId());
        } catch (NotAllowed placedMeanwhile) {
            broker.release(workload.brokerRequestId());
        }
    }

    private WorkloadKind kind(Workload workload) {
        return kinds.stream().filter(kind -> kind.name().equals(workload.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No kind of workload called " + workload.kind()));
    }

    @ApplicationModuleListener(id = "workload.request-decided", propagation = Propagation.NOT_SUPPORTED)
    void on(RequestDecided decision) {
        repository.byBrokerRequest(decision.requestId()).ifPresent(workload -> {
            if (decision.decision() == RequestDecided.Decision.PREEMPTED) {
                transaction.executeWithoutResult(tx -> Workloads.askToStop(repository, workload.id(), PREEMPTED,
                        List.of(), clock.instant()));
            }
            enqueue(workload.id());
        });
    }

    /**
     * The runtime's watcher publishes outside any transaction, so there is nothing for the registry to store it
     * with; a lost one is caught by the next resync, which asks the runtime itself.
     */
    @EventListener
    void on(WorkloadEnded ended) {
        if (ended.runtime().equals(runtime.name())) {
            repository.byRuntimeId(ended.status().workloadId()).ifPresent(workload -> enqueue(workload.id()));
        }
    }

    /**
     * After a start: leases this replica held before it stopped are let go; of the workloads this replica holds,
     * running ones whose processes still live are served again (their SSH server and Jupyter start anew) and
     * processes nobody expects are stopped; then every unsettled workload is reconciled.
     */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        worker.execute(() -> {
            try {
                system.run(() -> {
                    recoverNow();
                    return null;
                });
            } catch (RuntimeException e) {
                log.error("Recovering workloads with the {} runtime failed", runtime.name(), e);
            }
            long every = Math.max(resyncInterval.toMillis(), 100);
            heldResync.scheduleWithFixedDelay(this::resyncHeldQuietly, every, every, TimeUnit.MILLISECONDS);
        });
    }

    private void resyncHeldQuietly() {
        try {
            resyncHeld();
        } catch (RuntimeException e) {
            log.warn("Resyncing the workloads this replica holds failed: {}", e.getMessage());
        }
    }

    /** What a start does: adopts what this replica's runtime still runs, then reconciles every unsettled workload. */
    public void recoverNow() {
        adopt();
        resync();
    }

    private void adopt() {
        boolean shared = runtime.sharedByReplicas();
        transaction.executeWithoutResult(tx -> {
            if (!shared) {
                // On a shared runtime every replica is this instance: their leases are theirs, left to expire.
                repository.releaseLeasesOf(instance.id(), owner);
            }
            repository.adoptUnclaimed(instance.id(), runtime.name());
        });
        Map<String, WorkloadSpec> expected = new HashMap<>();
        Map<Workload, String> unreadable = new HashMap<>();
        List<Workload> running = repository.heldInPhases(instance.id(), List.of(Phase.RUNNING));
        if (shared) {
            // Another replica may be creating or stopping one right now: what it made must not be taken as unexpected.
            for (Workload other : repository.heldInPhases(instance.id(), List.of(Phase.CREATING, Phase.STOPPING))) {
                try {
                    expected.put(other.runtimeId(), kind(other).spec(other));
                } catch (RuntimeException e) {
                    log.warn("Workload {} is left to its reconciler: {}", other.id(), e.getMessage());
                }
            }
        }
        for (Workload workload : running) {
            try {
                expected.put(workload.runtimeId(), kind(workload).spec(workload));
            } catch (RuntimeException e) {
                // One secret that does not decrypt fails its own workload, not the whole recovery.
                log.warn("Workload {} cannot be served again: {}", workload.id(), e.getMessage());
                unreadable.put(workload, String.valueOf(e.getMessage()));
            }
        }
        // Stops what no record expects, the unreadable ones included, before their devices go back below.
        ReconcileResult result;
        try {
            result = runtime.reconcile(expected);
        } catch (WorkloadRuntime.Unavailable e) {
            // Nothing is known: nothing is concluded lost; the resyncs look again once the runtime answers.
            log.warn("Workloads not adopted: the {} runtime is unavailable ({})", runtime.name(), e.getMessage());
            return;
        }
        Map<String, Workload> byRuntimeId = running.stream()
                .collect(java.util.stream.Collectors.toMap(Workload::runtimeId, w -> w));
        for (WorkloadStatus lost : result.lost()) {
            Workload workload = byRuntimeId.get(lost.workloadId());
            if (workload != null) {
                end(workload, List.of(Phase.RUNNING), Phase.FAILED, lost.reason(), lost.reasonArguments(), null);
            }
        }
        unreadable.forEach((workload, problem) -> {
            runtime.stop(workload.runtimeId(), stopGrace);
            end(workload, List.of(Phase.RUNNING), Phase.FAILED, "workload.reason.unreadable", List.of(problem), null);
        });
    }

    @Override
    public void destroy() {
        heldResync.shutdownNow();
        worker.shutdownNow();
    }
}
