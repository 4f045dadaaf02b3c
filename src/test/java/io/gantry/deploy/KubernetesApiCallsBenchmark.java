package io.gantry.deploy;

import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.kubernetes.MockCluster;
import io.gantry.runtime.kubernetes.MockCluster.ApiCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the Kubernetes API requests the kubernetes runtime makes (docs/performance.md, "Kubernetes runtime"): per
 * container start, per task start, and per resync of N workloads, as the workload reconciler's pass asks the runtime
 * for them (events, state and activity per workload it holds, then one orphan sweep). Against fabric8's mock API server in
 * CRUD mode, so the counts are exact and the times only say how the runtime's own work grows. A {@code main}, not a
 * test: {@code java ... io.gantry.deploy.KubernetesApiCallsBenchmark 100 1000 2000}.
 */
public final class KubernetesApiCallsBenchmark {

    private static final long PROJECT = 12;
    private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");

    private KubernetesApiCallsBenchmark() {
    }

    public static void main(String[] args) {
        // The mock server logs every request; the runtime logs every start.
        QUIET.setLevel(Level.WARNING);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<Integer> sizes = args.length == 0 ? List.of(100, 1000, 2000)
                : Arrays.stream(args).map(Integer::parseInt).toList();
        System.out.println("workloads | container start: calls (first in project / next) | task start: calls "
                + "| resync: calls (per workload / orphan sweep), time | the same on a replica just started");
        for (int size : sizes) {
            measure(size);
        }
    }

    private static void measure(int size) {
        try (MockCluster cluster = new MockCluster()) {
            cluster.addNode(WorkloadSpecs.NODE, WorkloadSpecs.NODE_LABELS, WorkloadSpecs.NODE_ALLOCATABLE);
            WorkloadRuntime runtime = RuntimeUnderTest.of(cluster, java.time.Clock.systemUTC());
            List<String> ids = new ArrayList<>();
            Map<String, Integer> startCalls = new TreeMap<>();
            int first = -1;
            long nextTotal = 0;
            // Containers, each with a whitelist and pull credentials (the most objects a start makes), spread over
            // ten owners so that some starts make a workspace volume and most find one.
            for (int i = 0; i < size; i++) {
                String id = "container-" + i;
                cluster.clearCalls();
                runtime.start(WorkloadSpecs.container(id, PROJECT, "user" + (i % 10), true, true, 8));
                List<ApiCall> calls = cluster.calls();
                if (i == 0) {
                    first = calls.size();
                } else {
                    nextTotal += calls.size();
                }
                if (i == size - 1) {
                    calls.forEach(call -> startCalls.merge(describe(call), 1, Integer::sum));
                }
                ids.add(id);
            }
            cluster.clearCalls();
            String task = "task-0";
            runtime.start(WorkloadSpecs.task(task, PROJECT, "user0"));
            int taskCalls = cluster.calls().size();
            ids.add(task);

            Set<String> expected = new HashSet<>(ids);
            Resync warm = resync(cluster, runtime, ids, expected);
            // A replica that has just started knows no workload's namespace yet.
            Resync cold = resync(cluster, RuntimeUnderTest.of(cluster, java.time.Clock.systemUTC()), ids, expected);
            System.out.printf("%,d | %d / %.2f | %d | %s | %s%n", ids.size(), first,
                    size > 1 ? (double) nextTotal / (size - 1) : 0.0, taskCalls, warm, cold);
            System.out.println("  a container start (not the first): " + startCalls);
        }
    }

    /**
     * What the workload reconciler's resync asks of the runtime: for each workload its events (copied into the
     * workload's), its state and its activity (idle reclaim), then one orphan sweep.
     */
    private static Resync resync(MockCluster cluster, WorkloadRuntime runtime, List<String> ids,
                                 Set<String> expected) {
        cluster.clearCalls();
        long began = System.nanoTime();
        for (String id : ids) {
            runtime.events(id);
            runtime.inspect(id);
            runtime.activity(id);
        }
        int perWorkload = cluster.calls().size();
        cluster.clearCalls();
        runtime.deleteOrphans(() -> expected);
        int sweep = cluster.calls().size();
        return new Resync(perWorkload, sweep, (System.nanoTime() - began) / 1_000_000);
    }

    private record Resync(int perWorkload, int sweep, long millis) {
        @Override
        public String toString() {
            return String.format("%,d (%,d / %,d), %,d ms", perWorkload + sweep, perWorkload, sweep, millis);
        }
    }

    /** The verb and the resource a request needed, without names: {@code create pods}. */
    private static String describe(ApiCall call) {
        ApiPermission permission = ApiPermission.of(call.method(), call.path());
        return permission.verb() + " " + permission.resource();
    }
}
