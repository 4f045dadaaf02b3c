package io.gantry.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A key pair as an unencrypted OpenSSH private key file ("openssh-key-v1", as {@code ssh-keygen} writes it with an
 * empty passphrase), which {@code ssh -i} reads; written by MINA SSHD.
 */
final class OpenSshPrivateKeyFile {

    private OpenSshPrivateKeyFile() {
    }

    /** @param pair a pair from {@link KeyAlgorithm#generate()}: MINA writes Ed25519 keys of Bouncy Castle only */
    static String write(KeyPair pair, String comment) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, file);
        } catch (IOException | GeneralSecurityException | RuntimeException unwritable) {
            throw new IllegalArgumentException("Cannot write a " + pair.getPrivate().getAlgorithm() + " key",
                    unwritable);
        }
        return file.toString(StandardCharsets.US_ASCII);
    }
}
