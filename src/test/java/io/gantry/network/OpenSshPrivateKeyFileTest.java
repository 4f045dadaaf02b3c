package io.gantry.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenSshPrivateKeyFileTest {

    /** One pair per algorithm for the whole class: an RSA 4096 pair takes seconds to make. */
    private static final Map<KeyAlgorithm, KeyPair> PAIRS = new EnumMap<>(KeyAlgorithm.class);

    private static synchronized KeyPair pair(KeyAlgorithm algorithm) {
        return PAIRS.computeIfAbsent(algorithm, KeyAlgorithm::generate);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void writesAFileFromWhichSshKeygenDerivesThePublicKey(KeyAlgorithm algorithm) throws IOException {
        KeyPair pair = pair(algorithm);
        String file = OpenSshPrivateKeyFile.write(pair, "alice's key");

        assertThat(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
                .endsWith("\n-----END OPENSSH PRIVATE KEY-----\n");
        assertThat(file.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(70));
        SshPublicKey expected = SshPublicKey.of(pair.getPublic(), "alice's key");
        SshPublicKey derived = SshPublicKey.parse(SshKeygen.publicKeyOf(file));
        assertThat(derived).isEqualTo(expected);
        assertThat(derived.comment()).isEqualTo("alice's key");
        assertThat(derived.bits()).isEqualTo(algorithm == KeyAlgorithm.ED25519 ? 256 : 4096);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void sshKeygenReadsTheGeneratedKeyAsTheOneGantryShowsWithTheSameFingerprint(KeyAlgorithm algorithm)
            throws IOException {
        KeyPair pair = pair(algorithm);
        SshPublicKey shown = SshPublicKey.of(pair.getPublic(), "laptop");
        String file = OpenSshPrivateKeyFile.write(pair, "laptop");
        String family = algorithm == KeyAlgorithm.ED25519 ? "ED25519" : "RSA";

        assertThat(SshKeygen.publicKeyOf(file)).isEqualTo(shown.openSshLine());
        assertThat(SshKeygen.fingerprintLineOfPrivateKey(file))
                .isEqualTo(shown.bits() + " " + shown.fingerprint() + " laptop (" + family + ")");
        assertThat(SshKeygen.fingerprintLine(shown.openSshLine()))
                .isEqualTo(shown.bits() + " " + shown.fingerprint() + " laptop (" + family + ")");
    }
}
