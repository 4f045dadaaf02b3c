package io.gantry.runtime;

/**
 * A way into a workload.
 *
 * @param host the address users connect to (for SSH and extra ports) or the internal host the proxy forwards to
 * @param path for web endpoints: the path under the host, else null
 */
public record Endpoint(Kind kind, String host, int port, String path) {

    public enum Kind { SSH, JUPYTER, TERMINAL, PORT }
}
