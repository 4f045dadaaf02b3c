package io.gantry.runtime.local;

import io.gantry.runtime.ReconcileResult;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart of the app, matches the workloads the records expect with the processes that still run: a live
 * main process is taken over, an expected workload without one is reported lost (and whatever is left of it
 * killed), and live workloads nobody expects are stopped. Main processes outlive the app; their side services do not.
 */
final class Adoption {

    private static final Logger log = LoggerFactory.getLogger(Adoption.class);

    private final String scope;
    private final RuntimeFolders folders;
    private final Duration stopGrace;
    private final Clock clock;

    Adoption(String scope, RuntimeFolders folders, Duration stopGrace, Clock clock) {
        this.scope = scope;
        this.folders = folders;
        this.stopGrace = stopGrace;
        this.clock = clock;
    }

    /**
     * @param held     what the runtime holds of a workload id now, or null
     * @param takeOver takes a workload over from its main process, which runs and is the one its folder names
     */
    ReconcileResult reconcile(Map<String, WorkloadSpec> expected, Function<String, LocalWorkload> held,
                              BiConsumer<WorkloadSpec, ProcessHandle> takeOver) {
        Map<String, List<ProcessHandle>> live = WorkloadProcesses.all(scope);
        List<String> adopted = new ArrayList<>();
        List<WorkloadStatus> lost = new ArrayList<>();
        for (WorkloadSpec spec : expected.values()) {
            LocalWorkload holding = held.apply(spec.id());
            if (holding != null && holding.live()) {
                adopted.add(spec.id());
                continue;
            }
            List<ProcessHandle> processes = live.getOrDefault(spec.id(), List.of());
            Optional<ProcessHandle> main = folders.mainOf(spec.id()).filter(processes::contains);
            if (main.isEmpty()) {
                WorkloadProcesses.kill(scope, spec.id(), Duration.ZERO);
                lost.add(new WorkloadStatus(spec.id(), WorkloadState.FAILED, null, "runtime.reason.lost", List.of(),
                        clock.instant()));
                continue;
            }
            endStrays(main.get(), processes);
            takeOver.accept(spec, main.get());
            adopted.add(spec.id());
        }
        List<String> orphans = new ArrayList<>();
        for (String id : live.keySet()) {
            LocalWorkload holding = held.apply(id);
            if (!expected.containsKey(id) && (holding == null || !holding.live())) {
                WorkloadProcesses.kill(scope, id, stopGrace);
                orphans.add(id);
            }
        }
        if (!adopted.isEmpty() || !lost.isEmpty() || !orphans.isEmpty()) {
            log.info("Reconciled the local runtime: adopted {}, lost {}, orphans stopped {}", adopted,
                    lost.stream().map(WorkloadStatus::workloadId).toList(), orphans);
        }
        return new ReconcileResult(adopted, lost, orphans);
    }

    /** The sessions, terminals and Jupyter of the old app died with it; what they left outside the main tree goes. */
    private static void endStrays(ProcessHandle main, List<ProcessHandle> processes) {
        Set<ProcessHandle> tree = main.descendants().collect(Collectors.toSet());
        processes.stream().filter(p -> !p.equals(main) && !tree.contains(p)).forEach(ProcessHandle::destroyForcibly);
    }
}
