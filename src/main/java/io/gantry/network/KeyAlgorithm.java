package io.gantry.network;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** The kinds of key pair the platform generates for a user. */
public enum KeyAlgorithm {
    ED25519,
    RSA_4096;

    /**
     * A fresh key pair, made by MINA SSHD (through Bouncy Castle for Ed25519), so that its OpenSSH writer takes it.
     */
    KeyPair generate() {
        try {
            return switch (this) {
                case ED25519 -> KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
                case RSA_4096 -> KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 4096);
            };
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("Cannot generate " + this, missing);
        }
    }
}
