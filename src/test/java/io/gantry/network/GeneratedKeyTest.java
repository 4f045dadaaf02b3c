package io.gantry.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The private key's suggested file name: ssh-keygen's style, with only characters every file system takes. */
class GeneratedKeyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "laptop|id_ed25519_laptop",
            "laptop <b>key</b> ©|id_ed25519_laptop_b_key_b",
            "work-pc_2|id_ed25519_work-pc_2",
            "  my   key  |id_ed25519_my_key",
            "../../etc/passwd|id_ed25519_etc_passwd",
            "我的笔记本|id_ed25519_42",
            "家里 home 電腦|id_ed25519_home",
            "!!!|id_ed25519_42",
    })
    void keepsLettersDigitsDashesAndUnderscoresAndFallsBackToTheKeysNumber(String name, String fileName) {
        SshKey key = new SshKey(42, name, "ssh-ed25519", 256, "SHA256:x", "ssh-ed25519 AAAA", Instant.EPOCH);
        assertThat(new GeneratedKey(key, "secret").privateKeyFileName()).isEqualTo(fileName);
    }

    @ParameterizedTest
    @CsvSource({"80", "200"})
    void aLongNameIsShortened(int length) {
        SshKey key = new SshKey(7, "k".repeat(length), "ssh-ed25519", 256, "SHA256:x", "ssh-ed25519 AAAA",
                Instant.EPOCH);
        assertThat(new GeneratedKey(key, "secret").privateKeyFileName()).isEqualTo("id_ed25519_" + "k".repeat(40));
    }
}
