package io.gantry.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Registry credentials at rest: AES-256-GCM with a fresh nonce per secret. */
class SecretBoxTest {

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private final SecretBox box = new SecretBox(key(7));

    @Test
    void decryptsWhatItEncrypted() {
        for (String plain : new String[] {"s3cret-Token!", "", "密碼 with ünïcode", "x".repeat(500)}) {
            assertThat(box.decrypt(box.encrypt(plain))).isEqualTo(plain);
        }
    }

    @Test
    void neverStoresThePlainTextAndEncryptsTheSameSecretDifferentlyEachTime() {
        String first = box.encrypt("same-token");
        String second = box.encrypt("same-token");
        assertThat(first).isNotEqualTo(second).doesNotContain("same-token");
        assertThat(box.decrypt(first)).isEqualTo(box.decrypt(second));
    }

    @Test
    void refusesATamperedValue() {
        byte[] sealed = Base64.getDecoder().decode(box.encrypt("token"));
        sealed[sealed.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(sealed);
        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalStateException.class);

        byte[] truncated = Arrays.copyOf(Base64.getDecoder().decode(box.encrypt("token")), 20);
        assertThatThrownBy(() -> box.decrypt(Base64.getEncoder().encodeToString(truncated)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAnotherKey() {
        String stored = box.encrypt("token");
        assertThatThrownBy(() -> new SecretBox(key(8)).decrypt(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void needsA256BitKey() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
