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
 */
public record Access(boolean ssh, String sshPassword, List<PublicKey> authorizedKeys, boolean jupyter,
                     String jupyterToken, SourceFilter sourceAllowed) {

    public Access {
        authorizedKeys = List.copyOf(authorizedKeys);
    }

    /** Never prints the password or the token, wherever a spec ends up in a log line. */
    @Override
    public String toString() {
        return "Access[ssh=" + ssh + ", password=" + (sshPassword == null ? "none" : "(set)") + ", keys="
                + authorizedKeys.size() + ", jupyter=" + jupyter + ", token="
                + (jupyterToken == null ? "none" : "(set)") + "]";
    }

    /** The whitelist as the runtime needs it: TCP from an address to one of the workload's ports. */
    @FunctionalInterface
    public interface SourceFilter extends BiPredicate<InetAddress, Integer> {
        SourceFilter ANYONE = (address, port) -> true;
    }
}
