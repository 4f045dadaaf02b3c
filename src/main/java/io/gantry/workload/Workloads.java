package io.gantry.workload;

import io.gantry.broker.RequestForm;
import io.gantry.db.tables.records.WorkloadRecord;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.shared.ListSort;
import io.gantry.shared.LiveWorkloads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.security.SecureRandom;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.modulith.NamedInterface;

/**
 * The workload module's door for the modules of each kind: create, read, stop and delete workloads. It checks no
 * user permission (the kind's own service did) and joins the caller's transaction. What runs changes only through
 * {@link WorkloadReconciler}; these methods record what is wanted and hand the id to it.
 */
@Component
@NamedInterface("api")
public class Workloads implements LiveWorkloads {

    private final WorkloadRepository repository;
    private final WorkloadReconciler reconciler;
    private final WorkloadRuntime runtime;
    private final Clock clock;
    private final RuntimeInstance instance;
    private final SecureRandom random = new SecureRandom();

    Workloads(WorkloadRepository repository, WorkloadReconciler reconciler, WorkloadRuntime runtime, Clock clock,
              RuntimeInstance instance) {
        this.repository = repository;
        this.reconciler = reconciler;
        this.runtime = runtime;
        this.clock = clock;
        this.instance = instance;
    }

    /**
     * Records a new workload: SCHEDULED when it starts later, QUEUED otherwise; its devices are asked for once the
     * caller's transaction commits.
     */
    @Transactional
    public Workload create(NewWorkload form) {
        return create(form, false);
    }

    /**
     * Records a new workload as {@link #create(NewWorkload)} does, or, when its order waits for a manager, in
     * PENDING_APPROVAL until {@link #approve} or {@link #reject}.
     */
    @Transactional
    public Workload create(NewWorkload form, boolean awaitingApproval) {
        Instant now = clock.instant();
        boolean later = form.startAt() != null && form.startAt().isAfter(now);
        WorkloadRecord draft = new WorkloadRecord();
        draft.setKind(form.kind());
        draft.setProjectId(form.projectId());
        draft.setUserId(form.userId());
        draft.setName(form.name());
        draft.setImageId(form.imageId());
        draft.setImageReference(form.imageReference());
        draft.setImageFiles(form.imageFiles());
        draft.setImageEnvironment(form.imageEnvironment());
        draft.setSpecId(form.specId());
        draft.setDevices(form.devices());
        draft.setNodes(form.nodes());
        draft.setCpuCores(form.cpuCores());
        draft.setMemoryMib(form.memoryMib());
        draft.setRuntime(runtime.name());
        draft.setRuntimeId(RuntimeId.fresh(form.kind(), randomBytes()).toString());
        draft.setDesiredState(Desired.RUNNING.name());
        draft.setState((awaitingApproval ? Phase.PENDING_APPROVAL : later ? Phase.SCHEDULED : Phase.QUEUED).name());
        draft.setCreatedAt(now);
        draft.setStartAt(form.startAt());
        draft.setEndAt(form.endAt());
        draft.setRunHours(form.runHours());
        draft.setPreemptible(form.preemptible());
        draft.setRunMinutes(form.runMinutes());
        long id = repository.insert(draft);
        Workload workload = repository.find(id).orElseThrow();
        repository.event(workload, null, workload.phase(), null, List.of(), now);
        reconciler.enqueue(id);
        return workload;
    }

    /**
     * Lets a workload that waited for approval go on: to its start time, or to the broker. False when it no longer
     * waits (decided already, or stopped meanwhile).
     */
    @Transactional
    public boolean approve(long id) {
        Workload workload = repository.find(id).orElse(null);
        if (workload == null) {
            return false;
        }
        boolean later = workload.startAt() != null && workload.startAt().isAfter(clock.instant());
        boolean moved = repository.transition(id, List.of(Phase.PENDING_APPROVAL),
                later ? Phase.SCHEDULED : Phase.QUEUED, "workload.reason.approved", List.of(), clock.instant());
        reconciler.enqueue(id);
        return moved;
    }

    /** Ends a workload that waited for approval as REJECTED, with the manager's message in its events. */
    @Transactional
    public boolean reject(long id, String message) {
        boolean moved = repository.transition(id, List.of(Phase.PENDING_APPROVAL), Phase.REJECTED,
                "workload.reason.rejected", List.of(message), clock.instant());
        if (moved) {
            repository.desire(id, Desired.STOPPED, "workload.reason.rejected", List.of(message));
            reconciler.endedBeforeItRan(id);
        }
        return moved;
    }

    /**
     * Reconciles a workload at once, on the caller's thread, so that a page shows the outcome of what its user just
     * did (placed at once, refused, stopped). The caller must hold no transaction.
     */
    public void settle(long id) {
        reconciler.reconcileNow(id);
    }

    @Transactional(readOnly = true)
    public Optional<Workload> find(long id) {
        return repository.find(id);
    }

    @Transactional(readOnly = true)
    public List<Workload> find(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repository.find(ids);
    }

    @Transactional(readOnly = true)
    public Optional<Workload> byRuntimeId(String runtimeId) {
        return repository.byRuntimeId(runtimeId);
    }

    /** A page of workloads, deleted ones never, in the asked order (only the list's sort properties), then newest. */
    @Transactional(readOnly = true)
    public List<Workload> page(WorkloadQuery query, List<ListSort> sort, int offset, int limit) {
        return repository.page(WorkloadRepository.condition(query), sort, offset, limit);
    }

    @Transactional(readOnly = true)
    public int count(WorkloadQuery query) {
        return repository.count(WorkloadRepository.condition(query));
    }

    /**
     * The workloads that still start from one of these images: every one not deleted nor being deleted, since a
     * stopped one may start again with the same settings.
     */
    @Transactional(readOnly = true)
    public List<Workload> usingImages(Collection<Long> imageIds) {
        return imageIds.isEmpty() ? List.of() : repository.usingImages(imageIds);
    }

    @Transactional(readOnly = true)
    public List<WorkloadEvent> events(long id) {
        return repository.events(id);
    }

    /**
     * Asks a workload to stop: one waiting for devices or its start time never starts, one running is STOPPING until
     * its runtime's holder has ended it. False when it was not live or already asked.
     */
    @Transactional
    public boolean stop(long id) {
        boolean asked = askToStop(repository, id, null, List.of(), clock.instant());
        reconciler.enqueue(id);
        return asked;
    }

    /**
     * Asks a workload to stop for a reason of the platform's (its wallet is empty, say), kept in its events; as
     * {@link #stop(long)} otherwise.
     */
    @Transactional
    public boolean stop(long id, String reason, List<String> arguments) {
        boolean asked = askToStop(repository, id, reason, arguments, clock.instant());
        reconciler.enqueue(id);
        return asked;
    }

    /** Asks for a workload to go: it stops first where it runs; its runtime's leftovers go once it has. */
    @Transactional
    public boolean delete(long id) {
        Workload workload = repository.find(id).orElse(null);
        if (workload == null || workload.phase() == Phase.DELETED) {
            return false;
        }
        if (workload.phase().isLive()) {
            askToStop(repository, id, null, List.of(), clock.instant());
        }
        boolean asked = repository.desire(id, Desired.DELETED, workload.stopReason(),
                workload.stopReasonArguments());
        reconciler.enqueue(id);
        return asked;
    }

    /** Records the wish to stop, and STOPPING for one that is in its runtime; the reconciler does the rest. */
    static boolean askToStop(WorkloadRepository repository, long id, String reason, List<String> arguments,
                             Instant now) {
        boolean asked = repository.desire(id, Desired.STOPPED, reason, arguments);
        if (asked) {
            repository.transition(id, List.of(Phase.CREATING, Phase.RUNNING), Phase.STOPPING, reason, arguments,
                    now);
        }
        return asked;
    }

    /**
     * The running workloads of a kind that this replica's runtime holds: those whose usage only this replica can read.
     */
    @Transactional(readOnly = true)
    public List<Workload> runningHere(String kind) {
        return repository.heldInPhases(instance.id(), List.of(Phase.RUNNING)).stream()
                .filter(w -> kind.equals(w.kind())).toList();
    }

    /** The ids of the project's workloads that run now (running, or stopping): what it pays for this minute. */
    @Transactional(readOnly = true)
    public List<Long> runningIn(long projectId) {
        return repository.runningIn(projectId);
    }

    /**
     * What metering charges for: the workloads that run now, and those that ended after {@code endedAfter} (whose
     * last minutes may still be unpaid after a restart), ordered by project. One query, however many there are.
     */
    @Transactional(readOnly = true)
    public List<MeteredWorkload> ranSince(Instant endedAfter) {
        return repository.ranSince(endedAfter);
    }

    /**
     * Whether a workload of this kind in the project already has the name (in any case), deleted ones aside: names
     * tell a project's work apart on its lists.
     *
     * @param except a workload not to count (the one just created under this name), or null
     */
    @Transactional(readOnly = true)
    public boolean nameTaken(String kind, long projectId, String name, Long except) {
        return repository.nameTaken(kind, projectId, name, except);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> ownedBy(long userId) {
        return repository.liveOwnedBy(userId);
    }

    /** What the broker is asked for on behalf of a workload's owner. */
    static RequestForm requestForm(Workload workload) {
        Instant end = workload.endAt();
        Integer hours = workload.runHours() != null ? workload.runHours()
                : end == null ? null
                : (int) Math.max(1, Duration.between(workload.startAt() == null ? workload.createdAt()
                : workload.startAt(), end).plusMinutes(59).toHours());
        if (hours == null && workload.runMinutes() != null) {
            hours = (workload.runMinutes() + 59) / 60;
        }
        return new RequestForm(workload.projectId(), workload.specId(), workload.nodes(),
                workload.devicesPerNode(), workload.cpuCores(),
                workload.memoryMib(), 0, workload.preemptible(), hours, "workload:" + workload.id());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
