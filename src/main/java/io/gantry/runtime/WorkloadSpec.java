package io.gantry.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to run.
 *
 * @param id stable across restarts, e.g. "container-12"; the runtime labels everything it makes with it
 * @param owner the account name SSH logins use
 * @param workspaceOwner whose workspace the workload sees: the owner's account id, never reused, so that a new
 *                       account with a deleted one's name does not get its files
 * @param image the image to start from (its reference and, for the local runtime, its saved files)
 * @param command the main command, or empty for a service workload that idles until stopped
 * @param environment the image's and the user's variables; the runtime adds the device and workspace ones
 * @param batch a batch workload ends by itself; a service one runs until stopped
 * @param placement where the broker placed it, in a cluster's words (node, selector, device resource, the project's
 *                  quota); what the local runtime needs of it is in {@code devices}
 * @param longestRun how long a batch workload may run before its runtime ends it, or null for no limit
 */
public record WorkloadSpec(String id, String owner, long projectId, ImageRef image, List<String> command,
                           Map<String, String> environment, Devices devices, Resources resources, Access access,
                           boolean batch, String workspaceOwner, Placement placement, Duration longestRun) {

    public WorkloadSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        workspaceOwner = workspaceOwner == null || workspaceOwner.isBlank() ? owner : workspaceOwner;
        placement = placement == null ? Placement.NONE : placement;
    }

    /** A workload placed nowhere in particular and without a longest run (the local runtime's tools and tests). */
    public WorkloadSpec(String id, String owner, long projectId, ImageRef image, List<String> command,
                        Map<String, String> environment, Devices devices, Resources resources, Access access,
                        boolean batch, String workspaceOwner) {
        this(id, owner, projectId, image, command, environment, devices, resources, access, batch, workspaceOwner,
                Placement.NONE, null);
    }

    /** A workload whose workspace is keyed by the login name (tools and tests without accounts). */
    public WorkloadSpec(String id, String owner, long projectId, ImageRef image, List<String> command,
                        Map<String, String> environment, Devices devices, Resources resources, Access access,
                        boolean batch) {
        this(id, owner, projectId, image, command, environment, devices, resources, access, batch, owner);
    }

    /**
     * @param savedFiles for an image saved by the local runtime: the directory that holds its files, else null
     * @param pull the private registry's credentials the image is pulled with, else null
     */
    public record ImageRef(String reference, String savedFiles, PullCredentials pull) {

        public ImageRef(String reference, String savedFiles) {
            this(reference, savedFiles, null);
        }
    }

    /**
     * A private registry's sign-in, decrypted only to be handed to the runtime (an image pull Secret on Kubernetes).
     *
     * @param server the registry's address as an image reference names it, e.g. {@code registry.example.org:5000}
     */
    public record PullCredentials(String server, String username, String password) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "PullCredentials[server=" + server + ", username=" + username + "]";
        }
    }

    /**
     * Where the broker placed the workload and what its project may hold, in the words of a cluster.
     *
     * @param nodeName the node the broker chose (a Kubernetes node's name), or null where it chose none
     * @param nodeSelector the spec's node labels ({@code accelerator=nvidia-a100-80g})
     * @param deviceResource the spec's extended resource name ({@code nvidia.com/gpu}), or null when the spec has none
     * @param deviceCount the devices it holds on that node
     * @param projectQuota what the whole project may hold at once, mirrored into the cluster
     */
    public record Placement(String nodeName, Map<String, String> nodeSelector, String deviceResource,
                            int deviceCount, ProjectQuota projectQuota) {

        public static final Placement NONE = new Placement(null, Map.of(), null, 0, ProjectQuota.NONE);

        public Placement {
            nodeSelector = Map.copyOf(nodeSelector);
            projectQuota = projectQuota == null ? ProjectQuota.NONE : projectQuota;
        }
    }

    /**
     * The most a project may hold at once: devices per extended resource name from its quota per spec, and the CPU
     * and memory that quota lets it run with (for each spec, its devices times the spec's largest flavor, plus one
     * largest flavor for work without devices).
     */
    public record ProjectQuota(Map<String, Integer> devices, int cpuCores, long memoryMib) {

        public static final ProjectQuota NONE = new ProjectQuota(Map.of(), 0, 0);

        public ProjectQuota {
            devices = Map.copyOf(devices);
        }
    }

    /**
     * The accelerators given to the workload.
     *
     * @param visibleDevicesVariable how a process is told its devices, e.g. {@code CUDA_VISIBLE_DEVICES}; null for none
     * @param simulated bookkeeping devices of a simulated node: set in the environment, never measured
     */
    public record Devices(String visibleDevicesVariable, List<Integer> indexes, boolean simulated) {
        public static final Devices NONE = new Devices(null, List.of(), false);

        public Devices {
            indexes = List.copyOf(indexes);
        }

        public boolean nvidia() {
            return "CUDA_VISIBLE_DEVICES".equals(visibleDevicesVariable);
        }
    }

    /** CPU cores, memory and shared memory the workload may use. */
    public record Resources(int cpuCores, long memoryMib, long sharedMemoryMib) {
    }
}
