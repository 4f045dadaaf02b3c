package io.gantry.runtime.kubernetes;

import io.gantry.runtime.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and labels of what the Kubernetes runtime makes: a namespace per project, in it per workload a Pod or a
 * Job, a Service, a Secret, a NetworkPolicy and a pull Secret named after the workload's runtime id, and per owner a
 * workspace volume. Every object of a workload carries its labels, so that it is found by equality selectors (the
 * only ones every API server and the test mock understand).
 */
public final class KubernetesNames {

    public static final String RUNTIME_NAME = "kubernetes";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "gantry";
    public static final String WORKLOAD = "gantry.io/workload";
    public static final String KIND = "gantry.io/kind";
    public static final String PROJECT = "gantry.io/project";
    public static final String OWNER = "gantry.io/owner";
    public static final String HOSTNAME = "kubernetes.io/hostname";
    /** The label the Job controller puts on its Pods. */
    public static final String JOB_NAME = "job-name";
    public static final String QUOTA = "gantry-quota";
    public static final String CONTAINER = "main";
    public static final String WORKSPACE_VOLUME = "workspace";
    public static final String SHM_VOLUME = "dshm";
    public static final String CREDENTIALS_VOLUME = "gantry-credentials";
    public static final String CREDENTIALS_PATH = "/etc/gantry";

    private final String namespacePrefix;

    public KubernetesNames(String namespacePrefix) {
        this.namespacePrefix = namespacePrefix;
    }

    /** The project's namespace, {@code <prefix><projectId>}. */
    public String namespace(long projectId) {
        return namespacePrefix + projectId;
    }

    /** The project a namespace of ours belongs to, or -1 for a namespace that is not one. */
    public long projectOf(String namespace) {
        if (namespace == null || !namespace.startsWith(namespacePrefix)) {
            return -1;
        }
        try {
            return Long.parseLong(namespace.substring(namespacePrefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The labels of a project's namespace. */
    public static Map<String, String> namespaceLabels(long projectId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(PROJECT, Long.toString(projectId));
        return labels;
    }

    /** The labels of every object made for a workload. */
    public static Map<String, String> workloadLabels(WorkloadSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(WORKLOAD, spec.id());
        labels.put(KIND, kind(spec.id()));
        labels.put(PROJECT, Long.toString(spec.projectId()));
        labels.put(OWNER, labelValue(spec.workspaceOwner()));
        return labels;
    }

    /** What kind of workload a runtime id names: its prefix before the first '-' ({@code container}, {@code task}). */
    public static String kind(String workloadId) {
        int dash = workloadId.indexOf('-');
        return dash < 0 ? workloadId : workloadId.substring(0, dash);
    }

    /** The Pod, Job, Service and credentials Secret of a workload are named after its runtime id. */
    public static String workload(String workloadId) {
        return workloadId;
    }

    /** The image pull Secret of a workload with private registry credentials. */
    public static String pullSecret(String workloadId) {
        return workloadId + "-pull";
    }

    /** The workspace volume of an owner within a project's namespace. */
    public static String workspaceClaim(String workspaceOwner) {
        return "workspace-" + workspaceOwner;
    }

    /** A label value is at most 63 letters, digits, '-', '_' or '.'; account ids are already. */
    static String labelValue(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    }
}
