package io.gantry.workload;

import io.gantry.audit.OperationLog;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.Project;
import io.gantry.project.Projects;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job management for platform admins (Apulis 3.11): every user's workloads across projects, whatever their kind,
 * filtered by kind, state, project and keyword, and stopping any of them (its devices go back to the broker). Only
 * platform admins: the list crosses every project.
 */
@Service
@RolesAllowed(Permission.Names.PROJECTS_MANAGE)
public class JobService {

    private final JobRepository jobs;
    private final WorkloadRepository repository;
    private final Workloads workloads;
    private final ObjectProvider<WorkloadKind> kinds;
    private final Projects projects;
    private final UserDirectory users;
    private final ClusterInventory inventory;
    private final OperationLog operationLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    JobService(JobRepository jobs, WorkloadRepository repository, Workloads workloads,
               ObjectProvider<WorkloadKind> kinds, Projects projects, UserDirectory users,
               ClusterInventory inventory, OperationLog operationLog, TransactionTemplate transaction, Clock clock) {
        this.jobs = jobs;
        this.repository = repository;
        this.workloads = workloads;
        this.kinds = kinds;
        this.projects = projects;
        this.users = users;
        this.inventory = inventory;
        this.operationLog = operationLog;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A page of the jobs the filter keeps, in the asked order (only the list's sort properties), then newest. */
    @Transactional(readOnly = true)
    public List<Job> page(JobFilter filter, List<ListSort> sort, int offset, int limit) {
        List<Workload> page = jobs.page(filter, sort, offset, limit);
        return jobs(page);
    }

    @Transactional(readOnly = true)
    public int count(JobFilter filter) {
        return jobs.count(filter);
    }

    /** The kinds of work on the platform (those with workloads, and every kind it runs), for the filter. */
    @Transactional(readOnly = true)
    public List<String> kinds() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(jobs.kinds());
        kinds.stream().map(WorkloadKind::name).forEach(names::add);
        return List.copyOf(names);
    }

    /** Every project, by name, for the filter. */
    @Transactional(readOnly = true)
    public List<Project> projects() {
        return projects.all().stream().sorted(Comparator.comparing(Project::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /**
     * Stops a job of any user: one waiting never starts, one running ends and gives its devices back (its files are
     * kept, as when its owner stops it). Written to the operation log; a job already stopping or ended stays as it is.
     */
    public void stop(long workloadId) {
        Workload workload = repository.find(workloadId).filter(w -> w.phase() != Phase.DELETED)
                .orElseThrow(() -> new NotFound("job"));
        boolean asked = transaction.execute(status -> {
            boolean stopping = workloads.stop(workloadId);
            if (stopping) {
                operationLog.record("job.stop", WorkloadLinks.REFERENCE_PREFIX + workloadId, "oplog.details.job",
                        workload.name(), workload.kind(), projects.names(List.of(workload.projectId()))
                                .getOrDefault(workload.projectId(), "#" + workload.projectId()));
            }
            return stopping;
        });
        if (asked) {
            workloads.settle(workloadId);
        }
    }

    private List<Job> jobs(List<Workload> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, String> projectNames = projects.names(page.stream().map(Workload::projectId).distinct().toList());
        Map<Long, UserRef> owners = users.byId(page.stream().map(Workload::userId).distinct().toList());
        Map<Long, AcceleratorSpec> specs = inventory.specsById();
        Map<Long, String> pages = pages(page);
        Instant now = clock.instant();
        return page.stream().map(w -> new Job(w.id(), w.kind(), w.name(), w.phase(), w.projectId(),
                projectNames.getOrDefault(w.projectId(), "#" + w.projectId()), w.userId(),
                owners.containsKey(w.userId()) ? owners.get(w.userId()).label() : "#" + w.userId(),
                w.imageReference(), w.devices(),
                specs.containsKey(w.specId()) ? specs.get(w.specId()).name() : "#" + w.specId(), w.createdAt(),
                runningFor(w, now), pages.get(w.id()))).toList();
    }

    /** Each kind's pages for its workloads on the page, one lookup per kind. */
    private Map<Long, String> pages(Collection<Workload> page) {
        Map<Long, String> pages = new HashMap<>();
        page.stream().collect(Collectors.groupingBy(Workload::kind)).forEach((kind, ofKind) ->
                kinds.stream().filter(k -> k.name().equals(kind)).findFirst()
                        .ifPresent(k -> pages.putAll(k.pages(ofKind))));
        return pages;
    }

    private static Duration runningFor(Workload workload, Instant now) {
        if (workload.startedAt() == null) {
            return null;
        }
        Instant end = workload.endedAt() != null && !workload.phase().isLive() ? workload.endedAt() : now;
        return end.isBefore(workload.startedAt()) ? Duration.ZERO : Duration.between(workload.startedAt(), end);
    }
}
