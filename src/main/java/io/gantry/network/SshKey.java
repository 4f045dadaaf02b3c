package io.gantry.network;

import java.time.Instant;

/**
 * A user's SSH public key, for logging in to their containers.
 *
 * @param algorithm the key type as OpenSSH names it, e.g. "ssh-ed25519"
 * @param publicKey the key on one line, as in {@code authorized_keys}
 */
public record SshKey(long id, String name, String algorithm, int bits, String fingerprint, String publicKey,
                     Instant createdAt) {

    /** The family as {@code ssh-keygen -l} shows it: ED25519, ECDSA or RSA. */
    public String family() {
        return switch (algorithm) {
            case SshPublicKey.ED25519 -> "ED25519";
            case SshPublicKey.RSA -> "RSA";
            default -> "ECDSA";
        };
    }
}
