package io.gantry.container;

import io.gantry.workload.RunWindow;
import java.util.Set;

/**
 * What a user fills in to create a container (AI-Stack 五.1).
 *
 * @param flavorId CPU cores and memory, one of the spec's flavors
 * @param keyIds the user's SSH keys the container accepts, for images that sign in with a key
 * @param sshPassword for images that sign in with a password
 * @param terminalPassword protects the web terminal, for images that offer one
 * @param whitelistId which sources may connect; null with {@code allowAll} lets everyone in
 * @param window when it starts and ends (AI-Stack 五.1 (3)); null starts it right away and never ends it
 */
public record ContainerForm(Long projectId, String name, Long imageId, Long specId, Integer devices, Long flavorId,
                            Integer sharedMemoryMib, Set<Long> keyIds, String sshPassword, String terminalPassword,
                            Long whitelistId, boolean allowAll, RunWindow window) {

    public ContainerForm {
        keyIds = keyIds == null ? Set.of() : Set.copyOf(keyIds);
        window = window == null ? RunWindow.ALWAYS : window;
    }

    /** A container that starts right away and runs until it is stopped. */
    public ContainerForm(Long projectId, String name, Long imageId, Long specId, Integer devices, Long flavorId,
                         Integer sharedMemoryMib, Set<Long> keyIds, String sshPassword, String terminalPassword,
                         Long whitelistId, boolean allowAll) {
        this(projectId, name, imageId, specId, devices, flavorId, sharedMemoryMib, keyIds, sshPassword,
                terminalPassword, whitelistId, allowAll, null);
    }
}
