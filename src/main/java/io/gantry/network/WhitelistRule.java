package io.gantry.network;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Lets connections from one network, over one protocol (or both), to a range of ports through. Any port is the whole
 * range {@value #MIN_PORT}-{@value #MAX_PORT}.
 */
public record WhitelistRule(Cidr cidr, Protocol protocol, int portFrom, int portTo) {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;
    /** The bounds as text, so that messages show "65535" rather than a grouped number. */
    static final Object[] PORT_RANGE_ARGUMENTS = {Integer.toString(MIN_PORT), Integer.toString(MAX_PORT)};

    public WhitelistRule {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(protocol, "protocol");
        if (portFrom < MIN_PORT || portFrom > MAX_PORT || portTo < MIN_PORT || portTo > MAX_PORT) {
            throw new InputRefused("network.rule.port-number", PORT_RANGE_ARGUMENTS);
        }
        if (portFrom > portTo) {
            throw new InputRefused("network.rule.port-order");
        }
    }

    public static WhitelistRule anyPort(Cidr cidr, Protocol protocol) {
        return new WhitelistRule(cidr, protocol, MIN_PORT, MAX_PORT);
    }

    public boolean isAnyPort() {
        return portFrom == MIN_PORT && portTo == MAX_PORT;
    }

    public boolean allows(InetAddress source, Protocol connection, int port) {
        return protocol.covers(connection) && port >= portFrom && port <= portTo && cidr.contains(source);
    }

    /** Whether the rule lets the source in on any of its ports. */
    public boolean allowsSource(InetAddress source, Protocol connection) {
        return protocol.covers(connection) && cidr.contains(source);
    }
}
