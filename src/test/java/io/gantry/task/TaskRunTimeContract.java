package io.gantry.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.AdjustableClock;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.WorkloadFixture;
import io.gantry.identity.TestAccounts;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadReconciler;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A task's longest run time, stopped by the workloads' time rules on a clock the test moves; the reconciler is run
 * by hand after the move, as its periodic resync would. Run on H2 and on PostgreSQL.
 */
abstract class TaskRunTimeContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    TaskService tasks;
    @Autowired
    Workloads workloads;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    BrokerService broker;
    @Autowired
    ClusterService cluster;
    @Autowired
    Clock appClock;

    AdjustableClock clock;
    TestAccounts accounts;
    long projectId;

    @BeforeEach
    void setUp() {
        assertThat(appClock).as("the application runs on the test's clock").isInstanceOf(AdjustableClock.class);
        clock = (AdjustableClock) appClock;
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        WorkloadFixture.OwnedProject project = new WorkloadFixture(context, WorkloadFixture.A100,
                WorkloadFixture.PASSWORD_IMAGE).ownedProject("rt", 4);
        projectId = project.id();
        accounts.signInAs(project.owner());
    }

    @AfterEach
    void catchUp() {
        accounts.signInAsAdmin();
        LeftRunning.stopInProject(tasks, projectId);
        accounts.signOut();
        clock.reset();
    }

    @Test
    void a_task_past_its_longest_run_time_is_stopped_with_that_reason() {
        AcceleratorSpec spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        FrameworkImage image = cluster.images().getFirst();
        Task task = tasks.create(new TaskForm(projectId, "bounded", spec.id(), 1, 1,
                cluster.flavors(spec.id()).getFirst().id(), 0, image.id(), "exec sleep 600", false, 5));
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.task(task.id()).phase() == Phase.RUNNING);

        io.gantry.runtime.WorkloadSpec runSpec = context.getBean(TaskKind.class)
                .spec(workloads.find(task.workloadId()).orElseThrow());
        assertThat(runSpec.longestRun()).as("a cluster's runtime enforces it itself (a Job's deadline)")
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(runSpec.placement().deviceCount()).isEqualTo(1);
        assertThat(runSpec.placement().deviceResource()).isEqualTo("nvidia.com/gpu");
        assertThat(runSpec.placement().nodeName()).isNotBlank();

        clock.advance(Duration.ofMinutes(4));
        reconciler.reconcile(task.workloadId());
        assertThat(tasks.task(task.id()).phase()).as("not yet").isEqualTo(Phase.RUNNING);

        clock.advance(Duration.ofMinutes(1));
        reconciler.reconcile(task.workloadId());

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> tasks.task(task.id()).ended());
        Task stopped = tasks.task(task.id());
        assertThat(stopped.phase()).isEqualTo(Phase.STOPPED);
        assertThat(stopped.reason()).isEqualTo("workload.reason.run-time");
        assertThat(tasks.detail(task.id()).events()).extracting(TaskEvent::reason)
                .contains("workload.reason.run-time");
        assertThat(tasks.detail(task.id()).log()).extracting(TaskLogLine::key).contains("task.log.run-time");
        Workload workload = workloads.find(task.workloadId()).orElseThrow();
        assertThat(broker.request(workload.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
    }
}
