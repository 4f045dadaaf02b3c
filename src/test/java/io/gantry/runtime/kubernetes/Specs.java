package io.gantry.runtime.kubernetes;

import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadSpec;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Workload specs as the container and task features give them, placed on a node of a cluster. */
final class Specs {

    static final PublicKey KEY = ecKey();
    static final WorkloadSpec.ProjectQuota QUOTA = new WorkloadSpec.ProjectQuota(Map.of("nvidia.com/gpu", 4), 32,
            262144);
    static final List<Access.IngressRule> WHITELIST = List.of(
            new Access.IngressRule("10.1.0.0/16", "TCP", 22, 22),
            new Access.IngressRule("192.168.5.0/24", "TCP", 8000, 8100));

    private Specs() {
    }

    /** A container on node gpu-1 with two devices, SSH with a key and a password, Jupyter, an extra port. */
    static WorkloadSpec container(String id, long project, String owner, List<Access.IngressRule> ingress) {
        Access access = new Access(true, "s3cret-Passw0rd", List.of(KEY), true, "tok3n-value",
                Access.SourceFilter.ANYONE, ingress, List.of(8080), "{bcrypt}$2a$10$terminalhash");
        return new WorkloadSpec(id, "alice", project, new WorkloadSpec.ImageRef("pytorch/pytorch:2.5", null),
                List.of(), Map.of("LANG", "C.UTF-8"), WorkloadSpec.Devices.NONE,
                new WorkloadSpec.Resources(8, 65536, 16384), access, false, owner,
                new WorkloadSpec.Placement("gpu-1", Map.of("accelerator", "nvidia-a100-80g"), "nvidia.com/gpu", 2,
                        QUOTA), null);
    }

    /** A task of one device with a longest run of two hours. */
    static WorkloadSpec task(String id, long project, String owner) {
        Access access = new Access(false, null, List.of(), false, null, Access.SourceFilter.ANYONE, Access.ALLOW_ALL,
                List.of(), null);
        return new WorkloadSpec(id, "alice", project, new WorkloadSpec.ImageRef("pytorch/pytorch:2.5", null),
                List.of("python", "train.py"), Map.of(), WorkloadSpec.Devices.NONE,
                new WorkloadSpec.Resources(4, 32768, 8192), access, true, owner,
                new WorkloadSpec.Placement("gpu-1", Map.of("accelerator", "nvidia-a100-80g"), "nvidia.com/gpu", 1,
                        QUOTA), Duration.ofHours(2));
    }

    /** The same spec with another placement. */
    static WorkloadSpec placed(WorkloadSpec spec, WorkloadSpec.Placement placement) {
        return new WorkloadSpec(spec.id(), spec.owner(), spec.projectId(), spec.image(), spec.command(),
                spec.environment(), spec.devices(), spec.resources(), spec.access(), spec.batch(),
                spec.workspaceOwner(), placement, spec.longestRun());
    }

    /** The same spec pulling its image with private registry credentials. */
    static WorkloadSpec pulling(WorkloadSpec spec) {
        return new WorkloadSpec(spec.id(), spec.owner(), spec.projectId(),
                new WorkloadSpec.ImageRef("registry.example.org:5000/team/train:1", null,
                        new WorkloadSpec.PullCredentials("registry.example.org:5000", "robot", "pa\"ss")),
                spec.command(), spec.environment(), spec.devices(), spec.resources(), spec.access(), spec.batch(),
                spec.workspaceOwner(), spec.placement(), spec.longestRun());
    }

    private static PublicKey ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
