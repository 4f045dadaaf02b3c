package io.gantry.deploy;

import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadSpec.Devices;
import io.gantry.runtime.WorkloadSpec.ImageRef;
import io.gantry.runtime.WorkloadSpec.Placement;
import io.gantry.runtime.WorkloadSpec.ProjectQuota;
import io.gantry.runtime.WorkloadSpec.PullCredentials;
import io.gantry.runtime.WorkloadSpec.Resources;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Workloads as the container and task modules describe them to a cluster runtime, for the RBAC and call counts. */
final class WorkloadSpecs {

    static final String NODE = "gpu-1";
    static final String DEVICE_RESOURCE = "nvidia.com/gpu";
    static final Map<String, String> NODE_LABELS = Map.of("accelerator", "nvidia-a100-80g");
    static final Map<String, String> NODE_ALLOCATABLE = Map.of("cpu", "96", "memory", "1024Gi", DEVICE_RESOURCE, "8");

    private static final PublicKey KEY = publicKey();

    private WorkloadSpecs() {
    }

    /**
     * A container with SSH by key, Jupyter, an extra port and the web terminal, one device on {@link #NODE}.
     *
     * @param whitelist whether whitelists were chosen (then the runtime makes a NetworkPolicy)
     * @param pull      whether the image comes from a private registry (then it makes a pull Secret)
     */
    static WorkloadSpec container(String id, long projectId, String owner, boolean whitelist, boolean pull,
                                  int quotaDevices) {
        List<Access.IngressRule> ingress = whitelist
                ? List.of(new Access.IngressRule("10.20.0.0/16", "TCP", 22, 22),
                        new Access.IngressRule("192.168.5.7/32", "TCP", 8888, 8888))
                : Access.ALLOW_ALL;
        Access access = new Access(true, null, List.of(KEY), true, "jupyter-token", Access.SourceFilter.ANYONE,
                ingress, List.of(6006), "{bcrypt}$2a$10$terminalpasswordhashterminalpasswordhashterminalpas");
        ImageRef image = new ImageRef("registry.example.internal/team/pytorch:2.4", null,
                pull ? new PullCredentials("registry.example.internal", "robot", "registry-token") : null);
        return new WorkloadSpec(id, owner, projectId, image, List.of(), Map.of("LANG", "C.UTF-8"),
                new Devices("CUDA_VISIBLE_DEVICES", List.of(0), false), new Resources(8, 32768, 4096), access,
                false, owner, placement(quotaDevices), null);
    }

    /** A task: a command run to its end within an hour, no SSH, one device on {@link #NODE}. */
    static WorkloadSpec task(String id, long projectId, String owner) {
        Access access = new Access(false, null, List.of(), false, null, Access.SourceFilter.ANYONE, Access.ALLOW_ALL,
                List.of(), null);
        return new WorkloadSpec(id, owner, projectId, new ImageRef("python:3.12", null),
                List.of("python", "train.py"), Map.of(), new Devices("CUDA_VISIBLE_DEVICES", List.of(1), false),
                new Resources(4, 16384, 1024), access, true, owner, placement(8), Duration.ofHours(1));
    }

    private static Placement placement(int quotaDevices) {
        return new Placement(NODE, NODE_LABELS, DEVICE_RESOURCE, 1,
                new ProjectQuota(Map.of(DEVICE_RESOURCE, quotaDevices), 64, 262144));
    }

    private static PublicKey publicKey() {
        try {
            return KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
