package io.gantry.container;

/**
 * A container moved to another state (created, placed, running, stopped, ...). Published inside the transaction
 * that moved it; listeners that read the container again listen after the commit.
 */
public record ContainerStateChanged(long containerId, long projectId, ContainerState state) {
}
