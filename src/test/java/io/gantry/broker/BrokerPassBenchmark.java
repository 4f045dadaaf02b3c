package io.gantry.broker;

import static io.gantry.db.Tables.ALLOCATION;
import static io.gantry.db.Tables.BROKER_REQUEST;
import static io.gantry.db.Tables.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.bench.LoadAverage;
import io.gantry.bench.StatementCounter;
import io.gantry.bench.StatementCounter.Counts;
import io.gantry.broker.internal.Broker;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Measures the broker through the database (docs/performance.md, "Broker through the database"): a scheduling pass
 * and submits, with 1,000 nodes of 8 devices about 62% busy and 1,000 or 10,000 requests of 20 projects waiting. Run on
 * H2 ({@link BrokerPassBenchmarkH2}) and PostgreSQL ({@link BrokerPassBenchmarkPostgres}), only when asked for:
 *
 * <pre>
 * ./mvnw -q test -Dtest='BrokerPassBenchmark*' -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>Results are appended to {@code target/benchmarks/broker.txt}. Sizes: {@code -Dgantry.bench.nodes} (1000),
 * {@code -Dgantry.bench.waiting} (a list: 1000,10000), {@code -Dgantry.bench.passes} (passes per depth, 3),
 * {@code -Dgantry.bench.submits} (one after another, 20), {@code -Dgantry.bench.threads} and
 * {@code -Dgantry.bench.seconds} (the sustained burst: 4 threads submitting back to back for 10 s). What the
 * benchmark calls in the application is kept in a few small methods at the end ({@link #pass}, {@link #submit},
 * {@link #awaitPasses}).
 */
abstract class BrokerPassBenchmark {

    static final Path RESULTS = Path.of("target", "benchmarks", "broker.txt");
    static final int PROJECTS = 20;
    static final String PREFIX = "bench-";

    @Autowired
    ApplicationContext context;
    @Autowired
    BrokerService broker;
    @Autowired
    ClusterService cluster;
    @Autowired
    ProjectService projects;
    @Autowired
    DSLContext db;
    @Autowired
    Clock clock;
    @Autowired
    StatementCounter counter;

    final int nodeCount = Integer.getInteger("gantry.bench.nodes", 1000);
    final List<Integer> depths = java.util.Arrays.stream(System.getProperty("gantry.bench.waiting", "1000,10000")
            .split(",")).map(String::strip).map(Integer::valueOf).toList();
    final int passes = Integer.getInteger("gantry.bench.passes", 3);
    final int submits = Integer.getInteger("gantry.bench.submits", 20);
    final int threads = Integer.getInteger("gantry.bench.threads", 4);
    final int seconds = Integer.getInteger("gantry.bench.seconds", 10);

    TestAccounts accounts;
    AcceleratorSpec gpu;
    AcceleratorSpec npu;
    final List<Long> nodeIds = new ArrayList<>();
    final List<Long> projectIds = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    final List<Long> userIds = new ArrayList<>();
    String loadBefore;

    /** The database this subclass runs on, for the results. */
    abstract String database();

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        gpu = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        npu = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910")).findFirst().orElseThrow();
        new TestProjects(projects).releaseAllQuotas();
        // Cordoned, so that only the benchmark's nodes take work.
        cluster.nodes().stream().filter(n -> n.schedulable()).forEach(n -> cluster.setSchedulable(n.id(), false));
        seedNodes();
        // The 20 projects share each spec's devices in equal quotas (all quotas together may not exceed the
        // cluster); 3 members each.
        int gpuDevices = 8 * (nodeCount - nodeCount / 4);
        int npuDevices = 8 * (nodeCount / 4);
        for (int p = 0; p < PROJECTS; p++) {
            long[] members = new long[3];
            for (int u = 0; u < 3; u++) {
                String name = TestAccounts.uniqueName("bu");
                members[u] = accounts.create(name, PresetRole.USER);
                users.add(name);
                userIds.add(members[u]);
            }
            projectIds.add(new TestProjects(projects).create(List.of(
                    new Quota(gpu.id(), gpuDevices / PROJECTS, null),
                    new Quota(npu.id(), npuDevices / PROJECTS, null)), members));
        }
        loadBefore = LoadAverage.now();
    }

    @AfterEach
    void tearDown() {
        clearRequests();
        db.deleteFrom(NODE).where(NODE.NAME.startsWith(PREFIX)).execute();
        accounts.signInAsAdmin();
        cluster.nodes().forEach(n -> cluster.setSchedulable(n.id(), true));
        new TestProjects(projects).releaseAllQuotas();
        accounts.signOut();
    }

    @Test
    void passesAndSubmitsAtDepth() throws Exception {
        report(List.of("== broker through the database on %s: %d nodes x 8 devices, %s waiting, %s"
                .formatted(database(), nodeCount, depths, Instant.now())));
        for (int depth : depths) {
            List<String> lines = new ArrayList<>();
            clearRequests();
            Random random = new Random(42);
            int running = seedRunning(random);
            seedQueue(depth, random);
            lines.add("-- %d waiting, %d running on %d nodes (%s)".formatted(depth, running, nodeCount, database()));
            measurePasses(lines);
            measureSubmitsOneAfterAnother(depth, lines);
            measureSustainedSubmits(lines);
            report(lines);
            loadBefore = LoadAverage.now();
        }
    }

    /** Passes one after another: the first on the fresh queue, then with nothing changed. */
    private void measurePasses(List<String> lines) {
        accounts.signInAsAdmin();
        for (int i = 0; i < passes; i++) {
            Counts before = counter.snapshot();
            long start = System.nanoTime();
            Broker.Outcome outcome = pass();
            long ms = millis(System.nanoTime() - start);
            Counts counts = counter.snapshot().minus(before);
            lines.add("  pass %d: %d ms, placed %d, evicted %d, waiting %d; %s".formatted(i + 1, ms,
                    outcome.placed().size(), outcome.evicted().size(), outcome.waiting().size(), counts));
        }
    }

    /** Submits one after another by one member, each into the next project; each call's time. */
    private void measureSubmitsOneAfterAnother(int depth, List<String> lines) throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        Counts before = counter.snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < submits; i++) {
            int project = i % PROJECTS;
            accounts.signInAs(users.get(project * 3));
            long t = System.nanoTime();
            submit(projectIds.get(project), i);
            latencies.add(System.nanoTime() - t);
        }
        long calls = System.nanoTime() - start;
        awaitPasses();
        long settled = System.nanoTime() - start;
        Counts counts = counter.snapshot().minus(before);
        lines.add("  %d submits one after another at depth %d: %s; %.1f per second; all passes done %d ms after the "
                .formatted(submits, depth, latency(latencies), submits * 1e9 / calls, millis(settled))
                + "first call; per submit %d statements (%s)".formatted(counts.statements() / submits, counts));
    }

    /** Several members submitting back to back for a while: how many the platform takes, and how fast it answers. */
    private void measureSustainedSubmits(List<String> lines) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        Counts before = counter.snapshot();
        long start;
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int worker = t;
                pool.execute(() -> {
                    int project = (worker * 7) % PROJECTS;
                    accounts.signInAs(users.get(project * 3 + 1));
                    ready.countDown();
                    for (int i = 0; !stop.get(); i++) {
                        long at = System.nanoTime();
                        try {
                            submit(projectIds.get(project), 100_000 * (worker + 1) + i);
                            latencies.add(System.nanoTime() - at);
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                    accounts.signOut();
                });
            }
            ready.await();
            start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
        }
        long calls = System.nanoTime() - start;
        awaitPasses();
        long settled = System.nanoTime() - start;
        Counts counts = counter.snapshot().minus(before);
        int done = latencies.size();
        lines.add("  sustained, %d threads for %d s: %d submits, %.1f per second; %s; all passes done %d ms after the "
                .formatted(threads, seconds, done, done * 1e9 / calls, latency(new ArrayList<>(latencies)),
                        millis(settled))
                + "start; %d failed %s; per submit %d statements (%s)".formatted(failures.size(),
                failures.stream().limit(3).toList(), done == 0 ? 0 : counts.statements() / done, counts));
    }

    // -- Seeding: rows written with jOOQ, not through the service (a project's quota and the seeding time forbid).

    /** Nodes of 8 devices: three GPU nodes (one group of 8) to one NPU node (two groups of 4), 128 cores, 1 TiB. */
    private void seedNodes() {
        Instant now = clock.instant();
        List<Query> inserts = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            boolean isNpu = i % 4 == 3;
            inserts.add(db.insertInto(NODE).set(NODE.NAME, PREFIX + "node-" + i).set(NODE.ADDRESS, "10.0.0." + i)
                    .set(NODE.SPEC_ID, isNpu ? npu.id() : gpu.id()).set(NODE.DEVICE_COUNT, 8).set(NODE.CPU_CORES, 128)
                    .set(NODE.MEMORY_MIB, 1024L * 1024).set(NODE.SCHEDULABLE, true).set(NODE.SIMULATED, true)
                    .set(NODE.CREATED_AT, now));
        }
        db.batch(inserts).execute();
        nodeIds.clear();
        nodeIds.addAll(db.select(NODE.ID).from(NODE).where(NODE.NAME.startsWith(PREFIX)).orderBy(NODE.ID)
                .fetch(NODE.ID));
    }

    /**
     * Running work: each node filled by best fit with work of 1, 2, 4 or 8 devices up to a random level between 0 and
     * 8 devices (8 for five nodes in twelve), as the pure broker's benchmark does. A third has no time limit, a fifth
     * is preemptible. Returns how many requests run.
     */
    private int seedRunning(Random random) {
        Instant now = clock.instant();
        int[] sizes = {1, 1, 2, 2, 4, 8};
        int count = 0;
        List<Query> allocations = new ArrayList<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            boolean isNpu = i % 4 == 3;
            int group = isNpu ? 4 : 8;
            boolean[] busy = new boolean[8];
            int target = Math.min(8, random.nextInt(12));
            int used = 0;
            while (used < target) {
                int size = sizes[random.nextInt(sizes.length)];
                if (used + size > target) {
                    size = Integer.highestOneBit(target - used);
                }
                Optional<List<Integer>> devices = fit(busy, group, size);
                if (devices.isEmpty()) {
                    break;
                }
                int project = random.nextInt(PROJECTS);
                Integer hours = random.nextInt(3) == 0 ? null : 1 + random.nextInt(48);
                long id = db.insertInto(BROKER_REQUEST)
                        .set(BROKER_REQUEST.PROJECT_ID, projectIds.get(project))
                        .set(BROKER_REQUEST.USER_ID, userIds.get(project * 3 + random.nextInt(3)))
                        .set(BROKER_REQUEST.SPEC_ID, isNpu ? npu.id() : gpu.id())
                        .set(BROKER_REQUEST.NODES, 1).set(BROKER_REQUEST.DEVICES_PER_NODE, size)
                        .set(BROKER_REQUEST.CPU_PER_NODE, 8 * size)
                        .set(BROKER_REQUEST.MEMORY_MIB_PER_NODE, 64L * 1024 * size)
                        .set(BROKER_REQUEST.PRIORITY, 0).set(BROKER_REQUEST.PREEMPTIBLE, random.nextInt(5) == 0)
                        .set(BROKER_REQUEST.MAX_HOURS, hours).set(BROKER_REQUEST.WORKLOAD, PREFIX + "run-" + count)
                        .set(BROKER_REQUEST.STATUS, RequestStatus.PLACED.name())
                        .set(BROKER_REQUEST.SUBMITTED_AT, now.minus(Duration.ofHours(2)))
                        .set(BROKER_REQUEST.PLACED_AT, now.minus(Duration.ofHours(1)))
                        .set(BROKER_REQUEST.ENDS_BY, hours == null ? null : now.plus(Duration.ofHours(hours)))
                        .returningResult(BROKER_REQUEST.ID).fetchOne(BROKER_REQUEST.ID);
                for (int device : devices.get()) {
                    busy[device] = true;
                    allocations.add(db.insertInto(ALLOCATION).set(ALLOCATION.REQUEST_ID, id)
                            .set(ALLOCATION.NODE_ID, nodeIds.get(i)).set(ALLOCATION.DEVICE_INDEX, device));
                }
                used += size;
                count++;
            }
        }
        db.batch(allocations).execute();
        return count;
    }

    /** Best fit inside one node: the group with the fewest free devices that still holds a request of this size. */
    private static Optional<List<Integer>> fit(boolean[] busy, int groupSize, int size) {
        int best = -1;
        int bestFree = Integer.MAX_VALUE;
        for (int group = 0; group < 8 / groupSize; group++) {
            int free = 0;
            for (int d = group * groupSize; d < (group + 1) * groupSize; d++) {
                free += busy[d] ? 0 : 1;
            }
            if (size <= groupSize && free >= size && free < bestFree) {
                best = group;
                bestFree = free;
            }
        }
        if (size > groupSize) {
            for (boolean b : busy) {
                if (b) {
                    return Optional.empty();
                }
            }
            List<Integer> all = new ArrayList<>();
            for (int d = 0; d < size; d++) {
                all.add(d);
            }
            return Optional.of(all);
        }
        if (best < 0) {
            return Optional.empty();
        }
        List<Integer> devices = new ArrayList<>();
        for (int d = best * groupSize; d < (best + 1) * groupSize && devices.size() < size; d++) {
            if (!busy[d]) {
                devices.add(d);
            }
        }
        return Optional.of(devices);
    }

    /**
     * Waiting requests of the 20 projects: a tenth gangs of 2 to 4 whole nodes, the rest 1, 2, 4 or 8 devices, three
     * quarters GPU; one in ten of priority 1, one in five preemptible, two thirds with a time limit of 1 to 24 hours.
     */
    private void seedQueue(int count, Random random) {
        Instant now = clock.instant();
        int[] sizes = {1, 1, 2, 2, 4, 8};
        List<Query> inserts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int project = random.nextInt(PROJECTS);
            boolean isNpu = random.nextInt(4) == 3;
            boolean gang = random.nextInt(10) == 0;
            int perNode = gang ? 8 : sizes[random.nextInt(sizes.length)];
            Integer hours = random.nextInt(3) == 0 ? null : 1 + random.nextInt(24);
            inserts.add(db.insertInto(BROKER_REQUEST)
                    .set(BROKER_REQUEST.PROJECT_ID, projectIds.get(project))
                    .set(BROKER_REQUEST.USER_ID, userIds.get(project * 3 + random.nextInt(3)))
                    .set(BROKER_REQUEST.SPEC_ID, isNpu ? npu.id() : gpu.id())
                    .set(BROKER_REQUEST.NODES, gang ? 2 + random.nextInt(3) : 1)
                    .set(BROKER_REQUEST.DEVICES_PER_NODE, perNode)
                    .set(BROKER_REQUEST.CPU_PER_NODE, 4 * perNode)
                    .set(BROKER_REQUEST.MEMORY_MIB_PER_NODE, 32L * 1024 * perNode)
                    .set(BROKER_REQUEST.PRIORITY, random.nextInt(10) == 0 ? 1 : 0)
                    .set(BROKER_REQUEST.PREEMPTIBLE, random.nextInt(5) == 0)
                    .set(BROKER_REQUEST.MAX_HOURS, hours).set(BROKER_REQUEST.WORKLOAD, PREFIX + "q-" + i)
                    .set(BROKER_REQUEST.STATUS, RequestStatus.QUEUED.name())
                    .set(BROKER_REQUEST.SUBMITTED_AT, now.minusSeconds(count - i)));
            if (inserts.size() == 1000) {
                db.batch(inserts).execute();
                inserts.clear();
            }
        }
        if (!inserts.isEmpty()) {
            db.batch(inserts).execute();
        }
    }

    private void clearRequests() {
        awaitPasses();
        db.deleteFrom(ALLOCATION).where(ALLOCATION.REQUEST_ID.in(db.select(BROKER_REQUEST.ID).from(BROKER_REQUEST)
                .where(BROKER_REQUEST.WORKLOAD.startsWith(PREFIX)))).execute();
        db.deleteFrom(BROKER_REQUEST).where(BROKER_REQUEST.WORKLOAD.startsWith(PREFIX)).execute();
    }

    // -- What the benchmark calls in the application; adapt these when the broker's API moves.

    /** One scheduling pass, as the queue page's "schedule now" runs it. */
    private Broker.Outcome pass() {
        return broker.schedule();
    }

    /** One request of 2 GPUs (the "medium" flavour on each) by the signed-in member. */
    private void submit(long projectId, int i) {
        QueuedRequest request = broker.submit(new RequestForm(projectId, gpu.id(), 1, 2, 8, 32 * 1024, 0, false,
                8, PREFIX + "s-" + i));
        assertThat(request.status()).isNotEqualTo(RequestStatus.REFUSED);
    }

    /** Waits until the passes that submits asked for have run. */
    private void awaitPasses() {
        try {
            assertThat(context.getBean(Passes.class).awaitAsked(Duration.ofMinutes(5))).as("passes done").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // -- Reporting

    private static String latency(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no call returned";
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return "call median %d ms, p95 %d ms, max %d ms".formatted(millis(sorted.get(sorted.size() / 2)),
                millis(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1))),
                millis(sorted.getLast()));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private void report(List<String> lines) throws IOException {
        List<String> all = new ArrayList<>(lines);
        all.add("  (load average before/after: %s / %s)".formatted(loadBefore, LoadAverage.now()));
        all.forEach(System.out::println);
        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, all, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
