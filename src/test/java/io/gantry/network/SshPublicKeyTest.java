package io.gantry.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SshPublicKeyTest {

    /** A key ssh-keygen made, and what {@code ssh-keygen -lf} said about it. */
    record Reference(int bits, String fingerprint, String family, String line) {
        @Override
        public String toString() {
            return family + " " + bits;
        }
    }

    static List<Reference> references() throws IOException {
        try (var in = SshPublicKeyTest.class.getResourceAsStream("ssh-keygen-public-keys.tsv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t", 4))
                    .map(c -> new Reference(Integer.parseInt(c[0]), c[1], c[2], c[3])).toList();
        }
    }

    static Reference reference(String family, int bits) throws IOException {
        return references().stream().filter(r -> r.family().equals(family) && r.bits() == bits).findFirst()
                .orElseThrow();
    }

    static final String ED25519_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK5QEcr+WdkhwesVtqbIZUPSi5dc4FyP6sQoY5Am0yuB"
            + " alice@laptop";
    static final String RSA_1024_LINE = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCs15NPGHSdxXAqf6kyxmN2R8GXdhIJsJipi2CX/"
            + "1eIsp4q63Q6xqbxW2n23AQpzZy7lERfesv/GnM+IO3gcVKljt8N4vHbu0+ywxgRP8n1lWPPsPrO8sNZ0yKMzj8Q5ThnlRDoyPmViANOC6n"
            + "1BkE7PsKznCxZrIkN+Hm2TIpjvw== old";

    static byte[] blobOf(String line) {
        return Base64.getDecoder().decode(line.split(" ")[1]);
    }

    static String line(String type, byte[] blob) {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Nested
    class ReadsWhatSshKeygenWrites {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.gantry.network.SshPublicKeyTest#references")
        void hasTheFingerprintAndSizeSshKeygenPrints(Reference reference) {
            SshPublicKey key = SshPublicKey.parse(reference.line());

            assertThat(key.fingerprint()).isEqualTo(reference.fingerprint());
            assertThat(key.bits()).isEqualTo(reference.bits());
            assertThat(key.openSshLine()).isEqualTo(reference.line().strip());
            assertThat(new SshKey(1, "k", key.algorithm(), key.bits(), key.fingerprint(), key.openSshLine(), null)
                    .family()).isEqualTo(reference.family());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.gantry.network.SshPublicKeyTest#references")
        void givesTheJdkTheSameKey(Reference reference) {
            PublicKey jdk = SshPublicKey.parse(reference.line()).toPublicKey();

            assertThat(jdk.getAlgorithm()).isIn("Ed25519", "EdDSA", "EC", "RSA");
            assertThat(SshPublicKey.of(jdk, "").fingerprint()).isEqualTo(reference.fingerprint());
        }

        @Test
        void keepsTheCommentAndNormalisesTheSpacesAroundIt() {
            String base64 = ED25519_LINE.split(" ")[1];
            SshPublicKey key = SshPublicKey.parse("\n  ssh-ed25519 \t" + base64 + "   my laptop  key \n");

            assertThat(key.comment()).isEqualTo("my laptop  key");
            assertThat(key.openSshLine()).isEqualTo("ssh-ed25519 " + base64 + " my laptop  key");
            assertThat(SshPublicKey.parse("ssh-ed25519 " + base64).openSshLine()).isEqualTo("ssh-ed25519 " + base64);
        }

        @Test
        void countsTheBitsOfTheRsaModulusItself() throws IOException {
            assertThat(SshPublicKey.parse(reference("RSA", 3070).line()).bits()).isEqualTo(3070);
        }
    }

    @Nested
    class WritesKeysTheJdkMade {

        static Stream<Arguments> generators() throws Exception {
            KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return Stream.of(Arguments.of("ssh-ed25519", 256, ed), Arguments.of("ssh-rsa", 2048, rsa),
                    Arguments.of("ecdsa-sha2-nistp256", 256, ec("secp256r1")),
                    Arguments.of("ecdsa-sha2-nistp384", 384, ec("secp384r1")),
                    Arguments.of("ecdsa-sha2-nistp521", 521, ec("secp521r1")));
        }

        static KeyPairGenerator ec(String curve) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator;
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("generators")
        void inTheFormSshKeygenReads(String type, int bits, KeyPairGenerator generator) throws IOException {
            PublicKey jdk = generator.generateKeyPair().getPublic();
            SshPublicKey key = SshPublicKey.of(jdk, "made here");

            assertThat(key.algorithm()).isEqualTo(type);
            assertThat(key.bits()).isEqualTo(bits);
            assertThat(key.toPublicKey().getEncoded()).isEqualTo(jdk.getEncoded());
            assertThat(SshPublicKey.parse(key.openSshLine())).isEqualTo(key);
            assertThat(SshKeygen.fingerprintLine(key.openSshLine()))
                    .startsWith(bits + " " + key.fingerprint() + " made here (");
        }
    }

    @Nested
    class RefusesPrivateKeysWithoutRepeatingThem {

        static final String SECRET_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";

        static Stream<String> privateKeys() {
            return Stream.of(
                    "-----BEGIN OPENSSH PRIVATE KEY-----\n" + SECRET_BODY + "\n-----END OPENSSH PRIVATE KEY-----\n",
                    "-----BEGIN RSA PRIVATE KEY-----\n" + SECRET_BODY + "\n-----END RSA PRIVATE KEY-----",
                    "-----BEGIN PRIVATE KEY-----\n" + SECRET_BODY + "\n-----END PRIVATE KEY-----",
                    "-----BEGIN EC PRIVATE KEY-----\n" + SECRET_BODY + "\n-----END EC PRIVATE KEY-----",
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + SECRET_BODY + "\n-----END ENCRYPTED PRIVATE KEY-----",
                    "  \n-----BEGIN OPENSSH PRIVATE KEY-----\n" + SECRET_BODY,
                    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n" + SECRET_BODY,
                    ED25519_LINE + "\n-----BEGIN OPENSSH PRIVATE KEY-----\n" + SECRET_BODY);
        }

        @ParameterizedTest
        @MethodSource("privateKeys")
        void withAMessageThatHoldsNothingOfThePastedText(String pasted) {
            assertThatThrownBy(() -> SshPublicKey.parse(pasted)).isInstanceOfSatisfying(InputRefused.class, e -> {
                assertThat(e.messageKey()).isEqualTo("network.key.private-key");
                assertThat(e.arguments()).isEmpty();
                assertThat(e.getMessage()).isEqualTo("network.key.private-key").doesNotContain(SECRET_BODY);
                assertThat(e.getCause()).isNull();
            });
        }
    }

    @Nested
    class RefusesBrokenAndWeakKeys {

        static Stream<Arguments> refusals() throws IOException {
            byte[] ed = blobOf(ED25519_LINE);
            byte[] p256 = blobOf(reference("ECDSA", 256).line());
            byte[] offCurve = p256.clone();
            offCurve[offCurve.length - 1] ^= 1;
            byte[] trailing = Arrays.copyOf(ed, ed.length + 1);
            String base64 = ED25519_LINE.split(" ")[1];
            ByteArrayBuffer evenExponentKey = new ByteArrayBuffer();
            evenExponentKey.putString("ssh-rsa");
            evenExponentKey.putMPInt(BigInteger.valueOf(65536));
            evenExponentKey.putMPInt(BigInteger.ONE.shiftLeft(2047).setBit(0));
            byte[] evenExponent = evenExponentKey.getCompactData();
            return Stream.of(
                    Arguments.of("nothing", null, "network.key.malformed", List.of()),
                    Arguments.of("blank", " \n\t", "network.key.malformed", List.of()),
                    Arguments.of("type only", "ssh-ed25519", "network.key.malformed", List.of()),
                    Arguments.of("not base64", "ssh-ed25519 AAAA*not-base64*", "network.key.malformed", List.of()),
                    Arguments.of("truncated", line("ssh-ed25519", Arrays.copyOf(ed, ed.length - 4)),
                            "network.key.malformed", List.of()),
                    Arguments.of("trailing bytes", line("ssh-ed25519", trailing), "network.key.malformed", List.of()),
                    Arguments.of("point off the curve", line("ecdsa-sha2-nistp256", offCurve), "network.key.malformed",
                            List.of()),
                    Arguments.of("even RSA exponent", line("ssh-rsa", evenExponent), "network.key.malformed",
                            List.of()),
                    Arguments.of("control character in comment", ED25519_LINE + "\u0007", "network.key.malformed",
                            List.of()),
                    Arguments.of("authorized_keys options", "from=\"10.0.0.0/8\" " + ED25519_LINE,
                            "network.key.malformed", List.of()),
                    Arguments.of("PEM public key", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----",
                            "network.key.malformed", List.of()),
                    Arguments.of("RFC 4716 public key", "---- BEGIN SSH2 PUBLIC KEY ----\n" + base64
                            + "\n---- END SSH2 PUBLIC KEY ----", "network.key.malformed", List.of()),
                    Arguments.of("two keys", ED25519_LINE + "\n" + ED25519_LINE, "network.key.one-key", List.of()),
                    Arguments.of("DSA", "ssh-dss " + base64, "network.key.unsupported-type", List.of("ssh-dss")),
                    Arguments.of("certificate", "ssh-ed25519-cert-v01@openssh.com " + base64,
                            "network.key.unsupported-type", List.of("ssh-ed25519-cert-v01@openssh.com")),
                    Arguments.of("security key", "sk-ssh-ed25519@openssh.com " + base64,
                            "network.key.unsupported-type", List.of("sk-ssh-ed25519@openssh.com")),
                    Arguments.of("RSA label on an Ed25519 key", "ssh-rsa " + base64, "network.key.type-mismatch",
                            List.of("ssh-rsa", "ssh-ed25519")),
                    Arguments.of("P-384 label on a P-256 key", line("ecdsa-sha2-nistp384", p256),
                            "network.key.type-mismatch", List.of("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp256")),
                    Arguments.of("RSA of 1024 bits", RSA_1024_LINE, "network.key.rsa-too-short", List.of("1024", "2048")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void withAKeyTheUserCanRead(String what, String text, String key, List<Object> arguments) {
            assertThatThrownBy(() -> SshPublicKey.parse(text)).isInstanceOfSatisfying(InputRefused.class, e -> {
                assertThat(e.messageKey()).isEqualTo(key);
                assertThat(e.arguments()).containsExactlyElementsOf(arguments);
            });
        }

        @Test
        void refusesAnOverlongPasteBeforeReadingIt() {
            String huge = "ssh-ed25519 " + "A".repeat(SshPublicKey.MAX_TEXT_LENGTH);
            assertThatThrownBy(() -> SshPublicKey.parse(huge)).isInstanceOfSatisfying(InputRefused.class,
                    e -> assertThat(e.messageKey()).isEqualTo("network.key.malformed"));
        }
    }
}
