package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.billing.Wallets;
import io.gantry.OnH2;
import io.gantry.bench.CountingConfiguration;
import io.gantry.bench.LoadAverage;
import io.gantry.bench.StatementCounter;
import io.gantry.bench.StatementCounter.Counts;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.db.tables.records.ContainerRecord;
import io.gantry.db.tables.records.WorkloadRecord;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.local.OpenSshClient;
import io.gantry.workload.Phase;
import io.gantry.workload.RuntimeInstance;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadReconciler;
import io.gantry.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures a container's create and the resync of many live ones, on H2 and the local runtime; the figures in
 * docs/performance.md ("Containers"). Not part of the test suite: it runs only when asked for,
 *
 * <pre>
 * ./mvnw -q test -Dtest=ContainerBenchmark -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>and appends its results to {@code target/benchmarks/containers.txt}. Sizes: {@code -Dgantry.bench.runs}
 * (creates, 20), {@code -Dgantry.bench.live} (live containers held during a resync, a list: 0,25,50,100),
 * {@code -Dgantry.bench.passes} (resync passes per size, 3). What it calls in the application is kept in a few small methods
 * ({@link #create}, {@link #awaitRunning}, {@link #sshPort}, {@link #seedLive}, {@link #resync}), so that it follows
 * the lifecycle wherever that lives.
 */
@OnH2
@Import(CountingConfiguration.class)
// Only the benchmark's own resync passes, not the application's periodic ones, fall into the measurements.
@TestPropertySource(properties = "gantry.workloads.resync-interval=1h")
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerBenchmark {

    static final String PASSWORD = "Container-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";
    static final int WARM_UP = 2;
    static final Path RESULTS = Path.of("target", "benchmarks", "containers.txt");

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    Workloads workloads;
    @Autowired
    ContainerRepository repository;
    @Autowired
    ContainerKind kind;
    @Autowired
    DSLContext db;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Clock clock;
    @Autowired
    WorkloadRuntime runtime;
    @Autowired
    ClusterService cluster;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    RuntimeInstance instance;
    @Autowired
    StatementCounter counter;

    final int runs = Integer.getInteger("gantry.bench.runs", 20);
    final List<Integer> live = java.util.Arrays.stream(System.getProperty("gantry.bench.live", "0,25,50,100")
            .split(",")).map(String::strip).map(Integer::valueOf).sorted().toList();
    final int passes = Integer.getInteger("gantry.bench.passes", 3);
    final List<String> started = new ArrayList<>();
    final List<Long> seeded = new ArrayList<>();
    final List<Long> created = new ArrayList<>();
    TestAccounts accounts;
    AcceleratorSpec spec;
    FrameworkImage passwordImage;
    long flavorId;
    long projectId;
    String loadBefore;

    @BeforeEach
    void setUp() {
        loadBefore = LoadAverage.now();
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavorId = cluster.flavors(spec.id()).getFirst().id();
        passwordImage = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password"))
                .findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        String owner = TestAccounts.uniqueName("bench");
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        projectId = testProjects.create(List.of(new Quota(spec.id(), 4, null)), ownerId);
        // A member who signed in, as in the browser.
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        // In parallel: each stop may wait out the grace period, and there may be a thousand.
        try (var stops = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            started.forEach(id -> stops.execute(() -> runtime.stop(id, Duration.ZERO)));
        }
        if (!seeded.isEmpty()) {
            db.update(io.gantry.db.Tables.WORKLOAD).set(io.gantry.db.Tables.WORKLOAD.DESIRED_STATE, "STOPPED")
                    .set(io.gantry.db.Tables.WORKLOAD.STATE, Phase.STOPPED.name())
                    .where(io.gantry.db.Tables.WORKLOAD.ID.in(seeded)).execute();
        }
        accounts.signInAsAdmin();
        for (long id : created) {
            if (containers.container(id).state().isLive()) {
                containers.stop(id);
            }
        }
        accounts.signOut();
    }

    /**
     * A one-device container of an image with SSH password login (and Jupyter, as the demo images), from the service
     * call to the real OpenSSH client's {@code ssh … true} succeeding; and what the database saw from the call until
     * the container was RUNNING. Each run stops its container before the next.
     */
    @Test
    @Order(1)
    void createToSshLogin() throws Exception {
        List<Run> measured = new ArrayList<>();
        for (int run = 0; run < WARM_UP + runs; run++) {
            Counts before = counter.snapshot();
            long start = System.nanoTime();
            long id = create("bench-" + run);
            long created = System.nanoTime();
            awaitRunning(id);
            long running = System.nanoTime();
            Counts counts = counter.snapshot().minus(before);
            int port = sshPort(id);
            OpenSshClient.Result login = OpenSshClient.withPassword(PASSWORD, loginName(), port).ssh(List.of(),
                    "true");
            long loggedIn = System.nanoTime();
            assertThat(login.exitCode()).as(login.errors()).isZero();
            stopAndAwait(id);
            if (run >= WARM_UP) {
                measured.add(new Run(millis(created - start), millis(running - start), millis(loggedIn - start),
                        counts));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("create: %d runs after %d warm-up runs, one container at a time".formatted(runs, WARM_UP));
        lines.add("  service call returns:          " + summary(measured, Run::createCall, " ms"));
        lines.add("  service call to RUNNING:       " + summary(measured, Run::toRunning, " ms"));
        lines.add("  service call to ssh … true:    " + summary(measured, Run::toLogin, " ms"));
        lines.add("  SQL statements to RUNNING:     " + summary(measured, r -> r.counts().statements(), ""));
        lines.add("  transactions to RUNNING:       " + summary(measured, r -> r.counts().transactions(), ""));
        lines.add("  of them read-only:             " + summary(measured, r -> r.counts().readOnly(), ""));
        lines.add("  the run of median statements:  " + measured.stream()
                .sorted(Comparator.comparingLong(r -> r.counts().statements())).toList()
                .get(measured.size() / 2).counts());
        lines.add("  its transactions (by name: the method for @Transactional, unnamed for TransactionTemplate): "
                + measured.stream().sorted(Comparator.comparingLong(r -> r.counts().statements())).toList()
                .get(measured.size() / 2).counts().byTransaction());
        lines.add("  each run (ms to login / statements / transactions): " + measured.stream()
                .map(r -> r.toLogin() + "/" + r.counts().statements() + "/" + r.counts().transactions()).toList());
        report(lines);
    }

    /**
     * One resync with this replica holding N RUNNING containers, each with its process tree and SSH server running in
     * the local runtime, for each N of {@code gantry.bench.live}: the whole pass, its SQL statements and
     * transactions. The containers are copies of one real container's row (see {@link #seedLive}); every pass must
     * leave them all running.
     */
    @Test
    @Order(2)
    void resyncOfLiveContainers() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("resync (WorkloadReconciler.resync) of N live containers this replica holds, %d passes each"
                .formatted(passes));
        long template = create("template");
        awaitRunning(template);
        ContainerRecord containerRow = repository.record(template).orElseThrow();
        WorkloadRecord workloadRow = db.selectFrom(io.gantry.db.Tables.WORKLOAD)
                .where(io.gantry.db.Tables.WORKLOAD.ID.eq(containerRow.getWorkloadId())).fetchSingle();
        stopAndAwait(template);
        List<Long> ids = new ArrayList<>();
        for (int size : live) {
            long seeding = System.nanoTime();
            int adding = size - ids.size();
            ids.addAll(seedLive(workloadRow, containerRow, ids.size(), adding));
            lines.add("  (%d more live containers seeded in %d s)".formatted(adding,
                    millis(System.nanoTime() - seeding) / 1000));
            measureResync(ids.size(), lines);
            if (size > 0) {
                lines.add("         where a pass's time goes: " + resyncBreakdown());
            }
            List<Workload> notRunning = workloads.find(ids).stream().filter(w -> w.phase() != Phase.RUNNING
                    || runtime.inspect(w.runtimeId()).state() != WorkloadState.RUNNING).toList();
            lines.add("         not running after the passes: " + notRunning.stream().limit(5)
                    .map(w -> w.name() + " " + w.phase() + " " + w.reason() + " " + runtime.inspect(w.runtimeId()))
                    .toList() + " (" + notRunning.size() + ")");
            // Each size's figures are kept at once: stopping a thousand workloads afterwards takes minutes.
            report(lines);
            lines.clear();
            loadBefore = LoadAverage.now();
            assertThat(notRunning).as("a resync leaves live containers running").isEmpty();
        }
    }


    private void measureResync(int held, List<String> lines) {
        List<Long> millis = new ArrayList<>();
        List<Counts> counts = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            Counts before = counter.snapshot();
            long start = System.nanoTime();
            resync();
            millis.add(millis(System.nanoTime() - start));
            counts.add(counter.snapshot().minus(before));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        lines.add("  N = %4d: median %d ms, min %d ms, first %d ms; per pass %s".formatted(held,
                sorted.get(sorted.size() / 2), sorted.getFirst(), millis.getFirst(), counts.get(counts.size() / 2)));
        lines.add("         each pass (ms): " + millis);
    }


    /**
     * What the pass asks the runtime for each live workload it holds, timed alone: its state ({@code inspect}) and
     * its activity (for idle reclaim), once each for every seeded workload. For the record only.
     */
    private String resyncBreakdown() {
        long start = System.nanoTime();
        for (String id : started) {
            runtime.inspect(id);
        }
        long inspected = System.nanoTime();
        for (String id : started) {
            runtime.activity(id);
        }
        long observed = System.nanoTime();
        return "the runtime's inspect of %d workloads %d ms, their activity %d ms".formatted(started.size(),
                millis(inspected - start), millis(observed - inspected));
    }


    // What the benchmark calls in the application; adapt these when the lifecycle moves.

    /** A create through the service, as the signed-in member; returns the container's id. */
    private long create(String name) {
        long id = containers.create(new ContainerForm(projectId, name, passwordImage.id(), spec.id(), 1, flavorId, 0,
                Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true)).id();
        created.add(id);
        return id;
    }

    /** Waits (polling every 2 ms, not counted) until the container is RUNNING. */
    private void awaitRunning(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Phase state = counter.ignoring(() -> containers.container(id).state());
            if (state == Phase.RUNNING) {
                return;
            }
            if (!state.isLive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Container " + id + " did not start: " + state);
            }
            Thread.sleep(2);
        }
    }

    /**
     * Stops a container and waits until it has ended: a stop asked just as its start returns is carried out by the
     * periodic check a few seconds later, which must not fall into a measurement (nor outlive the test).
     */
    private void stopAndAwait(long id) throws InterruptedException {
        containers.stop(id);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (counter.ignoring(() -> containers.container(id).state()).isLive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Container " + id + " did not stop");
            }
            Thread.sleep(20);
        }
    }

    private int sshPort(long id) {
        String command = counter.ignoring(() -> containers.connection(id).sshCommand());
        return Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));
    }

    private String loginName() {
        return io.gantry.identity.CurrentUser.get().orElseThrow().username();
    }


    /**
     * {@code count} RUNNING container workloads held by this replica, made from a running container's rows: workload
     * and container rows copied with jOOQ (same owner, project, image, node and device indexes; a runtime id of their
     * own; no broker request; started and last active now; Jupyter off, so that a thousand of them fit on one
     * machine), each started for real in the local runtime (its process tree and SSH server) with the spec the
     * container kind gives, as the reconciler starts a placed workload. A RUNNING workload its runtime does not hold
     * is one the resync fails as lost, so rows and start commit together. Not through the service: a project's quota
     * and the machine's devices hold far fewer. Returns the workloads' ids.
     */
    private List<Long> seedLive(WorkloadRecord workloadTemplate, ContainerRecord containerTemplate, int first,
                                int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String name = "live-" + i;
            ids.add(transaction.execute(tx -> {
                Instant now = clock.instant();
                WorkloadRecord workload = db.newRecord(io.gantry.db.Tables.WORKLOAD, workloadTemplate);
                workload.changed(io.gantry.db.Tables.WORKLOAD.ID, false);
                workload.setName(name);
                workload.setRuntimeId("container-bench-" + UUID.randomUUID());
                workload.setRuntimeInstance(instance.id());
                workload.setBrokerRequestId(null);
                workload.setDesiredState("RUNNING");
                workload.setState(Phase.RUNNING.name());
                workload.setReason(null);
                workload.setReasonArguments(null);
                workload.setStopReason(null);
                workload.setStopReasonArguments(null);
                workload.setExitCode(null);
                workload.setEndedAt(null);
                workload.setStartedAt(now);
                workload.setLastActivityAt(now);
                workload.setLeaseOwner(null);
                workload.setLeaseUntil(null);
                workload.setWarnings(null);
                workload.store();
                ContainerRecord container = db.newRecord(io.gantry.db.Tables.CONTAINER, containerTemplate);
                container.changed(io.gantry.db.Tables.CONTAINER.ID, false);
                container.setWorkloadId(workload.getId());
                container.setOffersJupyter(false);
                container.setJupyterTokenEncrypted(null);
                container.store();
                Workload seededWorkload = workloads.find(workload.getId()).orElseThrow();
                var status = runtime.start(kind.spec(seededWorkload));
                started.add(seededWorkload.runtimeId());
                if (status.state() != WorkloadState.RUNNING) {
                    throw new IllegalStateException("Live workload " + name + " did not start: " + status);
                }
                return workload.getId();
            }));
        }
        seeded.addAll(ids);
        return ids;
    }

    /** One resync of every unsettled workload: the periodic pass. */
    private void resync() {
        reconciler.resync();
    }


    private record Run(long createCall, long toRunning, long toLogin, Counts counts) {
    }

    private static <T> String summary(List<T> values, ToLongFunction<T> value, String unit) {
        List<Long> sorted = values.stream().map(value::applyAsLong).sorted().toList();
        return "median %d%s, min %d%s, max %d%s".formatted(sorted.get(sorted.size() / 2), unit, sorted.getFirst(),
                unit, sorted.getLast(), unit);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private void report(List<String> lines) throws IOException {
        lines.add("  (load average before/after: %s / %s)".formatted(loadBefore, LoadAverage.now()));
        lines.forEach(System.out::println);
        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
