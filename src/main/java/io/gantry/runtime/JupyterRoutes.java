package io.gantry.runtime;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which Jupyter server a request to {@code /jupyter/{workload}/} may reach. The feature that keeps the workloads
 * implements it; without an implementation every such request finds nothing.
 */
public interface JupyterRoutes {

    /**
     * Called on the request's thread, with the request's security context, before anything is forwarded.
     *
     * @param workload the workload's id as it appears in the path, e.g. "container-12"
     * @param remoteAddress the address the request came from, for the workload's whitelist
     * @return where to forward; empty when the workload does not exist, does not serve Jupyter, is not the signed-in
     *         user's to open or may not be reached from that address, all answered alike so that nobody learns
     *         which workloads exist
     */
    Optional<JupyterTarget> route(String workload, InetAddress remoteAddress);
}
