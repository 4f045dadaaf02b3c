package io.gantry.network;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.springframework.modulith.NamedInterface;

/**
 * One OpenSSH public key, as in a {@code .pub} file or a line of {@code authorized_keys}: {@code <type> <base64>
 * [comment]}. Accepts Ed25519, ECDSA on the NIST curves and RSA of at least {@value #MIN_RSA_BITS} bits; the type in
 * front must be the type inside the key. The fingerprint is the one {@code ssh-keygen -lf} prints.
 *
 * <p>MINA SSHD (with Bouncy Castle) decodes, checks and encodes the keys; this class adds Gantry's rules around it:
 * which types are accepted, the RSA bounds, a pasted private key refused unread, and a refusal for each case with a
 * message key the user can read.
 */
@NamedInterface("api")
public final class SshPublicKey {

    public static final String ED25519 = "ssh-ed25519";
    public static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
    public static final String ECDSA_P384 = "ecdsa-sha2-nistp384";
    public static final String ECDSA_P521 = "ecdsa-sha2-nistp521";
    public static final String RSA = "ssh-rsa";
    public static final List<String> SUPPORTED = List.of(ED25519, ECDSA_P256, ECDSA_P384, ECDSA_P521, RSA);
    public static final int MIN_RSA_BITS = 2048;
    /** ssh-keygen makes no larger RSA keys; the bound keeps a pasted monster from costing much. */
    static final int MAX_RSA_BITS = 16384;
    public static final int MAX_TEXT_LENGTH = 16_384;

    /** What a key type looks like; anything else is not repeated back to the user. */
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9][a-z0-9@.-]{0,63}");

    private final String algorithm;
    private final int bits;
    private final byte[] blob;
    private final String comment;
    private final PublicKey publicKey;

    private SshPublicKey(String algorithm, int bits, byte[] blob, String comment, PublicKey publicKey) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.blob = blob;
        this.comment = comment;
        this.publicKey = publicKey;
    }

    /**
     * Parses one pasted public key line.
     *
     * @throws InputRefused with {@code network.key.private-key} for a private key (nothing of it is kept),
     *                      {@code network.key.unsupported-type}, {@code network.key.type-mismatch},
     *                      {@code network.key.rsa-too-short}, {@code network.key.one-key} or {@code network.key.malformed}
     */
    public static SshPublicKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw malformed();
        }
        if (looksLikePrivateKey(text)) {
            throw new InputRefused("network.key.private-key");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw malformed();
        }
        String line = text.strip();
        // PEM ("-----BEGIN PUBLIC KEY-----") and RFC 4716 ("---- BEGIN SSH2 PUBLIC KEY ----") are not OpenSSH lines.
        if (line.startsWith("-")) {
            throw malformed();
        }
        if (line.lines().filter(l -> !l.isBlank()).count() > 1) {
            throw new InputRefused("network.key.one-key");
        }
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 2) {
            throw malformed();
        }
        String type = parts[0];
        if (!SUPPORTED.contains(type)) {
            throw TYPE_NAME.matcher(type).matches() ? new InputRefused("network.key.unsupported-type", type)
                    : malformed();
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException notBase64) {
            throw malformed();
        }
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (comment.chars().anyMatch(Character::isISOControl)) {
            throw malformed();
        }
        return decode(type, blob, comment);
    }

    /** The SSH form of a key the JDK or MINA SSHD made, e.g. a freshly generated one. */
    public static SshPublicKey of(PublicKey key, String comment) {
        PublicKey usable = readableByMina(key);
        String type = KeyUtils.getKeyType(usable);
        if (type == null || !SUPPORTED.contains(type)) {
            throw new InputRefused("network.key.unsupported-type", type == null ? key.getAlgorithm() : type);
        }
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(usable);
        return decode(type, blob.getCompactData(), comment == null ? "" : comment.strip());
    }

    /**
     * MINA SSHD reads and writes Ed25519 keys of Bouncy Castle, not the JDK's own: the same key in the same X.509 form,
     * another class.
     */
    private static PublicKey readableByMina(PublicKey key) {
        if (!(key instanceof EdECPublicKey)) {
            return key;
        }
        try {
            return SecurityUtils.getKeyFactory(SecurityUtils.ED25519).generatePublic(
                    new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException notEd25519) {
            throw new InputRefused("network.key.unsupported-type", key.getAlgorithm());
        }
    }

    private static SshPublicKey decode(String type, byte[] blob, String comment) {
        String inner;
        try {
            inner = new ByteArrayBuffer(blob).getString();
        } catch (RuntimeException truncated) {
            throw malformed();
        }
        if (!inner.equals(type)) {
            throw TYPE_NAME.matcher(inner).matches() ? new InputRefused("network.key.type-mismatch", type, inner)
                    : malformed();
        }
        PublicKey key;
        ByteArrayBuffer canonical = new ByteArrayBuffer();
        try {
            ByteArrayBuffer reader = new ByteArrayBuffer(blob);
            key = reader.getRawPublicKey();
            if (reader.available() != 0) {
                throw malformed();
            }
            canonical.putRawPublicKey(key);
        } catch (IOException | RuntimeException invalid) {
            throw invalid instanceof InputRefused refused ? refused : malformed();
        }
        int bits = switch (key) {
            case RSAPublicKey rsa -> rsaBits(rsa);
            case EdECPublicKey _ -> 256;
            default -> KeyUtils.getKeySize(key);
        };
        return new SshPublicKey(type, bits, canonical.getCompactData(), comment, key);
    }

    /** Gantry's bounds on RSA keys, the lower one told to the user. */
    private static int rsaBits(RSAPublicKey key) {
        BigInteger exponent = key.getPublicExponent();
        if (exponent.compareTo(BigInteger.TWO) <= 0 || !exponent.testBit(0)) {
            throw malformed();
        }
        int bits = key.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new InputRefused("network.key.rsa-too-short", Integer.toString(bits),
                    Integer.toString(MIN_RSA_BITS));
        }
        if (bits > MAX_RSA_BITS) {
            throw malformed();
        }
        return bits;
    }

    /**
     * PEM and OpenSSH private keys ("-----BEGIN ... PRIVATE KEY-----") and PuTTY's key files. Checked before anything
     * else, so that no part of such a text is parsed, repeated or kept.
     */
    static boolean looksLikePrivateKey(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.contains("PRIVATE KEY") || upper.contains("PUTTY-USER-KEY-FILE");
    }

    static InputRefused malformed() {
        return new InputRefused("network.key.malformed");
    }

    /** The key type as OpenSSH names it, e.g. "ssh-ed25519". */
    public String algorithm() {
        return algorithm;
    }

    public int bits() {
        return bits;
    }

    public String comment() {
        return comment;
    }

    /** "SHA256:" and the unpadded base64 of the SHA-256 of the key blob, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, publicKey);
    }

    /** The key on one line, with single spaces and the comment kept. */
    public String openSshLine() {
        String line = PublicKeyEntry.toString(publicKey);
        return comment.isEmpty() ? line : line + " " + comment;
    }

    /** The key for the JDK (and the SSH server that checks logins with it). */
    public PublicKey toPublicKey() {
        return publicKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshPublicKey key && Arrays.equals(blob, key.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return algorithm + " " + fingerprint();
    }
}
