package io.gantry.runtime.web;

/** What the Jupyter host's filter, the HTTP proxy and the WebSocket relay share. */
final class JupyterRequests {

    /** Jupyter serves under {@code /jupyter/{workload}/}, on the workload's own host. */
    static final String PREFIX = "/jupyter/";

    private JupyterRequests() {
    }
}
