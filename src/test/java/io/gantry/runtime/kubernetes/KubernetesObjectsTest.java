package io.gantry.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

/** The objects made from a spec, field by field, without a cluster. */
class KubernetesObjectsTest {

    private final KubernetesRuntimeProperties properties = new KubernetesRuntimeProperties("gantry-",
            KubernetesRuntimeProperties.ServiceType.NodePort, "fast-ssd", "100Gi", "ReadWriteOnce", "/workspace",
            Duration.ofMinutes(10), Duration.ofMinutes(2), "", "");
    private final KubernetesObjects objects = new KubernetesObjects(properties);
    private final WorkloadSpec container = Specs.container("container-3f9a", 12, "41", Specs.WHITELIST);

    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "gantry",
            "gantry.io/workload", "container-3f9a", "gantry.io/kind", "container", "gantry.io/project", "12",
            "gantry.io/owner", "41");

    @Test
    void namespaceAndQuotaMirrorTheProject() {
        var namespace = objects.namespace(12);
        assertThat(namespace.getMetadata().getName()).isEqualTo("gantry-12");
        assertThat(namespace.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/managed-by", "gantry", "gantry.io/project", "12"));

        var quota = objects.quota(12, Specs.QUOTA);
        assertThat(quota.getMetadata().getName()).isEqualTo("gantry-quota");
        assertThat(quota.getMetadata().getNamespace()).isEqualTo("gantry-12");
        assertThat(quota.getSpec().getHard()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "requests.nvidia.com/gpu", new Quantity("4"),
                "requests.cpu", new Quantity("32"), "limits.cpu", new Quantity("32"),
                "requests.memory", new Quantity("262144", "Mi"), "limits.memory", new Quantity("262144", "Mi")));
        assertThat(KubernetesObjects.quotaHard(WorkloadSpec.ProjectQuota.NONE)).isEmpty();
    }

    @Test
    void aContainerIsAPodPinnedToItsNodeWithItsDevicesMemoryAndShm() {
        Pod pod = objects.pod(container);
        assertThat(pod.getMetadata().getName()).isEqualTo("container-3f9a");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("gantry-12");
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(LABELS);
        var spec = pod.getSpec();
        assertThat(spec.getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getAutomountServiceAccountToken()).isFalse();
        assertThat(spec.getNodeSelector()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "accelerator", "nvidia-a100-80g", "kubernetes.io/hostname", "gpu-1"));
        assertThat(spec.getImagePullSecrets()).isEmpty();
        Container main = spec.getContainers().getFirst();
        assertThat(spec.getContainers()).hasSize(1);
        assertThat(main.getName()).isEqualTo("main");
        assertThat(main.getImage()).isEqualTo("pytorch/pytorch:2.5");
        assertThat(main.getCommand()).as("the image's own entrypoint runs").isNullOrEmpty();
        assertThat(main.getResources().getLimits()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "nvidia.com/gpu", new Quantity("2"), "cpu", new Quantity("8"), "memory", new Quantity("65536", "Mi")));
        assertThat(main.getResources().getRequests()).containsExactlyInAnyOrderEntriesOf(
                main.getResources().getLimits());
        assertThat(main.getEnv()).extracting(EnvVar::getName)
                .containsExactly("LANG", "WORKSPACE", "JUPYTER_TOKEN", "JUPYTER_BASE_URL");
        assertThat(main.getEnv()).noneMatch(env -> env.getName().equals("CUDA_VISIBLE_DEVICES"));
        assertThat(main.getEnv().get(1).getValue()).isEqualTo("/workspace");
        assertThat(main.getEnv().get(2).getValueFrom().getSecretKeyRef().getName()).isEqualTo("container-3f9a");
        assertThat(main.getEnv().get(2).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("jupyter_token");
        assertThat(main.getEnv().get(3).getValue()).isEqualTo("/jupyter/container-3f9a/");
        assertThat(main.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(22, 8888, 8080);
        assertThat(main.getVolumeMounts()).extracting(m -> m.getName() + "@" + m.getMountPath() + ":"
                + Boolean.TRUE.equals(m.getReadOnly()))
                .containsExactly("workspace@/workspace:false", "dshm@/dev/shm:false",
                        "gantry-credentials@/etc/gantry:true");
        Map<String, Volume> volumes = new java.util.HashMap<>();
        spec.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        assertThat(volumes).hasSize(3);
        assertThat(volumes.get("workspace").getPersistentVolumeClaim().getClaimName()).isEqualTo("workspace-41");
        assertThat(volumes.get("dshm").getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(volumes.get("dshm").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("16384", "Mi"));
        assertThat(volumes.get("gantry-credentials").getSecret().getSecretName()).isEqualTo("container-3f9a");
    }

    @Test
    void withoutAResourceNameOrNodeThePodAsksForNoDevicesAndPinsNothing() {
        Pod pod = objects.pod(Specs.placed(container, WorkloadSpec.Placement.NONE));
        assertThat(pod.getSpec().getNodeSelector()).isEmpty();
        assertThat(pod.getSpec().getContainers().getFirst().getResources().getLimits()).containsOnlyKeys("cpu",
                "memory");
    }

    @Test
    void theServiceExposesSshJupyterAndExtraPortsOfThePod() {
        Service service = objects.service(container);
        assertThat(service.getMetadata().getName()).isEqualTo("container-3f9a");
        assertThat(service.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(LABELS);
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(service.getSpec().getSelector()).containsExactlyEntriesOf(Map.of("gantry.io/workload",
                "container-3f9a"));
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort,
                        ServicePort::getTargetPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ssh", 22, new IntOrString(22)),
                        org.assertj.core.groups.Tuple.tuple("jupyter", 8888, new IntOrString(8888)),
                        org.assertj.core.groups.Tuple.tuple("port-8080", 8080, new IntOrString(8080)));

        var balanced = new KubernetesObjects(new KubernetesRuntimeProperties("gantry-",
                KubernetesRuntimeProperties.ServiceType.LoadBalancer, "", "50Gi", "ReadWriteOnce", "/workspace",
                Duration.ofMinutes(10), Duration.ofMinutes(2), "", ""));
        assertThat(balanced.service(container).getSpec().getType()).isEqualTo("LoadBalancer");
    }

    @Test
    void theWhitelistBecomesANetworkPolicyAndAllowAllNone() {
        NetworkPolicy policy = objects.networkPolicy(container);
        assertThat(policy.getMetadata().getName()).isEqualTo("container-3f9a");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsExactlyEntriesOf(Map.of(
                "gantry.io/workload", "container-3f9a"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).getFrom().getFirst().getIpBlock().getCidr()).isEqualTo("10.1.0.0/16");
        assertThat(rules.get(0).getPorts().getFirst().getPort()).isEqualTo(new IntOrString(22));
        assertThat(rules.get(0).getPorts().getFirst().getEndPort()).isNull();
        assertThat(rules.get(1).getFrom().getFirst().getIpBlock().getCidr()).isEqualTo("192.168.5.0/24");
        assertThat(rules.get(1).getPorts().getFirst().getProtocol()).isEqualTo("TCP");
        assertThat(rules.get(1).getPorts().getFirst().getPort()).isEqualTo(new IntOrString(8000));
        assertThat(rules.get(1).getPorts().getFirst().getEndPort()).isEqualTo(8100);
        // Gantry's own Pods reach Jupyter (its proxy), whatever the whitelist.
        assertThat(rules.get(2).getFrom().getFirst().getPodSelector().getMatchLabels()).containsExactlyEntriesOf(
                Map.of("app.kubernetes.io/name", "gantry"));
        assertThat(rules.get(2).getPorts().getFirst().getPort()).isEqualTo(new IntOrString(8888));

        assertThat(objects.networkPolicy(Specs.container("container-1", 12, "41", Access.ALLOW_ALL))).isNull();
        assertThat(objects.networkPolicy(Specs.container("container-1", 12, "41", List.of())).getSpec()
                .getIngress()).hasSize(1);
    }

    @Test
    void theCredentialsSecretHoldsKeysHashesAndToken() {
        Secret secret = objects.credentials(container, "$6$salt$hash");
        assertThat(secret.getMetadata().getName()).isEqualTo("container-3f9a");
        assertThat(secret.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(LABELS);
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(decoded(secret.getData())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "authorized_keys", PublicKeyEntry.toString(Specs.KEY) + "\n",
                "ssh_password_hash", "$6$salt$hash",
                "terminal_password_hash", "{bcrypt}$2a$10$terminalhash",
                "jupyter_token", "tok3n-value"));
    }

    @Test
    void privateRegistryCredentialsBecomeAPullSecret() {
        assertThat(objects.pullSecret(container)).isNull();
        WorkloadSpec pulling = Specs.pulling(container);
        Secret pull = objects.pullSecret(pulling);
        assertThat(pull.getMetadata().getName()).isEqualTo("container-3f9a-pull");
        assertThat(pull.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        String auth = Base64.getEncoder().encodeToString("robot:pa\"ss".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded(pull.getData())).containsExactlyEntriesOf(Map.of(".dockerconfigjson",
                "{\"auths\":{\"registry.example.org:5000\":{\"username\":\"robot\",\"password\":\"pa\\\"ss\","
                        + "\"auth\":\"" + auth + "\"}}}"));
        assertThat(objects.pod(pulling).getSpec().getImagePullSecrets()).extracting(r -> r.getName())
                .containsExactly("container-3f9a-pull");
    }

    @Test
    void theWorkspaceIsAClaimPerOwnerWithoutTheWorkloadLabel() {
        var claim = objects.workspaceClaim(container);
        assertThat(claim.getMetadata().getName()).isEqualTo("workspace-41");
        assertThat(claim.getMetadata().getNamespace()).isEqualTo("gantry-12");
        assertThat(claim.getMetadata().getLabels()).doesNotContainKey("gantry.io/workload")
                .containsEntry("gantry.io/owner", "41");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsExactlyEntriesOf(Map.of("storage",
                new Quantity("100Gi")));
        var defaultClass = new KubernetesObjects(KubernetesRuntimeProperties.defaults()).workspaceClaim(container);
        assertThat(defaultClass.getSpec().getStorageClassName()).isNull();
    }

    @Test
    void aTaskIsAJobWithOneTryItsDeadlineAndTtl() {
        Job job = objects.job(Specs.task("task-77", 12, "41"));
        assertThat(job.getMetadata().getName()).isEqualTo("task-77");
        assertThat(job.getMetadata().getLabels()).containsEntry("gantry.io/kind", "task")
                .containsEntry("gantry.io/workload", "task-77");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(7200L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("gantry.io/workload",
                "task-77");
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getContainers().getFirst().getCommand()).containsExactly("python", "train.py");
        assertThat(pod.getContainers().getFirst().getResources().getLimits()).containsEntry("nvidia.com/gpu",
                new Quantity("1"));
        assertThat(objects.service(Specs.task("task-77", 12, "41"))).isNull();
    }

    private static Map<String, String> decoded(Map<String, String> data) {
        Map<String, String> decoded = new java.util.HashMap<>();
        data.forEach((key, value) -> decoded.put(key, new String(Base64.getDecoder().decode(value),
                StandardCharsets.UTF_8)));
        return decoded;
    }
}
