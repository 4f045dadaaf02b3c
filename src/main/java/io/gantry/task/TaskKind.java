package io.gantry.task;

import io.gantry.cluster.ClusterInventory;
import io.gantry.cluster.NodeInfo;
import io.gantry.container.WorkSettings;
import io.gantry.db.tables.records.TaskRecord;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tasks as a kind of workload: a batch command run through the image's shell in its owner's workspace, with its
 * devices in the variable its vendor uses. When it is placed the platform's lines go to its log (where it runs, the
 * image it starts from); when it ends, its output is kept in its log before its runtime removes it.
 */
@Component
class TaskKind implements WorkloadKind {

    /** The most output lines a task keeps (the last ones); more would only make the page unreadable. */
    static final int OUTPUT_LINES_MAX = 10_000;
    /** A longer output line is cut here, as the log column holds it. */
    static final int LINE_MAX = 4000;
    /** The workloads' reason for a stop at the longest run time (their time rules). */
    static final String RUN_TIME = "workload.reason.run-time";

    private final TaskRepository repository;
    private final WorkSettings settings;
    private final ClusterInventory cluster;
    private final UserDirectory users;
    private final Clock clock;

    TaskKind(TaskRepository repository, WorkSettings settings, ClusterInventory cluster, UserDirectory users,
             Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.cluster = cluster;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public String name() {
        return TaskRepository.KIND;
    }

    @Override
    public boolean batch() {
        return true;
    }

    @Override
    public WorkloadSpec spec(Workload workload) {
        TaskRecord task = repository.byWorkload(workload.id()).orElseThrow();
        WorkloadSpec.Devices devices = settings.devices(workload.specId(), workload.nodeId(),
                workload.deviceIndexes());
        String owner = users.refs(List.of(workload.userId())).stream().findFirst().map(UserRef::username)
                .orElse("user");
        logPlacement(task.getId(), workload);
        return new WorkloadSpec(workload.runtimeId(), owner, workload.projectId(),
                new WorkloadSpec.ImageRef(workload.imageReference(), workload.imageFiles(),
                        settings.pullCredentials(workload.imageId())),
                command(task.getCommand()), WorkSettings.environment(workload.imageEnvironment()),
                devices, new WorkloadSpec.Resources(workload.cpuCores(), workload.memoryMib(),
                task.getSharedMemoryMib()), new Access(false, null, List.of(), false, null,
                Access.SourceFilter.ANYONE), true, Long.toString(workload.userId()),
                settings.placement(workload.projectId(), workload.specId(), workload.nodeId(),
                        workload.deviceIndexes().size()), longestRun(workload));
    }

    /** Its longest run time, which a cluster's runtime enforces itself (a Job's deadline); null for none. */
    static java.time.Duration longestRun(Workload workload) {
        return workload.runMinutes() == null ? null : java.time.Duration.ofMinutes(workload.runMinutes());
    }

    /**
     * The command through the image's shell, started in the owner's workspace (which the runtime names in
     * {@code WORKSPACE}, in a sandbox or not): a task works on its owner's files. The shell changes there, then runs
     * the command as a script of its own, so that its exit code is the command's.
     */
    static List<String> command(String command) {
        return List.of("/bin/sh", "-c", "cd -- \"$WORKSPACE\" && exec /bin/sh -c \"$0\"", command);
    }

    /** Where it was placed and the image it starts from; once, though a restart asks for its spec again. */
    private void logPlacement(long taskId, Workload workload) {
        if (repository.logged(taskId, "task.log.placed")) {
            return;
        }
        String node = workload.nodeId() == null ? "-" : cluster.nodes().stream()
                .filter(n -> n.id() == workload.nodeId()).findFirst().map(NodeInfo::name)
                .orElse("#" + workload.nodeId());
        String devices = workload.deviceIndexes().isEmpty() ? "-" : workload.deviceIndexes().toString();
        repository.log(taskId, clock.instant(), LogPhase.PREPARING, null, "task.log.placed", List.of(node, devices));
        repository.log(taskId, clock.instant(), LogPhase.PULLING, null, "task.log.image",
                List.of(workload.imageReference()));
    }

    /**
     * Keeps its output (the last {@link #OUTPUT_LINES_MAX} lines) tagged RUNNING, then the platform's lines of its
     * end: how it ended, its exit code, and that it was removed and its devices given back.
     */
    @Override
    public void ended(Workload workload, InputStream output) {
        TaskRecord task = repository.byWorkload(workload.id()).orElse(null);
        if (task == null) {
            return;
        }
        java.time.Instant now = clock.instant();
        repository.output(task.getId(), now, lastLines(output));
        long id = task.getId();
        if (RUN_TIME.equals(workload.reason())) {
            repository.log(id, now, LogPhase.CLEANING_UP, null, "task.log.run-time",
                    List.of(String.valueOf(workload.runMinutes())));
        } else if ("workload.reason.preempted".equals(workload.reason())) {
            repository.log(id, now, LogPhase.CLEANING_UP, null, "task.log.preempted", List.of());
        }
        repository.log(id, now, LogPhase.CLEANING_UP, null, "task.log.ended." + phaseKey(workload.phase()),
                List.of());
        if (workload.exitCode() != null) {
            repository.log(id, now, LogPhase.CLEANING_UP, null, "task.log.exit-code",
                    List.of(Integer.toString(workload.exitCode())));
        }
        if (workload.startedAt() != null || workload.runtimeInstance() != null) {
            repository.log(id, now, LogPhase.CLEANING_UP, null, "task.log.removed", List.of());
        }
        if (workload.brokerRequestId() != null) {
            repository.log(id, now, LogPhase.CLEANING_UP, null, "task.log.released",
                    List.of(Integer.toString(workload.devices())));
        }
    }

    private static String phaseKey(Phase phase) {
        return phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static List<String> lastLines(InputStream output) {
        java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() == OUTPUT_LINES_MAX) {
                    lines.removeFirst();
                }
                lines.addLast(line.length() > LINE_MAX ? line.substring(0, LINE_MAX) : line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(lines);
    }

    @Override
    public String page(Workload workload) {
        return "tasks/" + repository.byWorkload(workload.id()).orElseThrow().getId();
    }

    @Override
    public Map<Long, String> pages(Collection<Workload> workloads) {
        Map<Long, String> pages = new HashMap<>();
        repository.byWorkloads(workloads.stream().map(Workload::id).toList())
                .forEach(task -> pages.put(task.getWorkloadId(), "tasks/" + task.getId()));
        return pages;
    }
}
