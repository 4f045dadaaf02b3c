package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.OnH2;
import io.gantry.bench.LoadAverage;
import io.gantry.billing.Wallets;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.workload.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Measures a manager's batch create on H2 and the local runtime: {@code gantry.bench.batch} containers (50) for ten
 * members, from the service call until every one is RUNNING; the figures in docs/performance.md ("Batch create"). Not
 * part of the test suite: it runs only when asked for,
 *
 * <pre>
 * ./mvnw -q test -Dtest=BatchCreateBenchmark -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>and appends its results to {@code target/benchmarks/batch-create.txt}. The containers ask for no devices (the
 * spec allows 0), so that fifty fit the simulated nodes' CPU and memory; each is a real sandboxed process with its SSH
 * server, as any container on the local runtime.
 */
@OnH2
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class BatchCreateBenchmark {

    static final Path RESULTS = Path.of("target", "benchmarks", "batch-create.txt");
    static final int MEMBERS = 10;

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    ClusterService cluster;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;

    final int size = Integer.getInteger("gantry.bench.batch", 50);
    final List<Long> created = new ArrayList<>();
    TestAccounts accounts;
    long projectId;

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        for (long id : created) {
            if (containers.container(id).state().isLive()) {
                containers.stop(id);
            }
        }
        accounts.signOut();
    }

    @Test
    void batchCreateUntilAllRun() throws IOException, InterruptedException {
        String loadBefore = LoadAverage.now();
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        AcceleratorSpec spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        long flavorId = cluster.flavors(spec.id()).getFirst().id();
        FrameworkImage image = cluster.images().stream()
                .filter(i -> i.reference().equals("gantry/python:3-password")).findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        String manager = TestAccounts.uniqueName("bm");
        long managerId = accounts.activate(accounts.create(manager, PresetRole.USER));
        projectId = testProjects.create(List.of(new Quota(spec.id(), 4, null)));
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        Map<Long, Integer> perMember = new LinkedHashMap<>();
        for (int i = 0; i < MEMBERS; i++) {
            long member = accounts.activate(accounts.create(TestAccounts.uniqueName("mb"), PresetRole.USER));
            projects.addMembers(projectId, Set.of(member), ProjectRole.MEMBER);
            perMember.put(member, size / MEMBERS + (i < size % MEMBERS ? 1 : 0));
        }
        accounts.signInAs(manager);
        ContainerForm settings = new ContainerForm(projectId, "bench", image.id(), spec.id(), 0, flavorId, 0,
                Set.of(), "Container-Pass-1", "Terminal-Pass-1", null, true);

        long start = System.nanoTime();
        List<Container> batch = containers.createBatch(settings, perMember);
        long returned = System.nanoTime();
        batch.forEach(c -> created.add(c.id()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        List<Long> waiting = new ArrayList<>(created);
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            waiting.removeIf(id -> containers.container(id).state() == Phase.RUNNING);
            // A benchmark, not a test: polled as a user watching the list would, a few times a second.
            Thread.sleep(100);
        }
        long allRunning = System.nanoTime();
        assertThat(waiting).as("containers not RUNNING after 10 minutes").isEmpty();

        List<String> lines = List.of(
                "batch create: %d containers for %d members, no devices, local runtime, H2".formatted(batch.size(),
                        MEMBERS),
                "  service call returns:     %d ms".formatted((returned - start) / 1_000_000),
                "  service call to all RUNNING: %d ms".formatted((allRunning - start) / 1_000_000),
                "  load average before / after: %s / %s".formatted(loadBefore, LoadAverage.now()));
        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
    }
}
