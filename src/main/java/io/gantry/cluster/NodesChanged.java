package io.gantry.cluster;

import org.springframework.modulith.NamedInterface;

/** Published when a node starts or stops taking new work, so that waiting requests are looked at again. */
@NamedInterface("api")
public record NodesChanged(long nodeId, boolean schedulable) {
}
