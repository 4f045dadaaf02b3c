package io.gantry.cluster;

/** The devices of one spec in the cluster: all of them, and those on nodes that take new work. */
public record Capacity(long specId, int devices, int schedulableDevices) {
}
