package io.gantry.container;

import io.gantry.workload.Phase;
import io.gantry.workload.RuntimeInstance;
import io.gantry.workload.WorkloadReconciler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.EmbeddedPostgres;
import io.gantry.GantryApplication;
import io.gantry.OnPostgres;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.secrets.SecretBox;
import io.gantry.identity.TestAccounts;
import io.gantry.runtime.local.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of Gantry (two Spring contexts, each with a runtime home of its own) on one PostgreSQL: a workload is
 * acted on only by the replica whose runtime holds it, one bad secret fails one container, not the recovery, and the
 * usage one replica samples is the history every replica draws.
 */
@OnPostgres
class ContainerReplicasTest {

    /** The SSH password of the containers the fixture's form creates. */
    static final String PASSWORD = WorkloadFixture.SSH_PASSWORD;

    @Autowired
    ApplicationContext replicaA;

    TestAccounts accounts;
    WorkloadFixture fixture;
    long projectId;
    String owner;
    final List<Long> created = new ArrayList<>();

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(replicaA);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(replicaA, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        WorkloadFixture.OwnedProject project = fixture.ownedProject("rep", 8);
        projectId = project.id();
        owner = project.owner();
        accounts.signOut();
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        ContainerService containers = replicaA.getBean(ContainerService.class);
        for (long id : created) {
            WorkloadFixture.stopIfLive(containers, id);
        }
        accounts.signOut();
    }

    @Test
    void a_stop_through_the_other_replica_ends_the_process_before_the_devices_go_back_and_its_start_fails_nothing()
            throws Exception {
        Container container = runningOnA("held-by-a");
        long pid = mainPid(replicaA, container);

        try (ConfigurableApplicationContext replicaB = replica("--gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY)) {
            // B has started (and reconciled) while A's container runs: B holds nothing of it and fails nothing.
            TestAccounts onA = new TestAccounts(replicaA);
            onA.signInAs(owner);
            assertThat(replicaA.getBean(ContainerService.class).container(container.id()).state())
                    .isEqualTo(Phase.RUNNING);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            assertThat(replicaB.getBean(RuntimeInstance.class).id())
                    .isNotEqualTo(replicaA.getBean(RuntimeInstance.class).id());
            replicaB.getBean(WorkloadReconciler.class).recoverNow();
            assertThat(replicaA.getBean(ContainerService.class).container(container.id()).state())
                    .isEqualTo(Phase.RUNNING);

            TestAccounts onB = new TestAccounts(replicaB);
            onB.signInAs(owner);
            replicaB.getBean(ContainerService.class).stop(container.id());
            onB.signOut();
            onA.signInAs(owner);

            // Until A has ended the process the devices stay with the container; never released while it lives.
            BrokerService broker = replicaA.getBean(BrokerService.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            RequestStatus status;
            do {
                status = broker.request(container.brokerRequestId()).status();
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                assertThat(status == RequestStatus.RELEASED && alive)
                        .as("devices released while the process still runs").isFalse();
                Thread.sleep(50);
            } while (status != RequestStatus.RELEASED && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(RequestStatus.RELEASED);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(replicaA.getBean(ContainerService.class).container(container.id()).state())
                    .isEqualTo(Phase.STOPPED);
            assertNoDeviceTwice();
            onA.signOut();
        }
    }

    @Test
    void both_replicas_draw_the_same_usage_history_which_only_the_holding_replica_samples() {
        Container container = runningOnA("sampled-on-a");

        try (ConfigurableApplicationContext replicaB = replica("--gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY)) {
            // B holds nothing: it samples nothing, and A's container is not among what it reads.
            assertThat(replicaB.getBean(ContainerMetricSampler.class).sample()).isZero();
            assertThat(replicaA.getBean(ContainerMetricSampler.class).sample()).isPositive();

            TestAccounts onA = new TestAccounts(replicaA);
            onA.signInAs(owner);
            List<MetricSample> onReplicaA = replicaA.getBean(ContainerService.class).metricHistory(container.id());
            onA.signOut();
            TestAccounts onB = new TestAccounts(replicaB);
            onB.signInAs(owner);
            List<MetricSample> onReplicaB = replicaB.getBean(ContainerService.class).metricHistory(container.id());
            onB.signOut();

            assertThat(onReplicaA).isNotEmpty();
            // A's own timer may add a sample between the two reads; what A read, B reads too.
            assertThat(onReplicaB).startsWith(onReplicaA.toArray(new MetricSample[0]));
        }
    }

    @Test
    void a_secret_that_does_not_decrypt_fails_its_container_alone_and_the_recovery_goes_on() throws Exception {
        Container bad = runningOnA("bad-secret");
        Container good = runningOnA("good-secret");
        long badPid = mainPid(replicaA, bad);
        long goodPid = mainPid(replicaA, good);
        // Encrypted with a key this installation does not have, as by a replica with a key of its own.
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        DSLContext db = replicaA.getBean(DSLContext.class);
        db.update(io.gantry.db.Tables.CONTAINER).set(io.gantry.db.Tables.CONTAINER.SSH_PASSWORD_ENCRYPTED,
                new SecretBox(otherKey).encrypt(PASSWORD)).where(io.gantry.db.Tables.CONTAINER.ID.eq(bad.id()))
                .execute();

        accounts.signInAsAdmin();
        replicaA.getBean(WorkloadReconciler.class).recoverNow();

        ContainerService containers = replicaA.getBean(ContainerService.class);
        Container failed = containers.container(bad.id());
        assertThat(failed.state()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).isEqualTo("workload.reason.unreadable");
        assertThat(replicaA.getBean(BrokerService.class).request(bad.brokerRequestId()).status())
                .isEqualTo(RequestStatus.RELEASED);
        await().atMost(Duration.ofSeconds(20)).until(() -> !ProcessHandle.of(badPid).map(ProcessHandle::isAlive)
                .orElse(false));
        assertThat(containers.container(good.id()).state()).isEqualTo(Phase.RUNNING);
        assertThat(ProcessHandle.of(goodPid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(containers.connection(good.id()).sshCommand()).isNotNull();
    }

    @Test
    void gantry_on_postgresql_without_a_secret_key_refuses_to_start_and_says_how_to_set_one() {
        assertThatThrownBy(() -> replica("--gantry.secret-key=").close())
                .satisfies(e -> {
                    Throwable root = e;
                    while (root.getCause() != null && !(root.getMessage() != null
                            && root.getMessage().contains("GANTRY_SECRET_KEY"))) {
                        root = root.getCause();
                    }
                    assertThat(root.getMessage()).contains("gantry.secret-key", "openssl rand -base64 32",
                            "GANTRY_SECRET_KEY");
                });
    }

    private ConfigurableApplicationContext replica(String secretKey) {
        var postgres = EmbeddedPostgres.server();
        return new SpringApplicationBuilder(GantryApplication.class).profiles("test")
                // Arguments, so that they win over the test profile's own database.
                .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--server.port=0", secretKey,
                        "--spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                                + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    }

    private Container runningOnA(String name) {
        TestAccounts onA = new TestAccounts(replicaA);
        onA.signInAs(owner);
        ContainerService containers = replicaA.getBean(ContainerService.class);
        Container container = containers.create(fixture.form(projectId, name, 1, 64, null));
        created.add(container.id());
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(container.id()).state() == Phase.RUNNING);
        Container running = containers.container(container.id());
        onA.signOut();
        assertThat(running.runtimeInstance()).isEqualTo(replicaA.getBean(RuntimeInstance.class).id());
        return running;
    }

    private static long mainPid(ApplicationContext replica, Container container) throws Exception {
        Path home = replica.getBean(LocalRuntime.class).home();
        return Long.parseLong(Files.readString(home.resolve("workloads").resolve(container.runtimeId())
                .resolve("main.pid")).strip());
    }

    private void assertNoDeviceTwice() {
        DSLContext db = replicaA.getBean(DSLContext.class);
        var allocation = io.gantry.db.Tables.ALLOCATION;
        int rows = db.fetchCount(allocation, allocation.DEVICE_INDEX.isNotNull());
        int distinct = db.fetchCount(db.selectDistinct(allocation.NODE_ID, allocation.DEVICE_INDEX).from(allocation)
                .where(allocation.DEVICE_INDEX.isNotNull()));
        assertThat(rows).isEqualTo(distinct);
    }
}
