package io.gantry.network;

import java.net.InetAddress;
import java.util.List;

/** A named set of rules; a connection gets through if any rule lets it. A whitelist without rules is refused. */
public record Whitelist(String name, List<WhitelistRule> rules) {

    public Whitelist {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new InputRefused("network.whitelist.no-rules");
        }
    }

    public boolean allows(InetAddress source, Protocol protocol, int port) {
        return rules.stream().anyMatch(rule -> rule.allows(source, protocol, port));
    }

    /**
     * Whether the source may connect at all, whatever the port: for what reaches a container through Gantry's own
     * web port (the web terminal, the Jupyter proxy), where the rule's ports name the container's services.
     */
    public boolean allowsSource(InetAddress source, Protocol protocol) {
        return rules.stream().anyMatch(rule -> rule.allowsSource(source, protocol));
    }
}
