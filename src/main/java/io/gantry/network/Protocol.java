package io.gantry.network;

/** The transport protocol a whitelist rule lets through; ANY means both. */
public enum Protocol {
    TCP,
    UDP,
    ANY;

    /** Whether a rule for this protocol lets a connection of the given one through. */
    public boolean covers(Protocol connection) {
        return this == ANY || this == connection;
    }
}
