package io.gantry.container;

import io.gantry.workload.Phase;

/**
 * What the container list is narrowed to; an empty part does not narrow.
 *
 * @param name part of the name, any case
 * @param state only containers in this state
 * @param mineOnly only the signed-in user's own containers
 */
public record ContainerFilter(String name, Phase state, boolean mineOnly) {

    public static final ContainerFilter NONE = new ContainerFilter(null, null, false);

    public static ContainerFilter byName(String name) {
        return new ContainerFilter(name, null, false);
    }
}
