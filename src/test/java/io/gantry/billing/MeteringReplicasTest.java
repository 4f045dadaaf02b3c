package io.gantry.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.EmbeddedPostgres;
import io.gantry.GantryApplication;
import io.gantry.OnPostgres;
import io.gantry.TestClock;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Two replicas of Gantry (two Spring contexts) on one PostgreSQL run the metering tick at the same moments, several
 * times over, for 20 projects of 5 workloads each 30 minutes behind: each workload-minute is charged exactly once,
 * without a gap, and each balance equals the sum of its ledger.
 */
@OnPostgres
@Import(TestClock.class)
class MeteringReplicasTest {

    static final int PROJECTS = 20;
    static final int WORKLOADS = 5;

    @Autowired
    ApplicationContext replicaA;
    @Autowired
    DSLContext db;
    @Autowired
    Clock clock;

    MeteringFixtures fixtures;
    TestAccounts accounts;

    @AfterEach
    void tearDown() {
        if (fixtures != null) {
            fixtures.endAll(clock.instant());
        }
        accounts.signOut();
    }

    @Test
    void two_replicas_ticking_at_once_charge_each_workload_minute_once() throws Exception {
        accounts = new TestAccounts(replicaA);
        accounts.signInAsAdmin();
        fixtures = new MeteringFixtures(db);
        long ownerId = accounts.create(TestAccounts.uniqueName("mr"), PresetRole.USER);
        TestProjects projects = new TestProjects(replicaA.getBean(ProjectService.class))
                .funded(replicaA.getBean(Wallets.class));
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30)).plusSeconds(7);
        List<Long> projectIds = new ArrayList<>();
        List<Long> workloadIds = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            long projectId = projects.create(List.of(), ownerId);
            projectIds.add(projectId);
            for (int w = 0; w < WORKLOADS; w++) {
                workloadIds.add(fixtures.running(projectId, ownerId, start, "7.13"));
            }
        }

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ConfigurableApplicationContext replicaB = replica()) {
            List<Metering> replicas = List.of(replicaA.getBean(Metering.class), replicaB.getBean(Metering.class));
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Metering.Tick>> ticks = new ArrayList<>();
                for (Metering metering : replicas) {
                    ticks.add(threads.submit(() -> {
                        go.await();
                        return metering.tick();
                    }));
                }
                go.countDown();
                for (Future<Metering.Tick> tick : ticks) {
                    tick.get();
                }
            }
        } finally {
            threads.shutdown();
        }

        for (long projectId : projectIds) {
            assertThat(fixtures.duplicates(projectId)).isZero();
            assertThat(fixtures.balance(projectId)).isEqualByComparingTo(fixtures.ledgerSum(projectId));
            assertThat(fixtures.ledgerSum(projectId)).isLessThan(new BigDecimal(TestProjects.FUNDS));
            var summaryAndLedger = fixtures.spendingSummaryAndLedger(projectId);
            assertThat(summaryAndLedger.getFirst()).as("hourly spending summary")
                    .isEqualTo(summaryAndLedger.getLast());
        }
        for (long id : workloadIds) {
            List<MeteringFixtures.Charge> charges = fixtures.charges(id);
            assertThat(charges).hasSizeGreaterThanOrEqualTo(30);
            assertThat(charges.getFirst().minute()).isEqualTo(start.truncatedTo(ChronoUnit.MINUTES));
            for (int i = 1; i < charges.size(); i++) {
                assertThat(charges.get(i).minute()).isEqualTo(charges.get(i - 1).minute().plusSeconds(60));
            }
        }
    }

    private static ConfigurableApplicationContext replica() {
        var postgres = EmbeddedPostgres.server();
        return new SpringApplicationBuilder(GantryApplication.class).profiles("test")
                // Arguments, so that they win over the test profile's own database.
                .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--server.port=0", "--gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY,
                        "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                                + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    }
}
