package io.gantry.container;

import io.gantry.broker.Explanation;

/**
 * A row of the container list: the container, its framework, why it waits when it is queued, and whether the viewer
 * may operate it.
 *
 * @param framework what it runs: a custom image's framework type, else the image's name
 * @param waitsBecause the broker's explanation of why a queued container waits; null when it does not wait
 */
public record ContainerRow(Container container, String framework, Explanation waitsBecause, boolean operable) {
}
