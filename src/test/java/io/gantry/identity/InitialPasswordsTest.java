package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InitialPasswordsTest {

    private final InitialPasswords passwords = new InitialPasswords(new SecureRandom());

    @Test
    void everyGeneratedPasswordMeetsThePolicyWithAllFourClasses() {
        for (int i = 0; i < 1_000; i++) {
            String password = passwords.next();
            assertThat(password).hasSize(InitialPasswords.LENGTH);
            assertThat(PasswordPolicy.violations(password, "someone")).isEmpty();
            assertThat(PasswordPolicy.characterClasses(password)).isEqualTo(4);
        }
    }

    @Test
    void passwordsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(passwords.next())).isTrue();
        }
    }
}
