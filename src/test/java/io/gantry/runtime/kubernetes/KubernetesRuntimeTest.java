package io.gantry.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.gantry.AdjustableClock;
import io.gantry.runtime.Access;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.JupyterTraffic;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import io.gantry.runtime.WorkspacePath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes runtime against a mock API server in CRUD mode: what a start makes, field by field and nothing else,
 * what stop and remove delete, states from status, orphans, faults, logs and the terminal. Each test uses a project of
 * its own (a namespace of its own) on one mock server.
 */
class KubernetesRuntimeTest {

    private static final MockCluster cluster = new MockCluster();
    private static final AtomicInteger projects = new AtomicInteger(100);
    private final KubernetesClient api = cluster.client();
    private final AdjustableClock clock = new AdjustableClock(Instant.now());
    private final KubernetesRuntime runtime = new KubernetesRuntime(api, KubernetesRuntimeProperties.defaults(),
            clock, new JupyterTraffic(clock));
    private long project;
    private String namespace;

    @BeforeEach
    void newProject() {
        project = projects.incrementAndGet();
        namespace = "gantry-" + project;
        cluster.unreachable(false);
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @Test
    void aContainerGivesExactlyItsObjects() {
        WorkloadSpec spec = Specs.container("container-a1", project, "41", Specs.WHITELIST);

        WorkloadStatus started = runtime.start(spec);

        assertThat(started.state()).isEqualTo(WorkloadState.RUNNING);
        var ns = api.namespaces().withName(namespace).get();
        assertThat(ns.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gantry")
                .containsEntry("gantry.io/project", Long.toString(project));
        ResourceQuota quota = api.resourceQuotas().inNamespace(namespace).withName("gantry-quota").get();
        assertThat(quota.getSpec().getHard()).containsEntry("requests.nvidia.com/gpu", new Quantity("4"))
                .containsEntry("limits.cpu", new Quantity("32"))
                .containsEntry("limits.memory", new Quantity("262144", "Mi"));

        Pod pod = api.pods().inNamespace(namespace).withName("container-a1").get();
        var main = pod.getSpec().getContainers().getFirst();
        assertThat(main.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"))
                .containsEntry("cpu", new Quantity("8")).containsEntry("memory", new Quantity("65536", "Mi"));
        assertThat(pod.getSpec().getNodeSelector()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "accelerator", "nvidia-a100-80g", "kubernetes.io/hostname", "gpu-1"));
        assertThat(pod.getSpec().getVolumes()).filteredOn(volume -> volume.getEmptyDir() != null).singleElement()
                .satisfies(volume -> {
                    assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory");
                    assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("16384", "Mi"));
                });
        assertThat(main.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath())
                .isEqualTo("/dev/shm"));
        assertThat(pod.getMetadata().getLabels()).containsEntry("gantry.io/workload", "container-a1")
                .containsEntry("gantry.io/kind", "container").containsEntry("gantry.io/owner", "41")
                .containsEntry("gantry.io/project", Long.toString(project));

        Service service = api.services().inNamespace(namespace).withName("container-a1").get();
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(22, 8888, 8080);

        NetworkPolicy policy = api.network().v1().networkPolicies().inNamespace(namespace).withName("container-a1")
                .get();
        assertThat(policy.getSpec().getIngress()).hasSize(3);
        assertThat(policy.getSpec().getIngress().get(0).getFrom().getFirst().getIpBlock().getCidr())
                .isEqualTo("10.1.0.0/16");
        assertThat(policy.getSpec().getIngress().get(0).getPorts().getFirst().getPort())
                .isEqualTo(new IntOrString(22));
        assertThat(policy.getSpec().getIngress().get(1).getFrom().getFirst().getIpBlock().getCidr())
                .isEqualTo("192.168.5.0/24");
        assertThat(policy.getSpec().getIngress().get(1).getPorts().getFirst().getEndPort()).isEqualTo(8100);

        Secret secret = api.secrets().inNamespace(namespace).withName("container-a1").get();
        assertThat(secret.getData()).containsOnlyKeys("authorized_keys", "ssh_password_hash",
                "terminal_password_hash", "jupyter_token");
        String hash = new String(java.util.Base64.getDecoder().decode(secret.getData().get("ssh_password_hash")),
                StandardCharsets.UTF_8);
        assertThat(hash).startsWith("$6$");
        assertThat(org.apache.commons.codec.digest.Sha2Crypt.sha512Crypt(
                "s3cret-Passw0rd".getBytes(StandardCharsets.UTF_8), hash)).isEqualTo(hash);

        var claim = api.persistentVolumeClaims().inNamespace(namespace).withName("workspace-41").get();
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));

        assertThat(everythingIn(namespace)).containsExactlyInAnyOrder("Pod/container-a1", "Service/container-a1",
                "NetworkPolicy/container-a1", "Secret/container-a1", "ResourceQuota/gantry-quota",
                "PersistentVolumeClaim/workspace-41");
        assertThat(api.batch().v1().jobs().inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void allowAllMakesNoNetworkPolicyAndPullCredentialsAPullSecret() {
        runtime.start(Specs.pulling(Specs.container("container-b1", project, "41", Access.ALLOW_ALL)));

        assertThat(everythingIn(namespace)).containsExactlyInAnyOrder("Pod/container-b1", "Service/container-b1",
                "Secret/container-b1", "Secret/container-b1-pull", "ResourceQuota/gantry-quota",
                "PersistentVolumeClaim/workspace-41");
        assertThat(api.secrets().inNamespace(namespace).withName("container-b1-pull").get().getType())
                .isEqualTo("kubernetes.io/dockerconfigjson");
    }

    @Test
    void aTaskGivesAJobWithItsDeadlineAndTtl() {
        WorkloadStatus started = runtime.start(Specs.task("task-c1", project, "41"));

        assertThat(started.state()).isEqualTo(WorkloadState.RUNNING);
        Job job = api.batch().v1().jobs().inNamespace(namespace).withName("task-c1").get();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(7200L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(everythingIn(namespace)).containsExactlyInAnyOrder("Job/task-c1", "Secret/task-c1",
                "ResourceQuota/gantry-quota", "PersistentVolumeClaim/workspace-41");

        assertThat(runtime.inspect("task-c1").state()).isEqualTo(WorkloadState.STARTING);
        cluster.setJobStatus(namespace, "task-c1", MockCluster.jobActive());
        assertThat(runtime.inspect("task-c1").state()).isEqualTo(WorkloadState.RUNNING);
        cluster.setJobStatus(namespace, "task-c1", MockCluster.jobEnded("Failed", "DeadlineExceeded",
                "Job was active longer than specified deadline"));
        WorkloadStatus ended = runtime.inspect("task-c1");
        assertThat(ended.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(ended.reason()).isEqualTo("runtime.reason.deadline");
    }

    @Test
    void stopAndRemoveDeleteWhatWasMadeAndNothingElse() {
        runtime.start(Specs.container("container-d1", project, "41", Specs.WHITELIST));
        runtime.start(Specs.container("container-d2", project, "41", Specs.WHITELIST));

        runtime.stop("container-d1", Duration.ofSeconds(5));
        assertThat(api.pods().inNamespace(namespace).withName("container-d1").get()).isNull();
        assertThat(api.services().inNamespace(namespace).withName("container-d1").get()).isNotNull();

        runtime.remove("container-d1");
        assertThat(everythingIn(namespace)).containsExactlyInAnyOrder("Pod/container-d2", "Service/container-d2",
                "NetworkPolicy/container-d2", "Secret/container-d2", "ResourceQuota/gantry-quota",
                "PersistentVolumeClaim/workspace-41");
        assertThat(api.namespaces().withName(namespace).get()).isNotNull();
        assertThat(runtime.inspect("container-d1").state()).isEqualTo(WorkloadState.UNKNOWN);

        runtime.stop("container-d1", Duration.ofSeconds(5));
        runtime.remove("container-d1");
    }

    @Test
    void aPodStatusDecidesTheStateWithKubernetesReason() {
        runtime.start(Specs.container("container-e1", project, "41", Access.ALLOW_ALL));
        assertThat(runtime.inspect("container-e1").state()).isEqualTo(WorkloadState.STARTING);

        cluster.setPodStatus(namespace, "container-e1", MockCluster.running());
        assertThat(runtime.inspect("container-e1").state()).isEqualTo(WorkloadState.RUNNING);

        cluster.setPodStatus(namespace, "container-e1", MockCluster.terminated("Failed", 137, "OOMKilled"));
        WorkloadStatus oom = runtime.inspect("container-e1");
        assertThat(oom.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(oom.reason()).isEqualTo("runtime.reason.memory");
        assertThat(oom.reasonArguments()).containsExactly("65536", "?");

        runtime.start(Specs.container("container-e2", project, "41", Access.ALLOW_ALL));
        cluster.setPodStatus(namespace, "container-e2", MockCluster.waiting("ImagePullBackOff",
                "Back-off pulling image \"pytorch/pytorch:2.5\""));
        WorkloadStatus pull = runtime.inspect("container-e2");
        assertThat(pull.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(pull.reason()).isEqualTo("runtime.reason.image-pull");
        assertThat(pull.reasonArguments()).containsExactly("Back-off pulling image \"pytorch/pytorch:2.5\"");
    }

    @Test
    void aWorkloadIsReadByNameInItsNamespaceAndAReplicaThatJustStartedLearnsAllNamespacesAtOnce() {
        runtime.start(Specs.container("container-n1", project, "41", Access.ALLOW_ALL));
        runtime.start(Specs.container("container-n2", project, "41", Access.ALLOW_ALL));
        cluster.clearCalls();

        runtime.inspect("container-n1");

        assertThat(cluster.calls()).containsExactly(
                new MockCluster.ApiCall("GET", "/api/v1/namespaces/" + namespace + "/pods/container-n1"));

        // Another replica, which started nothing: one list of Gantry's Jobs and Pods, then each by name.
        KubernetesRuntime other = new KubernetesRuntime(api, KubernetesRuntimeProperties.defaults(), clock,
                new JupyterTraffic(clock));
        cluster.clearCalls();
        other.inspect("container-n1");
        other.inspect("container-n2");

        assertThat(cluster.calls()).filteredOn(call -> !call.path().contains("/namespaces/")).hasSize(2);
        assertThat(cluster.calls()).filteredOn(call -> call.path().contains("/namespaces/")).containsExactly(
                new MockCluster.ApiCall("GET", "/api/v1/namespaces/" + namespace + "/pods/container-n1"),
                new MockCluster.ApiCall("GET", "/api/v1/namespaces/" + namespace + "/pods/container-n2"));
    }

    @Test
    void removeDeletesSecretsByNameWithoutListingAnySecret() {
        runtime.start(Specs.container("container-s1", project, "41", Specs.WHITELIST));
        cluster.clearCalls();

        runtime.remove("container-s1");

        assertThat(cluster.calls()).noneMatch(call -> call.method().equals("GET") && call.path().contains("secrets"));
        assertThat(objectsOf("container-s1")).isEmpty();
    }

    @Test
    void orphansOlderThanTheirGraceAreDeletedExpectedAndFreshOnesStay() {
        runtime.start(Specs.container("container-f1", project, "41", Access.ALLOW_ALL));
        runtime.start(Specs.container("container-f2", project, "41", Access.ALLOW_ALL));
        List<String> asked = new ArrayList<>();

        // Just made (by another replica, say) and not expected yet: younger than the grace, it stays.
        assertThat(runtime.deleteOrphans(() -> {
            asked.add("asked");
            return Set.of("container-f1");
        })).isEmpty();
        assertThat(asked).hasSize(1);
        assertThat(objectsOf("container-f2")).hasSize(3);

        clock.advance(Duration.ofMinutes(3));
        cluster.clearCalls();
        List<String> deleted = runtime.deleteOrphans(() -> {
            // Listed first, asked afterwards: a workload started meanwhile is expected by now.
            assertThat(cluster.calls()).hasSize(4).allMatch(call -> call.method().equals("GET"));
            return Set.of("container-f1");
        });

        assertThat(deleted).containsExactly("container-f2");
        assertThat(everythingIn(namespace)).containsExactlyInAnyOrder("Pod/container-f1", "Service/container-f1",
                "Secret/container-f1", "ResourceQuota/gantry-quota", "PersistentVolumeClaim/workspace-41");
    }

    @Test
    void reconcileAdoptsLiveWorkloadsReportsLostOnesAndDeletesOldOrphans() {
        runtime.start(Specs.container("container-q1", project, "41", Access.ALLOW_ALL));
        runtime.start(Specs.container("container-q2", project, "41", Access.ALLOW_ALL));
        runtime.start(Specs.container("container-q3", project, "41", Access.ALLOW_ALL));
        cluster.setPodStatus(namespace, "container-q1", MockCluster.running());
        cluster.setPodStatus(namespace, "container-q2", MockCluster.terminated("Failed", 1, "Error"));
        clock.advance(Duration.ofMinutes(3));
        Map<String, WorkloadSpec> expected = Map.of(
                "container-q1", Specs.container("container-q1", project, "41", Access.ALLOW_ALL),
                "container-q2", Specs.container("container-q2", project, "41", Access.ALLOW_ALL),
                "container-q9", Specs.container("container-q9", project, "41", Access.ALLOW_ALL));

        var result = runtime.reconcile(expected);

        assertThat(result.adopted()).containsExactly("container-q1");
        assertThat(result.lost()).extracting(WorkloadStatus::workloadId, WorkloadStatus::state, WorkloadStatus::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("container-q2", WorkloadState.FAILED,
                                "runtime.reason.exit-code"),
                        org.assertj.core.groups.Tuple.tuple("container-q9", WorkloadState.UNKNOWN, null));
        assertThat(result.orphansStopped()).contains("container-q3");
        assertThat(objectsOf("container-q3")).isEmpty();
        assertThat(objectsOf("container-q1")).isNotEmpty();
    }

    @Test
    void withoutAMetricsApiThereAreNoReadingsAndAnUploadOverItsLimitKeepsNothing() {
        runtime.start(Specs.container("container-r1", project, "owner-r", Access.ALLOW_ALL));
        cluster.setPodStatus(namespace, "container-r1", MockCluster.running());

        assertThat(runtime.metrics("container-r1")).isEmpty();
        assertThat(runtime.activity("container-r1")).isEmpty();
        cluster.clearCalls();
        assertThatThrownBy(() -> runtime.writeToWorkspace("owner-r", WorkspacePath.parse("data/big.bin").path()
                .orElseThrow(), new ByteArrayInputStream(new byte[10]), 3))
                .isInstanceOf(WorkloadRuntime.TooLarge.class);
        assertThat(cluster.calls()).as("nothing was sent to the Pod").noneMatch(call ->
                call.path().contains("/exec"));
    }

    @Test
    void devicesWithoutAResourceNameFailAtOnceMakingNothing() {
        WorkloadSpec spec = Specs.placed(Specs.container("container-g1", project, "41", Access.ALLOW_ALL),
                new WorkloadSpec.Placement("gpu-1", Map.of("accelerator", "ascend-910b"), null, 2,
                        Specs.QUOTA));
        cluster.clearCalls();

        WorkloadStatus started = runtime.start(spec);

        assertThat(started.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(started.reason()).isEqualTo("runtime.reason.no-device-resource");
        assertThat(started.reasonArguments()).containsExactly("{accelerator=ascend-910b}");
        assertThat(cluster.calls()).isEmpty();
    }

    @Test
    void aNamespaceTheApiRefusesFailsTheStartWithItsMessage() {
        cluster.server().expect().post().withPath("/api/v1/namespaces").andReturn(403, new io.fabric8.kubernetes
                .api.model.StatusBuilder().withCode(403).withStatus("Failure").withReason("Forbidden")
                .withMessage("namespaces is forbidden: User \"gantry\" cannot create resource").build()).once();

        WorkloadStatus started = runtime.start(Specs.container("container-h1", project, "41", Specs.WHITELIST));

        assertThat(started.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(started.reason()).isEqualTo("runtime.reason.refused");
        assertThat(started.reasonArguments().getFirst()).startsWith("Namespace " + namespace + ": ")
                .contains("cannot create resource");
        assertThat(api.namespaces().withName(namespace).get()).isNull();
        assertThat(objectsOf("container-h1")).isEmpty();
    }

    @Test
    void aQuotaTheApiRejectsFailsTheStartAndMakesNoWorkloadObject() {
        cluster.server().expect().post().withPath("/api/v1/namespaces/" + namespace + "/resourcequotas")
                .andReturn(422, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(422)
                        .withStatus("Failure").withReason("Invalid")
                        .withMessage("ResourceQuota \"gantry-quota\" is invalid: spec.hard[requests.nvidia.com/gpu]")
                        .build()).once();

        WorkloadStatus started = runtime.start(Specs.container("container-i1", project, "41", Specs.WHITELIST));

        assertThat(started.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(started.reason()).isEqualTo("runtime.reason.refused");
        assertThat(started.reasonArguments().getFirst()).startsWith("ResourceQuota gantry-quota: ")
                .contains("is invalid");
        assertThat(objectsOf("container-i1")).isEmpty();
    }

    @Test
    void aFailureAfterSomeObjectsDeletesWhatThisStartMade() {
        cluster.server().expect().post().withPath("/api/v1/namespaces/" + namespace + "/pods")
                .andReturn(422, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(422)
                        .withStatus("Failure").withReason("Invalid").withMessage("Pod is invalid").build()).once();

        WorkloadStatus started = runtime.start(Specs.container("container-j1", project, "41", Specs.WHITELIST));

        assertThat(started.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(started.reasonArguments().getFirst()).startsWith("Pod container-j1: ");
        assertThat(objectsOf("container-j1")).isEmpty();
        assertThat(everythingIn(namespace)).containsExactlyInAnyOrder("ResourceQuota/gantry-quota",
                "PersistentVolumeClaim/workspace-41");
    }

    @Test
    void anUnreachableApiFailsTheStartConcludesNothingAndWorkResumesWhenItIsBack() {
        runtime.start(Specs.container("container-k1", project, "41", Access.ALLOW_ALL));
        cluster.unreachable(true);

        WorkloadStatus started = runtime.start(Specs.container("container-k2", project, "41", Access.ALLOW_ALL));
        assertThat(started.state()).isEqualTo(WorkloadState.FAILED);
        assertThat(started.reason()).isEqualTo("runtime.reason.unavailable");
        assertThatThrownBy(() -> runtime.inspect("container-k1")).isInstanceOfSatisfying(
                WorkloadRuntime.Unavailable.class, e -> assertThat(e.reason()).isEqualTo("runtime.reason.unavailable"));
        assertThatThrownBy(() -> runtime.deleteOrphans(Set::of)).isInstanceOf(WorkloadRuntime.Unavailable.class);
        assertThatThrownBy(() -> runtime.nodes()).isInstanceOf(WorkloadRuntime.Unavailable.class);

        cluster.unreachable(false);
        assertThat(runtime.inspect("container-k1").state()).isEqualTo(WorkloadState.STARTING);
        assertThat(objectsOf("container-k2")).isEmpty();
        assertThat(runtime.start(Specs.container("container-k2", project, "41", Access.ALLOW_ALL)).state())
                .isEqualTo(WorkloadState.RUNNING);
        assertThat(runtime.inspect("container-k2").state()).isEqualTo(WorkloadState.STARTING);
    }

    @Test
    void aStartWhoseOutcomeWasLostFindsItsObjectsAndKeepsThem() {
        WorkloadSpec spec = Specs.container("container-l1", project, "41", Access.ALLOW_ALL);
        runtime.start(spec);

        assertThat(runtime.start(spec).state()).isEqualTo(WorkloadState.RUNNING);
        assertThat(objectsOf("container-l1")).containsExactlyInAnyOrder("Pod/container-l1",
                "Service/container-l1", "Secret/container-l1");
    }

    @Test
    void aChangedProjectQuotaIsUpdated() {
        runtime.start(Specs.container("container-m1", project, "41", Access.ALLOW_ALL));
        WorkloadSpec.Placement bigger = new WorkloadSpec.Placement("gpu-1", Map.of(), "nvidia.com/gpu", 1,
                new WorkloadSpec.ProjectQuota(Map.of("nvidia.com/gpu", 8), 64, 524288));

        runtime.start(Specs.placed(Specs.container("container-m2", project, "41", Access.ALLOW_ALL), bigger));

        assertThat(api.resourceQuotas().inNamespace(namespace).withName("gantry-quota").get().getSpec().getHard())
                .containsEntry("requests.nvidia.com/gpu", new Quantity("8"))
                .containsEntry("requests.cpu", new Quantity("64"));
    }

    @Test
    void endpointsNodesAndEvents() {
        cluster.addNode("gpu-1", Map.of("accelerator", "nvidia-a100-80g"), Map.of("cpu", "64", "memory", "512Gi",
                "nvidia.com/gpu", "8", "pods", "110"));
        runtime.start(Specs.container("container-n1", project, "41", Access.ALLOW_ALL));
        Service service = api.services().inNamespace(namespace).withName("container-n1").get();
        service.getSpec().getPorts().get(0).setNodePort(30022);
        service.getSpec().getPorts().get(2).setNodePort(30080);
        api.services().inNamespace(namespace).resource(service).update();

        List<Endpoint> endpoints = runtime.endpoints("container-n1");

        String address = KubernetesRuntime.address(api.nodes().withName("gpu-1").get());
        assertThat(endpoints).containsExactly(
                new Endpoint(Endpoint.Kind.SSH, address, 30022, null),
                new Endpoint(Endpoint.Kind.JUPYTER, "container-n1." + namespace + ".svc", 8888,
                        "/jupyter/container-n1/"),
                new Endpoint(Endpoint.Kind.PORT, address, 30080, null),
                new Endpoint(Endpoint.Kind.TERMINAL, address, 0, null));

        assertThat(runtime.nodes().orElseThrow()).filteredOn(node -> node.name().equals("gpu-1")).singleElement()
                .satisfies(node -> {
                    assertThat(node.allocatable()).containsExactlyEntriesOf(Map.of("nvidia.com/gpu", 8L));
                    assertThat(node.cpuCores()).isEqualTo(64);
                    assertThat(node.memoryMib()).isEqualTo(524288);
                    assertThat(node.labels()).containsEntry("accelerator", "nvidia-a100-80g");
                    assertThat(node.schedulable()).isTrue();
                    assertThat(node.address()).isEqualTo(address);
                });

        api.v1().events().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("container-n1.1").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("container-n1").withNamespace(namespace)
                .endInvolvedObject()
                .withType("Warning").withReason("FailedScheduling").withMessage("0/3 nodes are available")
                .withLastTimestamp("2026-12-04T10:00:00Z").build()).create();
        api.v1().events().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("other.1").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("other").withNamespace(namespace)
                .endInvolvedObject().withType("Normal").withReason("Pulled").withMessage("x").build()).create();

        assertThat(runtime.events("container-n1")).singleElement().satisfies(event -> {
            assertThat(event.warning()).isTrue();
            assertThat(event.reason()).isEqualTo("FailedScheduling");
            assertThat(event.at()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
            assertThat(event.key()).isNotBlank();
        });
    }

    @Test
    void savingAnImageIsRefusedAndAnUploadNeedsARunningContainer() {
        assertThatThrownBy(() -> runtime.saveImage("container-o1", "mine", "1")).isInstanceOfSatisfying(
                WorkloadRuntime.Refused.class,
                e -> assertThat(e.reason()).isEqualTo("runtime.kubernetes.no-image-builder"));
        assertThatThrownBy(() -> runtime.writeToWorkspace("no-such-owner", WorkspacePath.parse("a.txt").path()
                .orElseThrow(), new ByteArrayInputStream(new byte[1]), 10)).isInstanceOfSatisfying(
                WorkloadRuntime.Refused.class,
                e -> assertThat(e.reason()).isEqualTo("runtime.kubernetes.upload-needs-container"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void tailReadsThePodLogAndATerminalIsAnExecWithATty() throws IOException {
        runtime.start(Specs.container("container-p1", project, "41", Access.ALLOW_ALL));
        cluster.setPodStatus(namespace, "container-p1", MockCluster.running());
        String pod = "/api/v1/namespaces/" + namespace + "/pods/container-p1";
        cluster.server().expect().get().withPath(pod + "/log?tailLines=2")
                .andReturn(200, "epoch 1\nepoch 2\n").always();
        cluster.clearCalls();

        assertThat(runtime.tail("container-p1", 2)).containsExactly("epoch 1", "epoch 2");
        // The Pod by name, then its log: no list and no watch waiting for the Pod to be ready.
        assertThat(cluster.calls()).containsExactly(new MockCluster.ApiCall("GET", pod),
                new MockCluster.ApiCall("GET", pod + "/log?tailLines=2"));

        cluster.server().expect().get().withPath(pod + "/exec?command=sh&command=-c&command="
                        + java.net.URLEncoder.encode(KubernetesRuntime.SHELL[2], StandardCharsets.UTF_8)
                        .replace("+", "%20")
                        + "&container=main&tty=true&stdin=true&stdout=true")
                // The prompt, and the shell's exit only long after: the socket stays open while the test reads.
                .andUpgradeToWebSocket().open(new OutputStreamMessage("$ ")).waitFor(30_000)
                .andEmit(new io.fabric8.kubernetes.client.server.mock.StatusMessage(0)).done().once();
        cluster.clearCalls();
        try (WorkloadRuntime.Terminal terminal = open("container-p1")) {
            assertThat(read(terminal.output(), 2)).isEqualTo("$ ");
            assertThat(runtime.activity("container-p1")).hasValueSatisfying(activity ->
                    assertThat(activity.terminalSessions()).isEqualTo(1));
        }
        assertThat(runtime.activity("container-p1")).isEmpty();
    }

    /** Reads what the shell printed (the test's timeout ends it where the shell prints less). */
    private static String read(InputStream output, int bytes) throws IOException {
        return new String(output.readNBytes(bytes), StandardCharsets.UTF_8);
    }

    private WorkloadRuntime.Terminal open(String id) throws IOException {
        try {
            return runtime.openTerminal(id, 80, 24);
        } catch (IOException e) {
            throw new IOException(cluster.calls().toString(), e);
        }
    }

    /** Every object labelled with the workload in any namespace, Secrets included, as kind/name. */
    private List<String> objectsOf(String workloadId) {
        String label = KubernetesNames.WORKLOAD;
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(api.pods().inAnyNamespace().withLabel(label, workloadId).list().getItems());
        all.addAll(api.batch().v1().jobs().inAnyNamespace().withLabel(label, workloadId).list().getItems());
        all.addAll(api.services().inAnyNamespace().withLabel(label, workloadId).list().getItems());
        all.addAll(api.secrets().inAnyNamespace().withLabel(label, workloadId).list().getItems());
        all.addAll(api.network().v1().networkPolicies().inAnyNamespace().withLabel(label, workloadId).list()
                .getItems());
        return all.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    /** Every object in the namespace, as kind/name. */
    private List<String> everythingIn(String ns) {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(api.pods().inNamespace(ns).list().getItems());
        all.addAll(api.batch().v1().jobs().inNamespace(ns).list().getItems());
        all.addAll(api.services().inNamespace(ns).list().getItems());
        all.addAll(api.secrets().inNamespace(ns).list().getItems());
        all.addAll(api.network().v1().networkPolicies().inNamespace(ns).list().getItems());
        all.addAll(api.resourceQuotas().inNamespace(ns).list().getItems());
        all.addAll(api.persistentVolumeClaims().inNamespace(ns).list().getItems());
        all.addAll(api.configMaps().inNamespace(ns).list().getItems());
        return all.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
