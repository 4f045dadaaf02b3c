package io.gantry.runtime.kubernetes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kubernetes runtime ({@code gantry.runtime.kubernetes.*}), used when {@code gantry.runtime.type} is
 * {@code kubernetes}.
 *
 * @param namespacePrefix each project's namespace is this followed by the project's id ({@code gantry-12})
 * @param serviceType how a workload's SSH, Jupyter and extra ports are exposed
 * @param storageClass the storage class of workspace volumes; empty for the cluster's default
 * @param workspaceSize the size each workspace volume asks for
 * @param workspaceAccessMode how workspace volumes are attached: {@code ReadWriteOnce} (one node at a time: every
 *                            storage class has it) or {@code ReadWriteMany} (an owner's workloads on several nodes at
 *                            once, where the storage class offers it)
 * @param workspacePath where the workspace is mounted in a workload, also given to it as {@code WORKSPACE}
 * @param jobTtl how long an ended task's Job (and its Pod, with its log) stays before Kubernetes deletes it
 * @param orphanGrace how old an object nobody expects must be before it is deleted, so that one just being made by
 *                    another replica is left alone
 * @param imageBuilder the builder that saves a container as an image; empty for none, then saving is refused
 * @param masterUrl the API server; empty for fabric8's own discovery (the in-cluster service account, else
 *                  {@code ~/.kube/config})
 */
@ConfigurationProperties("gantry.runtime.kubernetes")
public record KubernetesRuntimeProperties(@DefaultValue("gantry-") String namespacePrefix,
                                          @DefaultValue("NodePort") ServiceType serviceType,
                                          @DefaultValue("") String storageClass,
                                          @DefaultValue("50Gi") String workspaceSize,
                                          @DefaultValue("ReadWriteOnce") String workspaceAccessMode,
                                          @DefaultValue("/workspace") String workspacePath,
                                          @DefaultValue("10m") Duration jobTtl,
                                          @DefaultValue("2m") Duration orphanGrace,
                                          @DefaultValue("") String imageBuilder,
                                          @DefaultValue("") String masterUrl) {

    /** The defaults, as an empty configuration gives them. */
    public static KubernetesRuntimeProperties defaults() {
        return new KubernetesRuntimeProperties("gantry-", ServiceType.NodePort, "", "50Gi", "ReadWriteOnce",
                "/workspace", Duration.ofMinutes(10), Duration.ofMinutes(2), "", "");
    }

    /** How a workload's ports are exposed: on every node's port, or through the cluster's load balancer. */
    public enum ServiceType { NodePort, LoadBalancer }
}
