package io.gantry.monitoring;

/**
 * The whole cluster's figures for the monitoring page, each summed by the database.
 *
 * @param devicesInUse devices held by running work on any node
 */
public record ClusterUsage(int nodes, int devices, int devicesInUse) {

    public int devicesFree() {
        return Math.max(0, devices - devicesInUse);
    }
}
