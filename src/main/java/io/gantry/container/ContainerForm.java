package io.gantry.container;

import java.util.Set;

/**
 * What a user fills in to create a container (AI-Stack 五.1).
 *
 * @param flavorId CPU cores and memory, one of the spec's flavors
 * @param keyIds the user's SSH keys the container accepts, for images that sign in with a key
 * @param sshPassword for images that sign in with a password
 * @param terminalPassword protects the web terminal, for images that offer one
 * @param whitelistId which sources may connect; null with {@code allowAll} lets everyone in
 */
public record ContainerForm(Long projectId, String name, Long imageId, Long specId, Integer devices, Long flavorId,
                            Integer sharedMemoryMib, Set<Long> keyIds, String sshPassword, String terminalPassword,
                            Long whitelistId, boolean allowAll) {

    public ContainerForm {
        keyIds = keyIds == null ? Set.of() : Set.copyOf(keyIds);
    }
}
