package io.gantry.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenSshPrivateKeyFileTest {

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void writesAFileFromWhichSshKeygenDerivesThePublicKey(KeyAlgorithm algorithm) throws IOException {
        KeyPair pair = algorithm.generate();
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
}
