package io.gantry.runtime;

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
 */
public record WorkloadSpec(String id, String owner, long projectId, ImageRef image, List<String> command,
                           Map<String, String> environment, Devices devices, Resources resources, Access access,
                           boolean batch, String workspaceOwner) {

    public WorkloadSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        workspaceOwner = workspaceOwner == null || workspaceOwner.isBlank() ? owner : workspaceOwner;
    }

    /** A workload whose workspace is keyed by the login name (tools and tests without accounts). */
    public WorkloadSpec(String id, String owner, long projectId, ImageRef image, List<String> command,
                        Map<String, String> environment, Devices devices, Resources resources, Access access,
                        boolean batch) {
        this(id, owner, projectId, image, command, environment, devices, resources, access, batch, owner);
    }

    /** @param savedFiles for an image saved by the local runtime: the directory that holds its files, else null */
    public record ImageRef(String reference, String savedFiles) {
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
