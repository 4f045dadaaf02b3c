package io.gantry.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.EmbeddedPostgres;
import io.gantry.GantryApplication;
import io.gantry.OnPostgres;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of Gantry (two Spring contexts) on one real PostgreSQL race many requests for the same devices: no
 * device is ever given twice, quotas hold, and every request ends placed, queued or refused.
 */
@OnPostgres
class BrokerConcurrencyTest {

    private static final int REQUESTS = 48;

    @Autowired
    ApplicationContext replicaA;

    @Test
    void twoReplicasNeverGiveADeviceTwice() throws Exception {
        TestAccounts adminA = new TestAccounts(replicaA);
        adminA.signInAsAdmin();
        ProjectService projects = replicaA.getBean(ProjectService.class);
        ClusterService cluster = replicaA.getBean(ClusterService.class);
        AcceleratorSpec ascend = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910"))
                .findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects);
        testProjects.releaseAllQuotas();
        List<String> users = new ArrayList<>();
        List<Long> userIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String user = TestAccounts.uniqueName("race");
            users.add(user);
            userIds.add(adminA.create(user, PresetRole.USER));
        }
        long projectA = testProjects.create(List.of(new Quota(ascend.id(), 10, null)), userIds.get(0), userIds.get(1));
        long projectB = testProjects.create(List.of(new Quota(ascend.id(), 6, null)), userIds.get(2), userIds.get(3));
        adminA.signOut();

        var postgres = EmbeddedPostgres.server();
        try (ConfigurableApplicationContext replicaB = new SpringApplicationBuilder(GantryApplication.class)
                .profiles("test")
                // Arguments, so that they win over the test profile's own database.
                .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=", "--server.port=0",
                        "--gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY,
                        "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                                + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate")) {
            ApplicationContext[] replicas = {replicaA, replicaB};
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<QueuedRequest>> results = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                ApplicationContext replica = replicas[i % 2];
                String user = users.get(i % users.size());
                long project = i % users.size() < 2 ? projectA : projectB;
                int devices = List.of(1, 2, 4, 1, 2, 8).get(i % 6);
                results.add(pool.submit(() -> {
                    TestAccounts accounts = new TestAccounts(replica);
                    accounts.signInAs(user);
                    try {
                        return replica.getBean(BrokerService.class).submit(new RequestForm(project, ascend.id(), 1,
                                devices, 4, 4096, 0, false, null, "race"));
                    } finally {
                        accounts.signOut();
                    }
                }));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<QueuedRequest> result : results) {
                ids.add(result.get(2, TimeUnit.MINUTES).id());
            }
            pool.shutdown();
            // Each submit returns once stored; the passes follow on each replica's broker thread.
            for (ApplicationContext replica : replicas) {
                assertThat(replica.getBean(Passes.class).awaitAsked(Duration.ofMinutes(1))).isTrue();
            }

            DSLContext db = replicaA.getBean(DSLContext.class);
            var allocation = io.gantry.db.Tables.ALLOCATION;
            var request = io.gantry.db.Tables.BROKER_REQUEST;
            int rows = db.fetchCount(allocation, allocation.DEVICE_INDEX.isNotNull());
            int distinct = db.fetchCount(db.selectDistinct(allocation.NODE_ID, allocation.DEVICE_INDEX).from(allocation)
                    .where(allocation.DEVICE_INDEX.isNotNull()));
            assertThat(rows).isEqualTo(distinct).isLessThanOrEqualTo(16);
            assertThat(db.select(request.STATUS).from(request).where(request.ID.in(ids)).fetch(r -> r.value1()))
                    .hasSize(REQUESTS).allMatch(s -> List.of("PLACED", "QUEUED", "REFUSED").contains(s))
                    .contains("PLACED", "QUEUED");
            for (long project : List.of(projectA, projectB)) {
                int held = db.fetchCount(db.select().from(allocation).join(request)
                        .on(request.ID.eq(allocation.REQUEST_ID))
                        .where(request.PROJECT_ID.eq(project).and(allocation.DEVICE_INDEX.isNotNull())));
                assertThat(held).isLessThanOrEqualTo(project == projectA ? 10 : 6);
            }

            TestAccounts admin = new TestAccounts(replicaA);
            admin.signInAsAdmin();
            BrokerService broker = replicaA.getBean(BrokerService.class);
            ids.forEach(broker::release);
            for (ApplicationContext replica : replicas) {
                assertThat(replica.getBean(Passes.class).awaitAsked(Duration.ofMinutes(1))).isTrue();
            }
            testProjects.releaseAllQuotas();
            admin.signOut();
            assertThat(db.fetchCount(allocation, DSL.noCondition())).isZero();
        }
    }
}
