package io.gantry.cluster;

/** Published when a node starts or stops taking new work, so that waiting requests are looked at again. */
public record NodesChanged(long nodeId, boolean schedulable) {
}
