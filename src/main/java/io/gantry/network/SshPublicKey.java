package io.gantry.network;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.modulith.NamedInterface;

/**
 * One OpenSSH public key, as in a {@code .pub} file or a line of {@code authorized_keys}: {@code <type> <base64>
 * [comment]}. Accepts Ed25519, ECDSA on the NIST curves and RSA of at least {@value #MIN_RSA_BITS} bits; the type in
 * front must be the type inside the key. The fingerprint is the one {@code ssh-keygen -lf} prints.
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
    /** DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

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

    /** The SSH form of a key the JDK made, e.g. a freshly generated one. */
    public static SshPublicKey of(PublicKey key, String comment) {
        SshWire.Writer blob = new SshWire.Writer();
        String type;
        switch (key) {
            case RSAPublicKey rsa -> {
                type = RSA;
                blob.string(type).mpint(rsa.getPublicExponent()).mpint(rsa.getModulus());
            }
            case EdECPublicKey ed when "Ed25519".equalsIgnoreCase(ed.getParams().getName()) -> {
                type = ED25519;
                byte[] encoded = ed.getEncoded();
                blob.string(type).bytes(Arrays.copyOfRange(encoded, ED25519_X509_PREFIX.length, encoded.length));
            }
            case ECPublicKey ec -> {
                int fieldBits = ec.getParams().getCurve().getField().getFieldSize();
                type = switch (fieldBits) {
                    case 256 -> ECDSA_P256;
                    case 384 -> ECDSA_P384;
                    case 521 -> ECDSA_P521;
                    default -> throw new InputRefused("network.key.unsupported-type", "ecdsa-" + fieldBits);
                };
                int size = (fieldBits + 7) / 8;
                byte[] point = new byte[1 + 2 * size];
                point[0] = 4;
                copyUnsigned(ec.getW().getAffineX(), point, 1, size);
                copyUnsigned(ec.getW().getAffineY(), point, 1 + size, size);
                blob.string(type).string(type.substring("ecdsa-sha2-".length())).bytes(point);
            }
            default -> throw new InputRefused("network.key.unsupported-type", key.getAlgorithm());
        }
        return decode(type, blob.toByteArray(), comment == null ? "" : comment.strip());
    }

    private static SshPublicKey decode(String type, byte[] blob, String comment) {
        SshWire.Reader reader = new SshWire.Reader(blob);
        String inner = reader.string();
        if (!inner.equals(type)) {
            throw TYPE_NAME.matcher(inner).matches() ? new InputRefused("network.key.type-mismatch", type, inner)
                    : malformed();
        }
        SshPublicKey key = switch (type) {
            case ED25519 -> ed25519(reader, blob, comment);
            case RSA -> rsa(reader, blob, comment);
            default -> ecdsa(type, reader, blob, comment);
        };
        if (!reader.atEnd()) {
            throw malformed();
        }
        return key;
    }

    private static SshPublicKey ed25519(SshWire.Reader reader, byte[] blob, String comment) {
        byte[] point = reader.bytes();
        if (point.length != 32) {
            throw malformed();
        }
        byte[] x509 = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + 32);
        System.arraycopy(point, 0, x509, ED25519_X509_PREFIX.length, 32);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            return new SshPublicKey(ED25519, 256, blob, comment, key);
        } catch (GeneralSecurityException | RuntimeException invalid) {
            throw malformed();
        }
    }

    private static SshPublicKey rsa(SshWire.Reader reader, byte[] blob, String comment) {
        BigInteger exponent = reader.mpint();
        BigInteger modulus = reader.mpint();
        if (modulus.signum() <= 0 || exponent.compareTo(BigInteger.TWO) <= 0 || !exponent.testBit(0)) {
            throw malformed();
        }
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new InputRefused("network.key.rsa-too-short", Integer.toString(bits),
                    Integer.toString(MIN_RSA_BITS));
        }
        if (bits > MAX_RSA_BITS) {
            throw malformed();
        }
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
            return new SshPublicKey(RSA, bits, blob, comment, key);
        } catch (GeneralSecurityException invalid) {
            throw malformed();
        }
    }

    private static SshPublicKey ecdsa(String type, SshWire.Reader reader, byte[] blob, String comment) {
        String curveName = type.substring("ecdsa-sha2-".length());
        if (!reader.string().equals(curveName)) {
            throw malformed();
        }
        ECParameterSpec parameters = curve(curveName);
        EllipticCurve curve = parameters.getCurve();
        int size = (curve.getField().getFieldSize() + 7) / 8;
        byte[] point = reader.bytes();
        // Only the uncompressed form (0x04, X, Y), the one OpenSSH writes.
        if (point.length != 1 + 2 * size || point[0] != 4) {
            throw malformed();
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length));
        if (!onCurve(curve, x, y)) {
            throw malformed();
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y),
                    parameters));
            return new SshPublicKey(type, curve.getField().getFieldSize(), blob, comment, key);
        } catch (GeneralSecurityException invalid) {
            throw malformed();
        }
    }

    private static ECParameterSpec curve(String sshCurveName) {
        String standardName = switch (sshCurveName) {
            case "nistp256" -> "secp256r1";
            case "nistp384" -> "secp384r1";
            default -> "secp521r1";
        };
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(standardName));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("The JDK lacks the curve " + standardName, missing);
        }
    }

    /** y² = x³ + ax + b (mod p): a point off the curve is no key at all (and a known attack). */
    private static boolean onCurve(EllipticCurve curve, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static void copyUnsigned(BigInteger value, byte[] target, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int skip = Math.max(0, bytes.length - size);
        int length = bytes.length - skip;
        System.arraycopy(bytes, skip, target, offset + size - length, length);
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("The JDK lacks SHA-256", missing);
        }
    }

    /** The key on one line, with single spaces and the comment kept. */
    public String openSshLine() {
        String line = algorithm + " " + Base64.getEncoder().encodeToString(blob);
        return comment.isEmpty() ? line : line + " " + comment;
    }

    /** The key for the JDK (and the SSH server that checks logins with it). */
    public PublicKey toPublicKey() {
        return publicKey;
    }

    byte[] blob() {
        return blob.clone();
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
