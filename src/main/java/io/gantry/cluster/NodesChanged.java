package io.gantry.cluster;

/** Published when a node starts or stops taking new work, so that waiting requests are looked at again. */
@org.springframework.modulith.NamedInterface("api")
public record NodesChanged(long nodeId, boolean schedulable) {
}
