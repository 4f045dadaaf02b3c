package io.gantry.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod and Job status to a workload's state and Kubernetes' reason, without a cluster. */
class KubernetesStatesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void podPhases() {
        assertThat(KubernetesStates.ofPod("c", null, NOW).state()).isEqualTo(WorkloadState.UNKNOWN);
        assertThat(of(new PodStatus()).state()).isEqualTo(WorkloadState.STARTING);
        assertThat(of(MockCluster.running()).state()).isEqualTo(WorkloadState.RUNNING);
        WorkloadStatus succeeded = of(MockCluster.terminated("Succeeded", 0, "Completed"));
        assertThat(succeeded.state()).isEqualTo(WorkloadState.SUCCEEDED);
        assertThat(succeeded.exitCode()).isZero();
    }

    @Test
    void reasons() {
        assertStatus(of(MockCluster.terminated("Failed", 137, "OOMKilled")), WorkloadState.FAILED,
                "runtime.reason.memory", List.of("65536", "?"));
        assertThat(of(MockCluster.terminated("Failed", 137, "OOMKilled")).exitCode()).isEqualTo(137);
        assertStatus(of(MockCluster.terminated("Failed", 3, "Error")), WorkloadState.FAILED,
                "runtime.reason.exit-code", List.of("3"));
        assertStatus(of(MockCluster.waiting("ImagePullBackOff", "Back-off pulling image \"x\"")),
                WorkloadState.FAILED, "runtime.reason.image-pull", List.of("Back-off pulling image \"x\""));
        assertStatus(of(MockCluster.waiting("ErrImagePull", null)), WorkloadState.FAILED,
                "runtime.reason.image-pull", List.of("ErrImagePull"));
        assertStatus(of(MockCluster.waiting("ContainerCreating", null)), WorkloadState.STARTING, null, List.of());
        assertStatus(of(MockCluster.unschedulable("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")),
                WorkloadState.STARTING, "runtime.reason.unschedulable",
                List.of("0/3 nodes are available: 3 Insufficient nvidia.com/gpu."));
        assertStatus(of(MockCluster.evicted("The node was low on resource: memory.")), WorkloadState.FAILED,
                "runtime.reason.evicted", List.of("The node was low on resource: memory."));
    }

    @Test
    void jobConditions() {
        Job job = new JobBuilder().withNewMetadata().withName("task-1").endMetadata().build();
        assertThat(KubernetesStates.ofJob("task-1", null, List.of(), NOW).state()).isEqualTo(WorkloadState.UNKNOWN);
        assertThat(KubernetesStates.ofJob("task-1", job, List.of(), NOW).state()).isEqualTo(WorkloadState.STARTING);
        assertThat(job(job, MockCluster.jobActive(), List.of()).state()).isEqualTo(WorkloadState.RUNNING);
        assertThat(job(job, MockCluster.jobEnded("Complete", null, null), List.of()).state())
                .isEqualTo(WorkloadState.SUCCEEDED);
        assertStatus(job(job, MockCluster.jobEnded("Failed", "DeadlineExceeded", "Job was active longer"),
                List.of()), WorkloadState.FAILED, "runtime.reason.deadline", List.of());
        assertStatus(job(job, MockCluster.jobEnded("Failed", "BackoffLimitExceeded", "failed"),
                List.of(pod(MockCluster.terminated("Failed", 2, "Error")))), WorkloadState.FAILED,
                "runtime.reason.exit-code", List.of("2"));
        // The Pod decides before the Job's own condition: an image that cannot be pulled fails the task at once.
        assertStatus(job(job, MockCluster.jobActive(), List.of(pod(MockCluster.waiting("ImagePullBackOff", "no")))),
                WorkloadState.FAILED, "runtime.reason.image-pull", List.of("no"));
    }

    private static WorkloadStatus job(Job job, JobStatus status, List<Pod> pods) {
        Job copy = new JobBuilder(job).withStatus(status).build();
        return KubernetesStates.ofJob("task-1", copy, pods, NOW);
    }

    private static WorkloadStatus of(PodStatus status) {
        return KubernetesStates.ofPod("c", pod(status), NOW);
    }

    private static Pod pod(PodStatus status) {
        return new PodBuilder().withNewMetadata().withName("c").withCreationTimestamp("2026-12-04T09:00:00Z")
                .endMetadata()
                .withNewSpec().addNewContainer().withName("main").withNewResources()
                .addToLimits("memory", new Quantity("64Gi")).endResources().endContainer().endSpec()
                .withStatus(status).build();
    }

    private static void assertStatus(WorkloadStatus status, WorkloadState state, String reason, List<String> args) {
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.reason()).isEqualTo(reason);
        assertThat(status.reasonArguments()).isEqualTo(args);
    }
}
