package io.gantry.schedule;

import static io.gantry.db.Tables.SCHEDULE_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.EmbeddedPostgres;
import io.gantry.GantryApplication;
import io.gantry.OnPostgres;
import io.gantry.TestClock;
import io.gantry.billing.Wallets;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.schedule.cron.Trigger;
import io.gantry.task.LeftRunning;
import io.gantry.task.TaskService;
import io.gantry.task.Tasks;
import io.gantry.task.TemplateService;
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
 * Two replicas of Gantry (two Spring contexts) on one PostgreSQL look for due fires at the same moments, every half
 * minute of ten minutes of moved time, for a schedule that fires every minute: exactly ten tasks, one per fire.
 */
@OnPostgres
@Import(TestClock.class)
class ScheduleReplicasTest {

    @Autowired
    ApplicationContext replicaA;
    @Autowired
    DSLContext db;
    @Autowired
    Clock clock;

    TestAccounts accounts;
    String owner;
    List<Long> taskIds = List.of();

    @AfterEach
    void tearDown() {
        Tasks tasks = replicaA.getBean(Tasks.class);
        TaskService taskService = replicaA.getBean(TaskService.class);
        accounts.signInAs(owner);
        LeftRunning.stop(tasks, taskService, taskIds);
        accounts.signOut();
    }

    @Test
    void two_replicas_ticking_at_once_run_each_fire_of_a_schedule_once() throws Exception {
        accounts = new TestAccounts(replicaA);
        accounts.signInAsAdmin();
        ScheduleFixtures fixtures = new ScheduleFixtures(replicaA.getBean(ClusterService.class));
        owner = TestAccounts.uniqueName("sr");
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        long projectId = fixtures.project(replicaA.getBean(ProjectService.class),
                replicaA.getBean(Wallets.class), ownerId);
        accounts.signInAs(owner);
        long templateId = replicaA.getBean(TemplateService.class).create(fixtures.template(projectId,
                TestAccounts.uniqueName("rt"), ScheduleFixtures.QUICK)).id();
        // A day ahead of both replicas' clocks, so that their own firing jobs never find these fires: only the
        // ticks below, at the moments they are given, do.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(1)).plusSeconds(1);
        Instant end = start.plus(Duration.ofMinutes(10)).plusSeconds(30);
        Schedule schedule = replicaA.getBean(ScheduleService.class).create(new ScheduleForm(projectId, "replicated",
                null, new Trigger.Cron("0 * * * * ?"), "UTC", start, end, true, List.of(templateId)));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ConfigurableApplicationContext replicaB = replica()) {
            List<ScheduleFiring> replicas = List.of(replicaA.getBean(ScheduleFiring.class),
                    replicaB.getBean(ScheduleFiring.class));
            for (Instant now = start; !now.isAfter(end.plus(Duration.ofMinutes(1))); now = now.plusSeconds(30)) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> ticks = new ArrayList<>();
                Instant at = now;
                for (ScheduleFiring firing : replicas) {
                    ticks.add(threads.submit(() -> {
                        go.await();
                        return firing.tick(at);
                    }));
                }
                go.countDown();
                for (Future<Integer> tick : ticks) {
                    tick.get();
                }
            }
        } finally {
            threads.shutdown();
        }

        List<Instant> fires = db.select(SCHEDULE_RUN.FIRE_AT).from(SCHEDULE_RUN)
                .where(SCHEDULE_RUN.SCHEDULE_ID.eq(schedule.id())).orderBy(SCHEDULE_RUN.FIRE_AT)
                .fetch(SCHEDULE_RUN.FIRE_AT);
        assertThat(fires).hasSize(10).doesNotHaveDuplicates();
        assertThat(fires.getFirst()).isEqualTo(start.minusSeconds(1).plus(Duration.ofMinutes(1)));
        taskIds = db.select(SCHEDULE_RUN.TASK_ID).from(SCHEDULE_RUN)
                .where(SCHEDULE_RUN.SCHEDULE_ID.eq(schedule.id()), SCHEDULE_RUN.OUTCOME.eq("STARTED"))
                .fetch(SCHEDULE_RUN.TASK_ID);
        assertThat(taskIds).hasSize(10).doesNotContainNull().doesNotHaveDuplicates();
        TaskService taskService = replicaA.getBean(TaskService.class);
        // The second replica's start left this thread without its user.
        accounts.signInAs(owner);
        assertThat(taskIds).allSatisfy(id -> assertThat(taskService.task(id).projectId()).isEqualTo(projectId));
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
