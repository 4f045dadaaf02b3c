package io.gantry.runtime;

import java.net.InetAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Who may reach a workload and how.
 *
 * @param ssh whether an SSH server runs for it
 * @param sshPassword the password for SSH logins, or null where only keys are accepted; kept in memory only
 * @param authorizedKeys the public keys the owner chose for SSH logins
 * @param jupyter whether a Jupyter server runs for it
 * @param jupyterToken the token Jupyter asks for; the proxy adds it for signed-in users
 * @param sourceAllowed the whitelist: may a connection from this address reach this port; checked before any
 *                      authentication
 * @param ingress the whitelist as rules, for a runtime that enforces it outside Gantry (a NetworkPolicy), or
 *                {@link #ALLOW_ALL} when anyone may connect
 * @param extraPorts ports the workload serves beyond SSH and Jupyter, exposed as they are
 * @param terminalPasswordHash the web terminal's password as Gantry keeps it (a password-encoder hash), or null
 */
public record Access(boolean ssh, String sshPassword, List<PublicKey> authorizedKeys, boolean jupyter,
                     String jupyterToken, SourceFilter sourceAllowed, List<IngressRule> ingress,
                     List<Integer> extraPorts, String terminalPasswordHash) {

    /** No whitelist: every source may connect (no NetworkPolicy is made). */
    public static final List<IngressRule> ALLOW_ALL = null;

    public Access {
        authorizedKeys = List.copyOf(authorizedKeys);
        ingress = ingress == null ? null : List.copyOf(ingress);
        extraPorts = List.copyOf(extraPorts);
    }

    /** Access whose whitelist only Gantry enforces (the local runtime's tools and tests): anyone, no extra ports. */
    public Access(boolean ssh, String sshPassword, List<PublicKey> authorizedKeys, boolean jupyter,
                  String jupyterToken, SourceFilter sourceAllowed) {
        this(ssh, sshPassword, authorizedKeys, jupyter, jupyterToken, sourceAllowed, ALLOW_ALL, List.of(), null);
    }

    /**
     * One whitelist rule: connections from {@code cidr} to ports {@code portFrom}–{@code portTo} of the workload.
     *
     * @param protocol {@code TCP} or {@code UDP}
     */
    public record IngressRule(String cidr, String protocol, int portFrom, int portTo) {
    }

    /** Never prints the password or the token, wherever a spec ends up in a log line. */
    @Override
    public String toString() {
        return "Access[ssh=" + ssh + ", password=" + (sshPassword == null ? "none" : "(set)") + ", keys="
                + authorizedKeys.size() + ", jupyter=" + jupyter + ", token="
                + (jupyterToken == null ? "none" : "(set)") + ", ingress="
                + (ingress == null ? "all" : ingress.size() + " rules") + ", terminal="
                + (terminalPasswordHash == null ? "none" : "(set)") + "]";
    }

    /** The whitelist as the runtime needs it: TCP from an address to one of the workload's ports. */
    @FunctionalInterface
    public interface SourceFilter extends BiPredicate<InetAddress, Integer> {
        SourceFilter ANYONE = (address, port) -> true;
    }
}
