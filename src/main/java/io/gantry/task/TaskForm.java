package io.gantry.task;

/**
 * What a user fills in to run a task (AI-Stack 六.1), and what a template keeps.
 *
 * @param devices the devices of the one node a task runs on, or on each node of a distributed one
 * @param nodes 1 (or null) for one node; more for a distributed task placed as a gang
 * @param flavorId CPU cores and memory, one of the spec's flavors (on each node)
 * @param imageId a public image or one of the project's custom images; the image names the framework
 * @param command what runs, through the image's shell; its exit code decides success
 * @param preemptible may be evicted for non-preemptible work of a project under its quota (Apulis 5.3)
 * @param maxRunMinutes the longest it may run before it is stopped; null for the project's limit (or none)
 */
public record TaskForm(Long projectId, String name, Long specId, Integer devices, Integer nodes, Long flavorId,
                       Integer sharedMemoryMib, Long imageId, String command, boolean preemptible,
                       Integer maxRunMinutes) {

    public static final int NAME_MAX = 64;
    public static final int COMMAND_MAX = 4000;

    public TaskForm {
        nodes = nodes == null ? 1 : nodes;
    }

    /** The same settings under another name. */
    public TaskForm named(String other) {
        return new TaskForm(projectId, other, specId, devices, nodes, flavorId, sharedMemoryMib, imageId, command,
                preemptible, maxRunMinutes);
    }

    /** All its devices, over all its nodes. */
    public int totalDevices() {
        return devices == null ? 0 : devices * nodes;
    }
}
