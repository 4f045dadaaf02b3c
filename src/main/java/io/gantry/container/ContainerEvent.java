package io.gantry.container;

import io.gantry.workload.Phase;
import java.time.Instant;
import java.util.List;

/** One transition of a container, with its time and why. */
public record ContainerEvent(Instant at, Phase state, String reason, List<String> reasonArguments) {
}
