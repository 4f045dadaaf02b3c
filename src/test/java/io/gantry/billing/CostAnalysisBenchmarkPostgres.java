package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.OnPostgres;
import io.gantry.bench.LoadAverage;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Measures cost analysis over a large ledger (docs/performance.md, "Cost analysis"): 1,000,000 charges of 20 projects
 * with 5 members each, spread evenly over two years, written by one {@code INSERT … SELECT} over
 * {@code generate_series}; then every chart (each period × dimension) over the whole two years as a platform admin,
 * and the same as a project manager and as a member. Only when asked for:
 *
 * <pre>
 * ./mvnw -q test -Dtest=CostAnalysisBenchmarkPostgres -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>Results are appended to {@code target/benchmarks/costs.txt}. Sizes: {@code -Dgantry.bench.lines} (1000000),
 * {@code -Dgantry.bench.runs} (timed runs per chart, 5, after one untimed).
 */
@OnPostgres
@TestPropertySource(properties = "gantry.time-zone=Asia/Shanghai")
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class CostAnalysisBenchmarkPostgres {

    static final Path RESULTS = Path.of("target", "benchmarks", "costs.txt");
    static final int PROJECTS = 20;
    static final int MEMBERS = 5;
    /** The benchmark's charges carry workload ids from here on, far above any real workload's. */
    static final long WORKLOADS = 9_000_000_000L;
    static final LocalDate FROM = LocalDate.parse("2024-01-01");
    static final LocalDate TO = LocalDate.parse("2025-12-31");

    @Autowired
    ApplicationContext context;
    @Autowired
    CostService costs;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    DSLContext db;

    final int lines = Integer.getInteger("gantry.bench.lines", 1_000_000);
    final int runs = Integer.getInteger("gantry.bench.runs", 5);

    TestAccounts accounts;
    final List<Long> projectIds = new ArrayList<>();
    final List<Long> userIds = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    String manager;

    @BeforeEach
    void aLedgerOfAMillionCharges() throws IOException {
        accounts = new TestAccounts(context);
        manager = TestAccounts.uniqueName("bench-boss");
        long managerId = accounts.create(manager, PresetRole.USER);
        for (int u = 0; u < PROJECTS * MEMBERS; u++) {
            String name = TestAccounts.uniqueName("bench-payer");
            users.add(name);
            userIds.add(accounts.create(name, PresetRole.USER));
        }
        accounts.signInAsAdmin();
        for (int p = 0; p < PROJECTS; p++) {
            long[] members = userIds.subList(p * MEMBERS, (p + 1) * MEMBERS).stream().mapToLong(Long::longValue)
                    .toArray();
            projectIds.add(new TestProjects(projects).create(List.of(), members));
        }
        projects.addMembers(projectIds.getFirst(), Set.of(managerId), ProjectRole.MANAGER);
        List<Long> specs = cluster.specs().stream().map(AcceleratorSpec::id).limit(4).toList();

        // Line g: one every 63 s over two years from FROM in UTC, of run g / 60 (a workload charged for 60 minutes in
        // a row, as metering charges running work minute by minute), which is the member r mod 100's, in that
        // member's project, of one service type and spec.
        long start = System.nanoTime();
        db.execute("""
                insert into ledger_line (project_id, at, type, amount, workload_id, charged_minute, service_type, spec_id,
                                         user_id)
                select (array[%s])[1 + (r %% %d) / %d],
                       timestamp with time zone '2023-12-31 16:00:00+00' + g * interval '63 seconds',
                       'CHARGE', -(0.01 + (g %% 997) / 100.0), %d + r,
                       date_trunc('minute', timestamp with time zone '2023-12-31 16:00:00+00' + g * interval '63 seconds'),
                       (array['CONTAINER', 'TASK', 'TRAINING', 'INFERENCE'])[1 + (r / 7) %% 4],
                       (array[%s])[1 + (r / 3) %% %d],
                       (array[%s])[1 + r %% %d]
                from generate_series(0, %d) as g, lateral (select g / 60 as r) as run
                """.formatted(join(projectIds), PROJECTS * MEMBERS, MEMBERS, WORKLOADS, join(specs), specs.size(),
                join(userIds), userIds.size(), lines - 1));
        db.execute("analyze ledger_line");
        // The hourly summary as production has it for lines written before it existed: the migration's statement
        // (db/changelog/021-cost-hours.yaml), over these lines only.
        db.execute("""
                insert into cost_hour (hour_start, project_id, user_id, spec_id, service_type, amount)
                select date_trunc('hour', at at time zone 'UTC') at time zone 'UTC', project_id, coalesce(user_id, 0),
                coalesce(spec_id, 0), coalesce(service_type, ''), -sum(amount)
                from ledger_line where type = 'CHARGE' and workload_id >= %d
                group by 1, 2, 3, 4, 5
                """.formatted(WORKLOADS));
        db.execute("analyze cost_hour");
        long seeded = System.nanoTime() - start;
        int summary = db.fetchCount(io.gantry.db.Tables.COST_HOUR,
                io.gantry.db.Tables.COST_HOUR.PROJECT_ID.in(projectIds));
        report(List.of("== cost analysis on PostgreSQL: %,d charges of %d projects, %d members each, %s to %s; seeded in %d ms; %,d summary rows; %s"
                .formatted(lines, PROJECTS, MEMBERS, FROM, TO, seeded / 1_000_000, summary, Instant.now())));
        accounts.signOut();
    }

    @AfterEach
    void removeTheCharges() {
        db.deleteFrom(LEDGER_LINE).where(LEDGER_LINE.WORKLOAD_ID.ge(WORKLOADS)).execute();
        db.deleteFrom(io.gantry.db.Tables.COST_HOUR).where(io.gantry.db.Tables.COST_HOUR.PROJECT_ID.in(projectIds))
                .execute();
        accounts.signOut();
    }

    @Test
    void everyChartOverAMillionCharges() throws IOException {
        String loadBefore = LoadAverage.now();
        List<String> out = new ArrayList<>();
        List<Long> worst = new ArrayList<>();
        accounts.signInAsAdmin();
        CostReport all = costs.analyse(new CostQuery(FROM, TO, CostPeriod.YEAR, CostDimension.PROJECT));
        assertThat(all.groups()).hasSize(PROJECTS);
        for (CostPeriod period : CostPeriod.values()) {
            for (CostDimension dimension : CostDimension.values()) {
                worst.add(measure("admin", period, dimension, out));
            }
        }
        accounts.signInAs(manager);
        for (CostPeriod period : CostPeriod.values()) {
            worst.add(measure("manager", period, CostDimension.MEMBER, out));
        }
        accounts.signInAs(users.get(7));
        for (CostPeriod period : CostPeriod.values()) {
            worst.add(measure("member", period, CostDimension.SERVICE_TYPE, out));
        }
        out.add("  plan of the admin's month × service type chart:");
        plan("explain (analyze, buffers) " + db.renderInlined(explained())).forEach(line -> out.add("    " + line));
        for (String variant : System.getProperty("gantry.bench.variants", "").split(";")) {
            if (!variant.isBlank()) {
                long start = System.nanoTime();
                db.fetch(variant);
                long first = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                db.fetch(variant);
                out.add("  variant %d / %d ms: %s".formatted(first, (System.nanoTime() - start) / 1_000_000, variant));
            }
        }
        out.add("  (load average before/after: %s / %s)".formatted(loadBefore, LoadAverage.now()));
        report(out);
        assertThat(worst).as("the slowest chart, median ms").allMatch(ms -> ms < 500);
    }

    /** Times one chart; returns its median in ms. */
    private long measure(String who, CostPeriod period, CostDimension dimension, List<String> out) {
        CostQuery query = new CostQuery(FROM, TO, period, dimension);
        CostReport report = costs.analyse(query);
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            costs.analyse(query);
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        long median = ms[runs / 2];
        out.add("  %-7s %-5s × %-12s median %4d ms, max %4d ms; %d periods, %d groups, %d cells, total %s"
                .formatted(who, period, dimension, median, ms[runs - 1], report.periods().size(),
                        report.groups().size(), report.cells().size(), report.total()));
        return median;
    }

    /** The admin's month × service type query as the repository builds it, for EXPLAIN. */
    private org.jooq.Query explained() {
        CostRepository repository = context.getBean(CostRepository.class);
        return repository.spendingQuery(FROM.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant(),
                TO.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant(), CostPeriod.MONTH,
                CostDimension.SERVICE_TYPE, java.time.ZoneId.of("Asia/Shanghai"), org.jooq.impl.DSL.noCondition());
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
}
