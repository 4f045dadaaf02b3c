package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.gantry.container.Container;
import io.gantry.container.ContainerEvent;
import io.gantry.container.ContainerService;
import io.gantry.identity.TestAccounts;
import io.gantry.workload.OldInstallation.Old;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application starts on a database made before workloads existed, upgrades it itself (its own Liquibase run at
 * start), and its users find their containers as they left them.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UpgradedInstallationStartsTest {

    private static final String URL = "jdbc:h2:mem:upgrade-start-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private static OldInstallation installation;

    @DynamicPropertySource
    static void oldDatabase(DynamicPropertyRegistry registry) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(URL);
        h2.setUser("sa");
        h2.setPassword("");
        installation = OldInstallation.install(h2);
        registry.add("spring.datasource.url", () -> URL);
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;

    @AfterEach
    void signOut() {
        new TestAccounts(context).signOut();
    }

    @Test
    void usersFindTheirContainersAsTheyLeftThem() {
        new TestAccounts(context).signInAs("alice");
        long project = installation.id("project");

        // Alice manages the project: she sees every container in it but the deleted one.
        assertThat(containers.list(project, null, 0, 100)).extracting(Container::name)
                .containsExactlyInAnyOrder("train", "big-run", "eval", "too-big");

        Old refused = installation.container("container:refused");
        Container failed = containers.container(refused.id());
        assertThat(failed.userId()).isEqualTo(installation.id("alice"));
        assertThat(failed.state()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).isEqualTo("workload.reason.refused");
        assertThat(failed.reasonArguments()).containsExactly("quota", "4");
        assertThat(failed.brokerRequestId()).isEqualTo(refused.brokerRequestId());
        assertThat(failed.runtimeId()).isEqualTo("container-" + refused.id());
        assertThat(failed.createdAt()).isEqualTo(refused.createdAt());
        assertThat(failed.endedAt()).isEqualTo(refused.endedAt());
        assertThat(containers.events(refused.id())).extracting(ContainerEvent::state, ContainerEvent::reason)
                .containsExactly(tuple(Phase.QUEUED, null), tuple(Phase.FAILED, "workload.reason.refused"));

        // Its node is out of scheduling, so it still waits for devices, with the request it had.
        Old waiting = installation.container("container:waiting");
        Container queued = containers.container(waiting.id());
        assertThat(queued.userId()).isEqualTo(installation.id("bob"));
        assertThat(queued.state()).isEqualTo(Phase.QUEUED);
        assertThat(queued.brokerRequestId()).isEqualTo(waiting.brokerRequestId());
        assertThat(queued.devices()).isEqualTo(4);
        assertThat(queued.specId()).isEqualTo(installation.id("spec"));
    }

    /**
     * The project's lifetime limit (72 hours here) was a setting only before workloads; now it applies, so a container
     * running for longer is asked to stop on the first start, for that reason. It is held by another replica, which
     * ends it (STOPPING until then); this one only records the stop.
     */
    @Test
    void aContainerRunningLongerThanItsProjectsLimitIsAskedToStopForThatReason() {
        new TestAccounts(context).signInAs("alice");
        Old train = installation.container("container:train");
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(train.id()).state() == Phase.STOPPING);
        Container stopping = containers.container(train.id());
        assertThat(stopping.nodeId()).isEqualTo(installation.id("node"));
        assertThat(stopping.deviceIndexes()).containsExactly(0, 1);
        assertThat(stopping.runtimeInstance()).isEqualTo(train.runtimeInstance());
        assertThat(stopping.startedAt()).isEqualTo(train.startedAt());
        assertThat(stopping.sharedMemoryMib()).isEqualTo(8192L);
        assertThat(stopping.offersSsh()).isTrue();
        assertThat(containers.events(train.id())).extracting(ContainerEvent::state, ContainerEvent::reason,
                        ContainerEvent::reasonArguments)
                .containsExactly(tuple(Phase.QUEUED, null, List.of()), tuple(Phase.CREATING, null, List.of()),
                        tuple(Phase.RUNNING, null, List.of()),
                        tuple(Phase.STOPPING, "workload.reason.lifetime", List.of("72")));
    }

    @Test
    void aMemberFindsHisEndedContainerWithItsExitCode() {
        new TestAccounts(context).signInAs("bob");
        Old eval = installation.container("container:stopped");
        Container stopped = containers.container(eval.id());
        assertThat(stopped.name()).isEqualTo("eval");
        assertThat(stopped.userId()).isEqualTo(installation.id("bob"));
        assertThat(stopped.state()).isEqualTo(Phase.STOPPED);
        assertThat(stopped.exitCode()).isEqualTo(137);
        assertThat(stopped.imageReference()).isEqualTo("registry.example.org/vision/eval:1");
        assertThat(containers.events(eval.id())).extracting(ContainerEvent::state, ContainerEvent::reason)
                .containsExactly(tuple(Phase.QUEUED, null), tuple(Phase.CREATING, null), tuple(Phase.RUNNING, null),
                        tuple(Phase.STOPPING, "workload.reason.preempted"), tuple(Phase.STOPPED, null));
        // A member who may not see all sees only his own.
        assertThat(containers.list(installation.id("project"), null, 0, 100)).extracting(Container::name)
                .containsExactlyInAnyOrder("big-run", "eval");
    }
}
