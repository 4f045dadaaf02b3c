package io.gantry.container;

import java.time.Instant;
import java.util.List;

/** One transition of a container, with its time and why. */
public record ContainerEvent(Instant at, ContainerState state, String reason, List<String> reasonArguments) {
}
