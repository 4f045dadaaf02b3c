package io.gantry.broker.internal;

import io.gantry.broker.Grant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the broker decides (docs/performance.md): one best-fit placement, and one full scheduling pass over a
 * queue of 10,000 requests, on clusters of 100 to 10,000 nodes of 8 devices (three GPU nodes with one group of 8 to
 * one NPU node with two groups of 4) of which about 62% of the devices are busy.
 */
@BenchmarkMode(Mode.SampleTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class BrokerBenchmark {

    static final long GPU = 1;
    static final long NPU = 2;
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final int PROJECTS = 20;

    /**
     * One request on such a cluster: 2 GPUs (the common case), 8 GPUs (a whole node), 4 NPUs (a whole
     * group, where busy devices split across groups make nodes with enough free devices useless), or a gang of 4
     * nodes × 8 GPUs.
     */
    @State(Scope.Benchmark)
    public static class Occupied {

        @Param({"100", "300", "1000", "3000", "10000"})
        public int nodes;

        @Param({"gpu-1x2", "gpu-1x8", "npu-1x4", "gpu-4x8"})
        public String request;

        ClusterState state;
        Request wanted;

        @Setup(Level.Trial)
        public void setUp() {
            state = cluster(nodes, new Random(42));
            String[] shape = request.split("[-x]");
            int perNode = Integer.parseInt(shape[2]);
            wanted = new Request(1, 1, 10, shape[0].equals("gpu") ? GPU : NPU, Integer.parseInt(shape[1]), perNode,
                    8 * perNode, 64L * 1024 * perNode, 0, false, NOW, 8);
        }
    }

    /** The same clusters with 10,000 requests of 20 projects waiting. */
    @State(Scope.Benchmark)
    public static class Backlog {

        @Param({"100", "300", "1000", "3000", "10000"})
        public int nodes;

        @Param({"10000"})
        public int queued;

        ClusterState base;
        ClusterState state;
        List<Request> queue;
        Limits limits;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(42);
            base = cluster(nodes, random);
            queue = queue(queued, random);
            limits = limits(base);
        }

        @Setup(Level.Invocation)
        public void freshState() {
            state = base.copy();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Optional<List<Grant.Slot>> placeOne(Occupied cluster) {
        return Placer.place(cluster.state, cluster.wanted);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public Broker.Outcome schedulePass(Backlog backlog) {
        return Broker.schedule(backlog.state, backlog.queue, backlog.limits, NOW);
    }

    /**
     * Nodes of 8 devices, each filled by best fit with work of 1, 2, 4 or 8 devices up to a random level (0 to 8
     * devices, 8 for five nodes in twelve: about 62% busy in all). A third of the work has no time limit.
     */
    static ClusterState cluster(int count, Random random) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean npu = i % 4 == 3;
            nodes.add(new Node(i + 1, npu ? NPU : GPU, 8, npu ? 4 : 8, 128, 1024 * 1024, true));
        }
        ClusterState state = new ClusterState(nodes, List.of());
        int[] sizes = {1, 1, 2, 2, 4, 8};
        long id = 1_000_000;
        for (Node node : nodes) {
            int target = Math.min(8, random.nextInt(12));
            int used = 0;
            while (used < target) {
                int size = sizes[random.nextInt(sizes.length)];
                if (used + size > target) {
                    size = Integer.highestOneBit(target - used);
                }
                int project = random.nextInt(PROJECTS) + 1;
                Integer hours = random.nextInt(3) == 0 ? null : 1 + random.nextInt(48);
                Request request = new Request(id++, project, project * 10L + random.nextInt(3), node.specId(), 1,
                        size, 8 * size, 64L * 1024 * size, 0, random.nextInt(5) == 0, NOW.minusSeconds(7200),
                        hours);
                Optional<List<Integer>> devices = Placer.fit(state, node, request);
                if (devices.isEmpty()) {
                    break;
                }
                state.give(new Grant(request, List.of(new Grant.Slot(node.id(), devices.get())),
                        NOW.minusSeconds(3600), hours == null ? null : NOW.plus(Duration.ofHours(hours))));
                used += size;
            }
        }
        return state;
    }

    /** Requests of 20 projects, 3 users each: mostly single-node (1 to 8 devices), one in ten a gang of 2 to 4. */
    static List<Request> queue(int count, Random random) {
        int[] sizes = {1, 1, 2, 2, 4, 8};
        List<Request> queue = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int project = random.nextInt(PROJECTS) + 1;
            long spec = random.nextInt(4) == 3 ? NPU : GPU;
            boolean gang = random.nextInt(10) == 0;
            int nodes = gang ? 2 + random.nextInt(3) : 1;
            int perNode = gang ? 8 : sizes[random.nextInt(sizes.length)];
            Integer hours = random.nextInt(3) == 0 ? null : 1 + random.nextInt(24);
            queue.add(new Request(i + 1, project, project * 10L + random.nextInt(3), spec, nodes, perNode,
                    4 * perNode, 32L * 1024 * perNode, random.nextInt(10) == 0 ? 1 : 0, random.nextInt(5) == 0,
                    NOW.minusSeconds(count - i), hours));
        }
        return queue;
    }

    /** Each project may hold a tenth of each spec's devices. */
    static Limits limits(ClusterState state) {
        Map<Long, Integer> devices = new HashMap<>();
        state.nodes().forEach(n -> devices.merge(n.specId(), n.devices(), Integer::sum));
        Map<String, Integer> quota = new HashMap<>();
        for (int project = 1; project <= PROJECTS; project++) {
            for (Map.Entry<Long, Integer> spec : devices.entrySet()) {
                quota.put(Limits.key(project, spec.getKey()), Math.max(32, spec.getValue() / 10));
            }
        }
        List<Integer> counts = List.of(0, 1, 2, 4, 8);
        return new Limits(quota, Map.of(), Map.of(), Map.of(GPU, counts, NPU, counts), Map.of());
    }
}
