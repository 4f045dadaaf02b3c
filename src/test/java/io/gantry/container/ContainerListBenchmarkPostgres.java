package io.gantry.container;

import static io.gantry.db.Tables.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.OnPostgres;
import io.gantry.bench.LoadAverage;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.AccountService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import io.gantry.workload.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * Measures the container list's first page over 100,000 containers on PostgreSQL (docs/performance.md, "Container
 * list"): the calls the list view makes for it ({@link ContainerService#countMatching}, then
 * {@link ContainerService#list} of one page in the default order, then the owners' names), as a project manager on
 * the largest project and as a member who sees only their own, unfiltered, by state and by a name search; and
 * PostgreSQL's plan of each statement they send ({@code EXPLAIN (ANALYZE, BUFFERS)}). Only when asked for:
 *
 * <pre>
 * ./mvnw -q test -Dtest=ContainerListBenchmarkPostgres -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>Results are appended to {@code target/benchmarks/container-list.txt}. Sizes: {@code -Dgantry.bench.containers}
 * (100000), {@code -Dgantry.bench.runs} (timed runs per case, 7, after one untimed), {@code -Dgantry.bench.page}
 * (50, the grid's page size).
 */
@OnPostgres
// Nothing of the application's own acts on the seeded rows while they are measured: no resync, no metering.
@TestPropertySource(properties = {"gantry.billing.metering-cron=0 0 0 1 1 ? 2099",
        "gantry.workloads.resync-interval=1h"})
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class ContainerListBenchmarkPostgres {

    static final Path RESULTS = Path.of("target", "benchmarks", "container-list.txt");
    static final int PROJECTS = 10;
    static final int MEMBERS = 5;
    /** The seeded workloads run on a runtime instance no replica of this application is. */
    static final String ELSEWHERE = "bench-another-replica";
    static final String[] MODELS = {"bert", "resnet", "llama", "whisper", "yolo", "t5", "vit", "gpt"};

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    AccountService accounts;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    DSLContext db;
    @Autowired
    SqlRecorder recorder;

    final int count = Integer.getInteger("gantry.bench.containers", 100_000);
    final int runs = Integer.getInteger("gantry.bench.runs", 7);
    final int page = Integer.getInteger("gantry.bench.page", 50);
    final String batch = "bench-list-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    TestAccounts testAccounts;
    final List<Long> projectIds = new ArrayList<>();
    final List<Long> userIds = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    String manager;

    @BeforeEach
    void aHundredThousandContainers() throws IOException {
        testAccounts = new TestAccounts(context);
        manager = TestAccounts.uniqueName("bench-lead");
        long managerId = testAccounts.create(manager, PresetRole.USER);
        for (int u = 0; u < PROJECTS * MEMBERS; u++) {
            String name = TestAccounts.uniqueName("bench-user");
            users.add(name);
            userIds.add(testAccounts.create(name, PresetRole.USER));
        }
        testAccounts.signInAsAdmin();
        for (int p = 0; p < PROJECTS; p++) {
            long[] members = userIds.subList(p * MEMBERS, (p + 1) * MEMBERS).stream().mapToLong(Long::longValue)
                    .toArray();
            projectIds.add(new TestProjects(projects).create(List.of(), members));
        }
        projects.addMembers(projectIds.getFirst(), Set.of(managerId), ProjectRole.MANAGER);
        List<Long> specs = cluster.specs().stream().map(AcceleratorSpec::id).toList();

        // Container g: half of them in the first project, the rest spread over the other nine; in runs of 20 of one
        // member of its project; one every 5 minutes, the newest last (about a year); of the states a year of use
        // leaves: 20% running, 5% each queued, failed and rejected, 50% stopped, 15% deleted (never listed).
        long start = System.nanoTime();
        db.execute("""
                insert into workload (kind, project_id, user_id, name, image_id, image_reference, spec_id, devices,
                                      cpu_cores, memory_mib, runtime, runtime_id, runtime_instance, desired_state, state,
                                      created_at, started_at, ended_at)
                select 'container', (array[%s])[1 + p], (array[%s])[1 + p * %d + (g / 20) %% %d],
                       (array[%s])[1 + (g / 2) %% %d] || '-' || g, 1, 'gantry/python:3-key', (array[%s])[1 + g %% %d],
                       1 + g %% 4, 4, 16384, 'local', cast(? as varchar) || g, ?,
                       case when s < 5 then 'RUNNING' when s < 17 then 'STOPPED' else 'DELETED' end,
                       case when s < 4 then 'RUNNING' when s = 4 then 'QUEUED' when s = 5 then 'FAILED'
                            when s = 6 then 'REJECTED' when s < 17 then 'STOPPED' else 'DELETED' end,
                       created, case when s < 4 or s between 7 and 19 then created + interval '1 minute' end,
                       case when s between 7 and 19 then created + interval '3 hours' end
                from generate_series(0, %d) as g,
                     lateral (select case when g %% 2 = 0 then 0 else 1 + (g / 2) %% %d end as p,
                                     ((g / 2) * 7) %% 20 as s,
                                     now() - (%d - g) * interval '5 minutes' as created) as row
                """.formatted(join(projectIds), join(userIds), MEMBERS, MEMBERS,
                Arrays.stream(MODELS).map(m -> "'" + m + "'").collect(Collectors.joining(",")), MODELS.length,
                join(specs), specs.size(), count - 1, PROJECTS - 1, count), batch, ELSEWHERE);
        db.execute("""
                insert into container (shared_memory_mib, login_method, offers_ssh, offers_jupyter, offers_terminal,
                                       workload_id)
                select 0, 'KEY', true, true, true, id from workload where runtime_id like ?
                """, batch + "%");
        db.execute("analyze workload");
        db.execute("analyze container");
        long seeded = (System.nanoTime() - start) / 1_000_000;
        report(List.of("== container list on PostgreSQL: %,d containers (%,d in the largest project), %d projects of %d members; seeded in %d ms; %s"
                .formatted(count, db.fetchCount(WORKLOAD, WORKLOAD.PROJECT_ID.eq(projectIds.getFirst())
                        .and(WORKLOAD.RUNTIME_ID.startsWith(batch))), PROJECTS, MEMBERS, seeded, Instant.now())));
        testAccounts.signOut();
    }

    @AfterEach
    void removeTheContainers() {
        db.deleteFrom(WORKLOAD).where(WORKLOAD.RUNTIME_ID.startsWith(batch)).execute();
        testAccounts.signOut();
    }

    @Test
    void theFirstPageOfAHundredThousandContainers() throws IOException {
        String loadBefore = LoadAverage.now();
        List<String> out = new ArrayList<>();
        List<Long> medians = new ArrayList<>();
        long largest = projectIds.getFirst();

        testAccounts.signInAs(manager);
        medians.add(measure("manager, all", largest, ContainerFilter.NONE, out));
        medians.add(measure("manager, state RUNNING", largest, new ContainerFilter(null, Phase.RUNNING, false), out));
        medians.add(measure("manager, state FAILED", largest, new ContainerFilter(null, Phase.FAILED, false), out));
        medians.add(measure("manager, name 'whisper'", largest, ContainerFilter.byName("whisper"), out));
        medians.add(measure("manager, name '4242' (rare)", largest, ContainerFilter.byName("4242"), out));
        medians.add(measure("manager, 'whisper' RUNNING", largest, new ContainerFilter("whisper", Phase.RUNNING, false),
                out));
        medians.add(measure("manager, only mine", largest, new ContainerFilter(null, null, true), out));
        out.add("  plans (manager, all):");
        explain(largest, ContainerFilter.NONE, out);
        out.add("  plans (manager, name '4242'):");
        explain(largest, ContainerFilter.byName("4242"), out);
        out.add("  plans (manager, name 'whisper' and RUNNING):");
        explain(largest, new ContainerFilter("whisper", Phase.RUNNING, false), out);

        testAccounts.signInAs(users.getFirst());
        medians.add(measure("member, own", largest, ContainerFilter.NONE, out));
        medians.add(measure("member, own RUNNING", largest, new ContainerFilter(null, Phase.RUNNING, false), out));
        medians.add(measure("member, own name 'llama'", largest, ContainerFilter.byName("llama"), out));
        out.add("  plans (member, own):");
        explain(largest, ContainerFilter.NONE, out);

        out.add("  (load average before/after: %s / %s)".formatted(loadBefore, LoadAverage.now()));
        report(out);
        assertThat(medians).as("each case's median, ms").allMatch(ms -> ms < 300);
    }

    /**
     * Times the first page as the list view asks for it: the count, the page in the default order, the owners'
     * names. Returns the median in ms.
     */
    private long measure(String label, long projectId, ContainerFilter filter, List<String> out) {
        FirstPage first = firstPage(projectId, filter);
        long[] total = new long[runs];
        long[] counting = new long[runs];
        long[] listing = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            containers.countMatching(projectId, filter);
            long counted = System.nanoTime();
            List<Container> rows = containers.list(projectId, filter, List.of(), 0, page);
            long listed = System.nanoTime();
            accounts.refs(rows.stream().map(Container::userId).collect(Collectors.toSet()));
            long named = System.nanoTime();
            total[i] = (named - start) / 1_000_000;
            counting[i] = (counted - start) / 1_000_000;
            listing[i] = (listed - counted) / 1_000_000;
        }
        Arrays.sort(total);
        Arrays.sort(counting);
        Arrays.sort(listing);
        long median = total[runs / 2];
        out.add("  %-30s first page median %4d ms, max %4d ms (count %3d ms, page %3d ms); %,d matching, first %s"
                .formatted(label, median, total[runs - 1], counting[runs / 2], listing[runs / 2], first.matching(),
                        first.rows().isEmpty() ? "-" : first.rows().getFirst().name()));
        return median;
    }

    private FirstPage firstPage(long projectId, ContainerFilter filter) {
        int matching = containers.countMatching(projectId, filter);
        List<Container> rows = containers.list(projectId, filter, List.of(), 0, page);
        assertThat(rows).hasSize(Math.min(page, matching));
        assertThat(rows).allMatch(c -> c.state() != Phase.DELETED);
        return new FirstPage(matching, rows);
    }

    /** PostgreSQL's plan, as it ran, of each statement the first page sends to the container and workload tables. */
    private void explain(long projectId, ContainerFilter filter, List<String> out) {
        List<String> statements = recorder.during(() -> {
            containers.countMatching(projectId, filter);
            containers.list(projectId, filter, List.of(), 0, page);
        });
        for (String sql : statements) {
            if (!sql.contains("\"workload\"") && !sql.contains("\"container\"")) {
                continue;
            }
            out.add("    " + sql);
            plan("explain (analyze, buffers) " + sql).forEach(line -> out.add("      " + line));
        }
    }

    private List<String> plan(String explain) {
        return db.connectionResult(connection -> {
            List<String> lines = new ArrayList<>();
            try (var statement = connection.createStatement(); var rows = statement.executeQuery(explain)) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        });
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static void report(List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private record FirstPage(int matching, List<Container> rows) {
    }

    /** Keeps the SQL (with its values inlined) that jOOQ sends while asked to, from the calling thread only. */
    static final class SqlRecorder implements ExecuteListener {

        private final ThreadLocal<List<String>> recording = new ThreadLocal<>();

        List<String> during(Runnable work) {
            List<String> statements = new CopyOnWriteArrayList<>();
            recording.set(statements);
            try {
                work.run();
            } finally {
                recording.remove();
            }
            return statements;
        }

        @Override
        public void executeStart(ExecuteContext context) {
            List<String> statements = recording.get();
            if (statements != null && context.query() != null) {
                statements.add(context.dsl().renderInlined(context.query()));
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {

        @Bean
        SqlRecorder sqlRecorder() {
            return new SqlRecorder();
        }

        @Bean
        ExecuteListenerProvider sqlRecorderListener(SqlRecorder recorder) {
            return new DefaultExecuteListenerProvider(recorder);
        }
    }
}
