package io.gantry.container;

import io.gantry.workload.RunWindow;
import java.util.Set;

/**
 * What a user fills in to create a container (AI-Stack 五.1).
 *
 * @param devices the devices of the one node a regular container runs on, or on each node of a distributed one
 * @param flavorId CPU cores and memory, one of the spec's flavors (on each node)
 * @param keyIds the user's SSH keys the container accepts, for images that sign in with a key
 * @param sshPassword for images that sign in with a password
 * @param terminalPassword protects the web terminal, for images that offer one
 * @param whitelistId which sources may connect; null with {@code allowAll} lets everyone in
 * @param window when it starts and ends (AI-Stack 五.1 (3)); null starts it right away and never ends it
 * @param description what it is for, shown with it; optional
 * @param nodes 1 (or null) for a regular container; more for a distributed one, placed on that many nodes at once
 *              with {@code devices} on each
 */
public record ContainerForm(Long projectId, String name, Long imageId, Long specId, Integer devices, Long flavorId,
                            Integer sharedMemoryMib, Set<Long> keyIds, String sshPassword, String terminalPassword,
                            Long whitelistId, boolean allowAll, RunWindow window, String description,
                            Integer nodes) {

    public static final int DESCRIPTION_MAX = 500;

    public ContainerForm {
        keyIds = keyIds == null ? Set.of() : Set.copyOf(keyIds);
        window = window == null ? RunWindow.ALWAYS : window;
        nodes = nodes == null ? 1 : nodes;
    }

    /** A regular container without a description. */
    public ContainerForm(Long projectId, String name, Long imageId, Long specId, Integer devices, Long flavorId,
                         Integer sharedMemoryMib, Set<Long> keyIds, String sshPassword, String terminalPassword,
                         Long whitelistId, boolean allowAll, RunWindow window) {
        this(projectId, name, imageId, specId, devices, flavorId, sharedMemoryMib, keyIds, sshPassword,
                terminalPassword, whitelistId, allowAll, window, null, 1);
    }

    /** A container that starts right away and runs until it is stopped. */
    public ContainerForm(Long projectId, String name, Long imageId, Long specId, Integer devices, Long flavorId,
                         Integer sharedMemoryMib, Set<Long> keyIds, String sshPassword, String terminalPassword,
                         Long whitelistId, boolean allowAll) {
        this(projectId, name, imageId, specId, devices, flavorId, sharedMemoryMib, keyIds, sshPassword,
                terminalPassword, whitelistId, allowAll, null);
    }

    /** Whether it runs on several nodes at once. */
    public boolean distributed() {
        return nodes > 1;
    }

    /** All its devices: on its one node, or on all of its nodes. */
    public int totalDevices() {
        return devices == null ? 0 : devices * nodes;
    }

    /** The same settings under another name, for another owner's copy in a batch. */
    ContainerForm named(String other) {
        return new ContainerForm(projectId, other, imageId, specId, devices, flavorId, sharedMemoryMib, keyIds,
                sshPassword, terminalPassword, whitelistId, allowAll, window, description, nodes);
    }
}
