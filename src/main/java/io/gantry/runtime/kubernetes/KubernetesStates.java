package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a workload stands, read from its Pod's or Job's status, with Kubernetes' reason as a message key: a Pod
 * waiting on its image fails ({@code runtime.reason.image-pull}), one the scheduler cannot place stays starting with
 * {@code runtime.reason.unschedulable} (the cluster tries again as room frees up; the reconciler's limits end it
 * otherwise), an OOMKilled container is {@code runtime.reason.memory}, an eviction {@code runtime.reason.evicted},
 * a Job past its deadline {@code runtime.reason.deadline}, any other end its exit code.
 */
public final class KubernetesStates {

    /** Waiting reasons that do not pass by themselves: the image cannot be had. */
    static final Set<String> IMAGE_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull");

    private KubernetesStates() {
    }

    /** A Pod's state; {@code UNKNOWN} when there is none. */
    public static WorkloadStatus ofPod(String workloadId, Pod pod, Instant now) {
        if (pod == null) {
            return WorkloadStatus.unknown(workloadId, now);
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return status(workloadId, WorkloadState.STOPPED, null, null, List.of(), now);
        }
        var status = pod.getStatus();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        Optional<ContainerState> state = status == null ? Optional.empty() : mainState(status.getContainerStatuses());
        switch (phase) {
            case "Succeeded" -> {
                return status(workloadId, WorkloadState.SUCCEEDED, 0, null, List.of(), now);
            }
            case "Failed" -> {
                if ("Evicted".equals(status.getReason())) {
                    return status(workloadId, WorkloadState.FAILED, null, "runtime.reason.evicted",
                            List.of(text(status.getMessage())), now);
                }
                ContainerStateTerminated ended = state.map(ContainerState::getTerminated).orElse(null);
                if (ended == null) {
                    return status(workloadId, WorkloadState.FAILED, null, "runtime.reason.exit-code",
                            List.of("?"), now);
                }
                if ("OOMKilled".equals(ended.getReason())) {
                    return status(workloadId, WorkloadState.FAILED, ended.getExitCode(), "runtime.reason.memory",
                            List.of(memoryLimitMib(pod), "?"), now);
                }
                return status(workloadId, WorkloadState.FAILED, ended.getExitCode(), "runtime.reason.exit-code",
                        List.of(String.valueOf(ended.getExitCode())), now);
            }
            case "Running" -> {
                return status(workloadId, WorkloadState.RUNNING, null, null, List.of(), now);
            }
            case "Pending" -> {
                ContainerStateWaiting waiting = state.map(ContainerState::getWaiting).orElse(null);
                if (waiting != null && IMAGE_FAILURES.contains(waiting.getReason())) {
                    return status(workloadId, WorkloadState.FAILED, null, "runtime.reason.image-pull",
                            List.of(text(waiting.getMessage() == null ? waiting.getReason() : waiting.getMessage())),
                            now);
                }
                Optional<PodCondition> unschedulable = status == null || status.getConditions() == null
                        ? Optional.empty()
                        : status.getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())
                        && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())).findFirst();
                if (unschedulable.isPresent()) {
                    return status(workloadId, WorkloadState.STARTING, null, "runtime.reason.unschedulable",
                            List.of(text(unschedulable.get().getMessage())), now);
                }
                return status(workloadId, WorkloadState.STARTING, null, null, List.of(), now);
            }
            default -> {
                // "Unknown": the node stopped reporting; nothing is concluded until it does or the Pod is gone.
                return status(workloadId, WorkloadState.STARTING, null, null, List.of(), now);
            }
        }
    }

    /**
     * A Job's state, from its conditions and, while it has not ended, its newest Pod (a Pod that cannot pull its
     * image, or already ended, decides before the Job's own condition does); {@code UNKNOWN} when there is no Job.
     */
    public static WorkloadStatus ofJob(String workloadId, Job job, List<Pod> pods, Instant now) {
        if (job == null) {
            return WorkloadStatus.unknown(workloadId, now);
        }
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return status(workloadId, WorkloadState.STOPPED, null, null, List.of(), now);
        }
        Optional<Pod> newest = pods.stream().max(Comparator.comparing(pod -> text(pod.getMetadata()
                .getCreationTimestamp())));
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        for (JobCondition condition : conditions) {
            if (!"True".equals(condition.getStatus())) {
                continue;
            }
            if ("Complete".equals(condition.getType()) || "SuccessCriteriaMet".equals(condition.getType())) {
                return status(workloadId, WorkloadState.SUCCEEDED, 0, null, List.of(), now);
            }
            if ("Failed".equals(condition.getType()) || "FailureTarget".equals(condition.getType())) {
                if ("DeadlineExceeded".equals(condition.getReason())) {
                    return status(workloadId, WorkloadState.FAILED, null, "runtime.reason.deadline", List.of(), now);
                }
                WorkloadStatus pod = newest.map(p -> ofPod(workloadId, p, now)).orElse(null);
                if (pod != null && pod.state() == WorkloadState.FAILED) {
                    return pod;
                }
                return status(workloadId, WorkloadState.FAILED, null, "runtime.reason.exit-code", List.of("?"), now);
            }
        }
        if (newest.isPresent()) {
            WorkloadStatus pod = ofPod(workloadId, newest.get(), now);
            return pod.state() == WorkloadState.STOPPED
                    ? status(workloadId, WorkloadState.STARTING, null, null, List.of(), now) : pod;
        }
        Integer active = job.getStatus() == null ? null : job.getStatus().getActive();
        return status(workloadId, active != null && active > 0 ? WorkloadState.RUNNING : WorkloadState.STARTING,
                null, null, List.of(), now);
    }

    /** The memory limit of the Pod's main container in MiB, or "?" where it has none. */
    static String memoryLimitMib(Pod pod) {
        return pod.getSpec() == null ? "?" : pod.getSpec().getContainers().stream()
                .filter(c -> KubernetesNames.CONTAINER.equals(c.getName()))
                .findFirst()
                .map(c -> c.getResources() == null || c.getResources().getLimits() == null ? null
                        : c.getResources().getLimits().get("memory"))
                .map(q -> Quantity.getAmountInBytes(q).divide(BigDecimal.valueOf(1024L * 1024))
                        .setScale(0, java.math.RoundingMode.DOWN).toPlainString())
                .orElse("?");
    }

    private static Optional<ContainerState> mainState(List<ContainerStatus> statuses) {
        if (statuses == null) {
            return Optional.empty();
        }
        return statuses.stream().filter(s -> KubernetesNames.CONTAINER.equals(s.getName())).findFirst()
                .or(() -> statuses.stream().findFirst())
                .map(ContainerStatus::getState);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static WorkloadStatus status(String id, WorkloadState state, Integer exitCode, String reason,
                                         List<String> arguments, Instant now) {
        return new WorkloadStatus(id, state, exitCode, reason, arguments, now);
    }
}
