package io.gantry.runtime.kubernetes;

import static io.gantry.runtime.kubernetes.KubernetesNames.CONTAINER;
import static io.gantry.runtime.kubernetes.KubernetesNames.CREDENTIALS_PATH;
import static io.gantry.runtime.kubernetes.KubernetesNames.CREDENTIALS_VOLUME;
import static io.gantry.runtime.kubernetes.KubernetesNames.HOSTNAME;
import static io.gantry.runtime.kubernetes.KubernetesNames.SHM_VOLUME;
import static io.gantry.runtime.kubernetes.KubernetesNames.WORKLOAD;
import static io.gantry.runtime.kubernetes.KubernetesNames.WORKSPACE_VOLUME;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The Kubernetes objects of a workload, made from its spec and nothing else (no API calls): a project's Namespace and
 * ResourceQuota, an owner's workspace volume, and per workload its Pod or Job, Service, NetworkPolicy and Secrets.
 * Images started here are expected to run their own SSH server and Jupyter (the image's entrypoint) reading what
 * Gantry gives them: the authorized keys and password hashes under {@value KubernetesNames#CREDENTIALS_PATH}, and
 * {@code JUPYTER_TOKEN} and {@code JUPYTER_BASE_URL} in the environment.
 */
public final class KubernetesObjects {

    public static final int SSH_PORT = 22;
    public static final int JUPYTER_PORT = 8888;
    public static final String AUTHORIZED_KEYS = "authorized_keys";
    public static final String SSH_PASSWORD_HASH = "ssh_password_hash";
    public static final String TERMINAL_PASSWORD_HASH = "terminal_password_hash";
    public static final String JUPYTER_TOKEN = "jupyter_token";
    /** The label Gantry's own Pods carry (k8s/): they reach Jupyter through a workload's NetworkPolicy. */
    public static final String GANTRY_APP_LABEL = "app.kubernetes.io/name";
    public static final String GANTRY_APP = "gantry";

    private final KubernetesRuntimeProperties properties;
    private final KubernetesNames names;

    public KubernetesObjects(KubernetesRuntimeProperties properties) {
        this.properties = properties;
        this.names = new KubernetesNames(properties.namespacePrefix());
    }

    public KubernetesNames names() {
        return names;
    }

    /** The project's namespace, labelled as Gantry's. */
    public Namespace namespace(long projectId) {
        return new NamespaceBuilder().withNewMetadata().withName(names.namespace(projectId))
                .withLabels(KubernetesNames.namespaceLabels(projectId)).endMetadata().build();
    }

    /**
     * The hard limits mirroring the project's quota: its devices per resource name as requests (the API accepts only
     * {@code requests.} for extended resources, since they cannot be overcommitted), and CPU and memory as requests
     * and limits; what the quota does not set (zero CPU or memory) is not limited.
     */
    public static Map<String, Quantity> quotaHard(WorkloadSpec.ProjectQuota quota) {
        Map<String, Quantity> hard = new TreeMap<>();
        quota.devices().forEach((resource, count) -> hard.put("requests." + resource, new Quantity(count.toString())));
        if (quota.cpuCores() > 0) {
            hard.put("requests.cpu", new Quantity(Integer.toString(quota.cpuCores())));
            hard.put("limits.cpu", new Quantity(Integer.toString(quota.cpuCores())));
        }
        if (quota.memoryMib() > 0) {
            hard.put("requests.memory", mebibytes(quota.memoryMib()));
            hard.put("limits.memory", mebibytes(quota.memoryMib()));
        }
        return hard;
    }

    /** The project's ResourceQuota ({@value KubernetesNames#QUOTA}). */
    public ResourceQuota quota(long projectId, WorkloadSpec.ProjectQuota quota) {
        return new ResourceQuotaBuilder().withNewMetadata().withName(KubernetesNames.QUOTA)
                .withNamespace(names.namespace(projectId)).withLabels(KubernetesNames.namespaceLabels(projectId))
                .endMetadata()
                .withNewSpec().withHard(quotaHard(quota)).endSpec()
                .build();
    }

    /** The owner's workspace volume in the project's namespace; it carries no workload label, so it outlives them. */
    public PersistentVolumeClaim workspaceClaim(WorkloadSpec spec) {
        Map<String, String> labels = KubernetesNames.namespaceLabels(spec.projectId());
        labels.put(KubernetesNames.OWNER, KubernetesNames.labelValue(spec.workspaceOwner()));
        return new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName(KubernetesNames.workspaceClaim(spec.workspaceOwner()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(labels).endMetadata()
                .withNewSpec()
                .withAccessModes(properties.workspaceAccessMode())
                .withStorageClassName(properties.storageClass().isBlank() ? null : properties.storageClass())
                .withNewResources().addToRequests("storage", new Quantity(properties.workspaceSize())).endResources()
                .endSpec()
                .build();
    }

    /**
     * The workload's credentials: the authorized keys, the SSH password's hash, the web terminal's password hash and
     * Jupyter's token, whichever it has.
     *
     * @param sshPasswordHash the SSH password as a crypt(3) hash, or null where only keys are accepted
     */
    public Secret credentials(WorkloadSpec spec, String sshPasswordHash) {
        Access access = spec.access();
        Map<String, String> data = new LinkedHashMap<>();
        StringBuilder keys = new StringBuilder();
        access.authorizedKeys().forEach(key -> keys.append(PublicKeyEntry.toString(key)).append('\n'));
        data.put(AUTHORIZED_KEYS, base64(keys.toString()));
        if (sshPasswordHash != null) {
            data.put(SSH_PASSWORD_HASH, base64(sshPasswordHash));
        }
        if (access.terminalPasswordHash() != null) {
            data.put(TERMINAL_PASSWORD_HASH, base64(access.terminalPasswordHash()));
        }
        if (access.jupyter() && access.jupyterToken() != null) {
            data.put(JUPYTER_TOKEN, base64(access.jupyterToken()));
        }
        return new SecretBuilder().withNewMetadata().withName(KubernetesNames.workload(spec.id()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(KubernetesNames.workloadLabels(spec))
                .endMetadata()
                .withType("Opaque").withData(data).build();
    }

    /** The image pull Secret of a private registry, or null when the image needs none. */
    public Secret pullSecret(WorkloadSpec spec) {
        WorkloadSpec.PullCredentials pull = spec.image().pull();
        if (pull == null) {
            return null;
        }
        String auth = base64(pull.username() + ":" + pull.password());
        String config = "{\"auths\":{" + json(pull.server()) + ":{\"username\":" + json(pull.username())
                + ",\"password\":" + json(pull.password()) + ",\"auth\":" + json(auth) + "}}}";
        return new SecretBuilder().withNewMetadata().withName(KubernetesNames.pullSecret(spec.id()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(KubernetesNames.workloadLabels(spec))
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", base64(config)))
                .build();
    }

    /** A container workload's Pod. */
    public Pod pod(WorkloadSpec spec) {
        return new PodBuilder().withNewMetadata().withName(KubernetesNames.workload(spec.id()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(KubernetesNames.workloadLabels(spec))
                .endMetadata()
                .withSpec(podSpec(spec))
                .build();
    }

    /**
     * A batch workload's Job: one try ({@code backoffLimit: 0}), ended by Kubernetes after its longest run, deleted
     * {@code job-ttl} after it ended (its log goes with it).
     */
    public Job job(WorkloadSpec spec) {
        return new JobBuilder().withNewMetadata().withName(KubernetesNames.workload(spec.id()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(KubernetesNames.workloadLabels(spec))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(spec.longestRun() == null ? null
                        : Math.max(1, spec.longestRun().toSeconds()))
                .withTtlSecondsAfterFinished((int) Math.min(Integer.MAX_VALUE, properties.jobTtl().toSeconds()))
                .withNewTemplate()
                .withNewMetadata().withLabels(KubernetesNames.workloadLabels(spec)).endMetadata()
                .withSpec(podSpec(spec))
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The Pod spec both share: pinned to the broker's node, the devices as limits (and equal requests), CPU and memory
     * requested and limited, shared memory in RAM, the workspace and the credentials mounted; never restarted, so that
     * its end is the workload's end. It gets no service account token: a workload has no business with the API.
     */
    PodSpec podSpec(WorkloadSpec spec) {
        WorkloadSpec.Placement placement = spec.placement();
        Map<String, String> selector = new TreeMap<>(placement.nodeSelector());
        if (placement.nodeName() != null) {
            selector.put(HOSTNAME, placement.nodeName());
        }
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        if (spec.resources().cpuCores() > 0) {
            requests.put("cpu", new Quantity(Integer.toString(spec.resources().cpuCores())));
            limits.put("cpu", new Quantity(Integer.toString(spec.resources().cpuCores())));
        }
        if (spec.resources().memoryMib() > 0) {
            requests.put("memory", mebibytes(spec.resources().memoryMib()));
            limits.put("memory", mebibytes(spec.resources().memoryMib()));
        }
        if (placement.deviceCount() > 0 && placement.deviceResource() != null) {
            requests.put(placement.deviceResource(), new Quantity(Integer.toString(placement.deviceCount())));
            limits.put(placement.deviceResource(), new Quantity(Integer.toString(placement.deviceCount())));
        }
        Container container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image().reference())
                .withCommand(spec.command().isEmpty() ? null : spec.command())
                .withEnv(environment(spec))
                .withPorts(containerPorts(spec))
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .addNewVolumeMount().withName(WORKSPACE_VOLUME).withMountPath(properties.workspacePath())
                .endVolumeMount()
                .addNewVolumeMount().withName(SHM_VOLUME).withMountPath("/dev/shm").endVolumeMount()
                .addNewVolumeMount().withName(CREDENTIALS_VOLUME).withMountPath(CREDENTIALS_PATH).withReadOnly(true)
                .endVolumeMount()
                .build();
        PodSpecBuilder pod = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNodeSelector(selector)
                .withContainers(container)
                .addNewVolume().withName(WORKSPACE_VOLUME).withNewPersistentVolumeClaim()
                .withClaimName(KubernetesNames.workspaceClaim(spec.workspaceOwner())).endPersistentVolumeClaim()
                .endVolume()
                .addNewVolume().withName(SHM_VOLUME).withNewEmptyDir().withMedium("Memory")
                .withSizeLimit(spec.resources().sharedMemoryMib() > 0 ? mebibytes(spec.resources().sharedMemoryMib())
                        : null)
                .endEmptyDir().endVolume()
                .addNewVolume().withName(CREDENTIALS_VOLUME).withNewSecret()
                .withSecretName(KubernetesNames.workload(spec.id())).withDefaultMode(0400).endSecret().endVolume();
        if (spec.image().pull() != null) {
            pod.addNewImagePullSecret(KubernetesNames.pullSecret(spec.id()));
        }
        return pod.build();
    }

    /** The spec's variables, then the workspace's path and Jupyter's token (from the Secret) and base path. */
    private List<EnvVar> environment(WorkloadSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(spec.environment()).forEach((name, value) -> {
            if (!"WORKSPACE".equals(name)) {
                env.add(new EnvVar(name, value, null));
            }
        });
        env.add(new EnvVar("WORKSPACE", properties.workspacePath(), null));
        if (spec.access().jupyter() && spec.access().jupyterToken() != null) {
            env.add(new EnvVarBuilder().withName("JUPYTER_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                    .withName(KubernetesNames.workload(spec.id())).withKey(JUPYTER_TOKEN).endSecretKeyRef()
                    .endValueFrom().build());
            env.add(new EnvVar("JUPYTER_BASE_URL", jupyterPath(spec.id()), null));
        }
        return env;
    }

    /** Where Gantry's proxy expects a workload's Jupyter to serve. */
    public static String jupyterPath(String workloadId) {
        return "/jupyter/" + workloadId + "/";
    }

    private static List<ContainerPort> containerPorts(WorkloadSpec spec) {
        List<ContainerPort> ports = new ArrayList<>();
        if (spec.access().ssh()) {
            ports.add(new ContainerPortBuilder().withName("ssh").withContainerPort(SSH_PORT).build());
        }
        if (spec.access().jupyter()) {
            ports.add(new ContainerPortBuilder().withName("jupyter").withContainerPort(JUPYTER_PORT).build());
        }
        spec.access().extraPorts().forEach(port -> ports.add(new ContainerPortBuilder().withName("port-" + port)
                .withContainerPort(port).build()));
        return ports;
    }

    /**
     * The Service exposing SSH, Jupyter and the extra ports, or null when the workload serves none. Traffic stays on
     * the node it arrives at ({@code externalTrafficPolicy: Local}), so that the Pod sees the caller's own address and
     * the NetworkPolicy's CIDRs apply to it.
     */
    public Service service(WorkloadSpec spec) {
        List<ServicePort> ports = new ArrayList<>();
        if (spec.access().ssh()) {
            ports.add(servicePort("ssh", SSH_PORT));
        }
        if (spec.access().jupyter()) {
            ports.add(servicePort("jupyter", JUPYTER_PORT));
        }
        spec.access().extraPorts().forEach(port -> ports.add(servicePort("port-" + port, port)));
        if (ports.isEmpty()) {
            return null;
        }
        return new ServiceBuilder().withNewMetadata().withName(KubernetesNames.workload(spec.id()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(KubernetesNames.workloadLabels(spec))
                .endMetadata()
                .withNewSpec()
                .withType(properties.serviceType().name())
                .withExternalTrafficPolicy("Local")
                .withSelector(Map.of(WORKLOAD, spec.id()))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static ServicePort servicePort(String name, int port) {
        return new ServicePortBuilder().withName(name).withProtocol("TCP").withPort(port)
                .withTargetPort(new IntOrString(port)).build();
    }

    /**
     * The whitelist as a NetworkPolicy on the workload's Pods: only the rules' CIDRs to their ports, and Gantry's own
     * Pods to Jupyter (its proxy); null when everyone may connect (no policy at all).
     */
    public NetworkPolicy networkPolicy(WorkloadSpec spec) {
        List<Access.IngressRule> rules = spec.access().ingress();
        if (rules == null) {
            return null;
        }
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        for (Access.IngressRule rule : rules) {
            ingress.add(new NetworkPolicyIngressRuleBuilder()
                    .addNewFrom().withNewIpBlock().withCidr(rule.cidr()).endIpBlock().endFrom()
                    .addNewPort().withProtocol(rule.protocol()).withPort(new IntOrString(rule.portFrom()))
                    .withEndPort(rule.portTo() > rule.portFrom() ? rule.portTo() : null).endPort()
                    .build());
        }
        if (spec.access().jupyter()) {
            ingress.add(new NetworkPolicyIngressRuleBuilder()
                    .addNewFrom().withNewNamespaceSelector().endNamespaceSelector()
                    .withNewPodSelector().addToMatchLabels(GANTRY_APP_LABEL, GANTRY_APP).endPodSelector().endFrom()
                    .addNewPort().withProtocol("TCP").withPort(new IntOrString(JUPYTER_PORT)).endPort()
                    .build());
        }
        return new NetworkPolicyBuilder().withNewMetadata().withName(KubernetesNames.workload(spec.id()))
                .withNamespace(names.namespace(spec.projectId())).withLabels(KubernetesNames.workloadLabels(spec))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels(WORKLOAD, spec.id()).endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(ingress)
                .endSpec()
                .build();
    }

    static Quantity mebibytes(long mib) {
        return new Quantity(Long.toString(mib), "Mi");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
