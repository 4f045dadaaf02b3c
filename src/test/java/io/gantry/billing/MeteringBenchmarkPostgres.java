package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import io.gantry.OnPostgres;
import io.gantry.TestClock;
import io.gantry.bench.CountingConfiguration;
import io.gantry.bench.LoadAverage;
import io.gantry.bench.StatementCounter;
import io.gantry.bench.StatementCounter.Counts;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures one metering tick over 10,000 running workloads on PostgreSQL (docs/performance.md, "Metering"), each with
 * one minute due, against the floor: one {@code INSERT … SELECT} of the same 10,000 ledger rows. Only when asked for:
 *
 * <pre>
 * ./mvnw -q test -Dtest='MeteringBenchmarkPostgres' -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>Sizes: {@code -Dgantry.bench.workloads} (10000), {@code -Dgantry.bench.projects} (a list: 100,1000),
 * {@code -Dgantry.bench.ticks} (per layout, 3). Results are appended to {@code target/benchmarks/metering.txt}.
 */
@OnPostgres
@Import({TestClock.class, CountingConfiguration.class})
// Only the benchmark's own ticks fall into the measurements: the per-minute job never fires here, and the reconciler's
// resync (which would look at the 10,000 workloads) waits.
@TestPropertySource(properties = {"gantry.billing.metering-cron=0 0 0 1 1 ? 2099",
        "gantry.workloads.resync-interval=1h"})
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class MeteringBenchmarkPostgres {

    static final Path RESULTS = Path.of("target", "benchmarks", "metering.txt");

    @Autowired
    ApplicationContext context;
    @Autowired
    Metering metering;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    io.gantry.workload.Workloads workloads;
    @Autowired
    DSLContext db;
    @Autowired
    Clock appClock;
    @Autowired
    StatementCounter counter;
    @Autowired
    PlatformTransactionManager transactionManager;

    final int workloadCount = Integer.getInteger("gantry.bench.workloads", 10_000);
    final List<Integer> layouts = List.of(System.getProperty("gantry.bench.projects", "100,1000").split(","))
            .stream().map(String::strip).map(Integer::valueOf).toList();
    final int ticks = Integer.getInteger("gantry.bench.ticks", 3);
    final String nonce = UUID.randomUUID().toString().substring(0, 8);

    /** Takes the benchmark's workloads (and their orders) away, so that the next layout meters only its own. */
    @AfterEach
    void tearDown() {
        db.deleteFrom(WORKLOAD).where(WORKLOAD.RUNTIME_ID.startsWith("bench-" + nonce)).execute();
    }

    @Test
    void oneTickOverTenThousandRunningWorkloads() throws IOException {
        AdjustableClock clock = (AdjustableClock) appClock;
        TestAccounts accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        long ownerId = accounts.create(TestAccounts.uniqueName("mb"), PresetRole.USER);
        report(List.of("== metering on PostgreSQL: %d running workloads, one minute due each, %s"
                .formatted(workloadCount, Instant.now())));
        for (int projectCount : layouts) {
            List<String> lines = new ArrayList<>();
            String load = LoadAverage.now();
            List<Long> projectIds = new ArrayList<>();
            TestProjects funded = new TestProjects(projects).funded(wallets);
            for (int p = 0; p < projectCount; p++) {
                projectIds.add(funded.create(List.of(), ownerId));
            }
            Instant started = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            String batch = "bench-" + nonce + "-" + projectCount + "-";
            seed(batch, projectIds, ownerId, started);
            clock.set(started.plusSeconds(60 + 5));
            lines.add("-- %d projects x %d workloads (load before: %s)".formatted(projectCount,
                    workloadCount / projectCount, load));
            List<Long> tickMillis = new ArrayList<>();
            for (int i = 0; i < ticks; i++) {
                Counts before = counter.snapshot();
                long start = System.nanoTime();
                Metering.Tick tick = metering.tick();
                long ms = (System.nanoTime() - start) / 1_000_000;
                Counts counts = counter.snapshot().minus(before);
                assertThat(tick.lines()).isEqualTo(workloadCount);
                tickMillis.add(ms);
                lines.add("  tick %d: %d ms, %d charges, %s".formatted(i + 1, ms, tick.lines(), counts));
                clock.advance(Duration.ofMinutes(1));
            }
            long readStart = System.nanoTime();
            int read = workloads.ranSince(clock.instant().minus(Duration.ofDays(1))).size();
            lines.add("  of which the read of the running workloads alone (Workloads.ranSince, %d rows): %d ms"
                    .formatted(read, (System.nanoTime() - readStart) / 1_000_000));
            long floor = floor(batch, clock.instant().plus(Duration.ofDays(1)));
            long best = tickMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
            lines.add("  floor, one INSERT ... SELECT of the same %d rows: %d ms; best tick %d ms (target under 2000 ms:"
                    .formatted(workloadCount, floor, best) + (best < 2_000 ? " met" : " not met")
                    + "), best tick / floor = %.1f".formatted((double) best / Math.max(1, floor)));
            lines.add("  load after: " + LoadAverage.now());
            report(lines);
            tearDown();
        }
        accounts.signOut();
    }

    /** The workloads, running since {@code started} on another replica, and their orders: two statements. */
    private void seed(String batch, List<Long> projectIds, long ownerId, Instant started) {
        String projectArray = projectIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        db.execute("""
                INSERT INTO workload (kind, project_id, user_id, name, image_id, image_reference, spec_id, devices,
                  cpu_cores, memory_mib, runtime, runtime_id, runtime_instance, desired_state, state, created_at,
                  started_at)
                SELECT 'container', (ARRAY[%s])[g %% %d + 1], %d, 'bench', 1, 'gantry/python:3', 1, 1, 4, 16384,
                  'local', CONCAT(?, g), ?, 'RUNNING', 'RUNNING', CAST(? AS timestamptz), CAST(? AS timestamptz)
                FROM generate_series(0, %d) g""".formatted(projectArray, projectIds.size(), ownerId,
                workloadCount - 1), batch, MeteringFixtures.ELSEWHERE, utc(started), utc(started));
        db.execute("""
                INSERT INTO purchase_order (workload_id, project_id, user_id, service_type, name, spec_id, spec_name,
                  devices, cpu_cores, memory_mib, currency, price_device_hour, price_core_hour, price_gib_hour,
                  ordered_at, approval)
                SELECT id, project_id, user_id, 'CONTAINER', name, 1, 'bench', devices, cpu_cores, memory_mib, 'CNY',
                  7.13, 0.25, 0.05, created_at, 'NOT_REQUIRED'
                FROM workload WHERE runtime_id LIKE ?""", batch + "%");
        db.execute("ANALYZE workload");
        db.execute("ANALYZE purchase_order");
    }

    /** One INSERT … SELECT of a charge per workload for one minute, committed; then taken out again. */
    private long floor(String batch, Instant minute) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        long start = System.nanoTime();
        int rows = transaction.execute(status -> db.execute("""
                INSERT INTO ledger_line (project_id, at, type, amount, workload_id, charged_minute, service_type, spec_id,
                  user_id)
                SELECT project_id, CAST(? AS timestamptz), 'CHARGE', -0.1234, id, CAST(? AS timestamptz), 'CONTAINER',
                  spec_id, user_id
                FROM workload WHERE runtime_id LIKE ? AND state IN ('RUNNING', 'STOPPING')""",
                utc(minute), utc(minute), batch + "%"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(rows).isEqualTo(workloadCount);
        db.deleteFrom(LEDGER_LINE).where(LEDGER_LINE.CHARGED_MINUTE.eq(minute)).execute();
        return ms;
    }

    /** Plain SQL binds a time as text: the statements cast it. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void report(List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
