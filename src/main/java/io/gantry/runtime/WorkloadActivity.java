package io.gantry.runtime;

import java.time.Instant;

/**
 * What a workload has been doing, as facts for whoever decides whether it is idle (the runtime decides nothing).
 *
 * @param at when this was read
 * @param sshSessions SSH connections logged in now
 * @param terminalSessions web terminals open now
 * @param jupyterSessions WebSockets open and requests under way through Gantry's Jupyter proxy, or one when none is
 *                        but a request passed within the last {@link JupyterTraffic#RECENT minute}
 * @param lastSessionActivity the last SSH, terminal or Jupyter traffic, or a session opening or closing; null when
 *                            there was none since this runtime began to hold the workload
 * @param cpuCores CPU the workload's processes used since the previous reading of its activity, in cores (0.03 is 3 %
 *                 of one core, 2.0 two cores busy the whole time)
 * @param gpuUtilisationPercent the utilisation of its busiest device, or null where it is not known (no device,
 *                              simulated devices, no {@code nvidia-smi})
 */
public record WorkloadActivity(Instant at, int sshSessions, int terminalSessions, int jupyterSessions,
                               Instant lastSessionActivity, double cpuCores, Double gpuUtilisationPercent) {

    /** Sessions of every kind open now. */
    public int sessions() {
        return sshSessions + terminalSessions + jupyterSessions;
    }
}
