package io.gantry.cluster;

/** The cluster in three figures, summed by the database however many nodes there are. */
public record NodeTotals(int nodes, int devices, int schedulableDevices) {
}
