package io.gantry.runtime;

import java.net.InetAddress;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * Which Jupyter server a browser may reach. Jupyter is served on a host name of its own per workload, never on
 * Gantry's: Gantry's page links to {@link #OPEN_PATH}, which asks {@link #holder} whether the signed-in user may open
 * the workload's Jupyter and hands the browser a short-lived ticket for the workload's Jupyter host; there, every
 * request is checked again with {@link #route}, without Gantry's session. The feature that keeps the workloads
 * implements it; without an implementation nobody reaches any Jupyter.
 */
@NamedInterface("api")
public interface JupyterRoutes {

    /** Gantry's own path that opens a workload's Jupyter: {@code /jupyter-open/{workload}}. */
    String OPEN_PATH = "/jupyter-open/";

    /**
     * Called on the request's thread, with the signed-in user's security context, when they open Jupyter from Gantry.
     *
     * @param workload the workload's id, e.g. "container-12"
     * @param remoteAddress the address the request came from, for the workload's whitelist
     * @return who is let in, as {@link #route} will recognise them (e.g. the user's id); empty when the workload does
     *         not exist, does not serve Jupyter, is not the signed-in user's to open or may not be reached from that
     *         address, all answered alike so that nobody learns which workloads exist
     */
    Optional<String> holder(String workload, InetAddress remoteAddress);

    /**
     * Called for every request on the workload's Jupyter host, without any security context: whether the holder a
     * ticket was issued to may still reach it (still theirs, still running, the address still in its whitelist).
     *
     * @return where to forward, or empty as for {@link #holder}
     */
    Optional<JupyterTarget> route(String workload, String holder, InetAddress remoteAddress);
}
