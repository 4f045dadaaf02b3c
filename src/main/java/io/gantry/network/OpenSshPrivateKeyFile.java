package io.gantry.network;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes a key pair as an unencrypted OpenSSH private key file ("openssh-key-v1", the format of OpenSSH's
 * PROTOCOL.key, as {@code ssh-keygen} writes it with an empty passphrase), which {@code ssh -i} reads. Written here
 * rather than with Apache MINA SSHD's writer, because that one cannot encode the JDK's own Ed25519 keys without an
 * extra EdDSA provider.
 */
final class OpenSshPrivateKeyFile {

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int LINE_LENGTH = 70;
    private static final int CIPHER_BLOCK = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenSshPrivateKeyFile() {
    }

    static String write(KeyPair pair, String comment) {
        SshPublicKey publicKey = SshPublicKey.of(pair.getPublic(), comment);
        byte[] publicBlob = publicKey.blob();
        // Two equal random numbers let a reader tell a right passphrase from a wrong one; here they merely must match.
        int check = RANDOM.nextInt();
        SshWire.Writer secret = new SshWire.Writer().uint32(check).uint32(check).string(publicKey.algorithm());
        switch (pair.getPrivate()) {
            case EdECPrivateKey ed -> {
                byte[] seed = ed.getBytes().orElseThrow();
                byte[] point = Arrays.copyOfRange(publicBlob, publicBlob.length - 32, publicBlob.length);
                byte[] seedAndPoint = new byte[64];
                System.arraycopy(seed, 0, seedAndPoint, 0, 32);
                System.arraycopy(point, 0, seedAndPoint, 32, 32);
                secret.bytes(point).bytes(seedAndPoint);
                Arrays.fill(seed, (byte) 0);
                Arrays.fill(seedAndPoint, (byte) 0);
            }
            case RSAPrivateCrtKey rsa -> secret.mpint(rsa.getModulus()).mpint(rsa.getPublicExponent())
                    .mpint(rsa.getPrivateExponent()).mpint(rsa.getCrtCoefficient()).mpint(rsa.getPrimeP())
                    .mpint(rsa.getPrimeQ());
            default -> throw new IllegalArgumentException("Cannot write a " + pair.getPrivate().getAlgorithm() + " key");
        }
        secret.string(publicKey.comment());
        for (int pad = 1; secret.size() % CIPHER_BLOCK != 0; pad++) {
            secret.raw(new byte[] {(byte) pad});
        }
        byte[] file = new SshWire.Writer().raw(MAGIC).string("none").string("none").string("").uint32(1)
                .bytes(publicBlob).bytes(secret.toByteArray()).toByteArray();
        String body = Base64.getEncoder().encodeToString(file);
        StringBuilder text = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        for (int i = 0; i < body.length(); i += LINE_LENGTH) {
            text.append(body, i, Math.min(body.length(), i + LINE_LENGTH)).append('\n');
        }
        return text.append("-----END OPENSSH PRIVATE KEY-----\n").toString();
    }
}
