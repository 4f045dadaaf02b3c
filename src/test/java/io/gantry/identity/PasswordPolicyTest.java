package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTest {

    @ParameterizedTest(name = "{0} for {1} breaks {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            short1A!            | bob   | NONE
            Sh0rt!              | bob   | password.rule.too-short
            alllowercase        | bob   | password.rule.classes
            lower-and-123       | bob   | NONE
            Upper-and-lower     | bob   | NONE
            12345678            | bob   | password.rule.classes
            bob-Secret-1        | bob   | password.rule.contains-username
            BOB-secret-1        | bob   | password.rule.contains-username
            Correct-Horse-9     | alice | NONE
            """)
    void checksLengthClassesAndUsername(String password, String username, String broken) {
        var violations = PasswordPolicy.violations(password, username);
        if (broken == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).contains(broken);
        }
    }

    @org.junit.jupiter.api.Test
    void refusesNullAndOverLongPasswords() {
        assertThat(PasswordPolicy.violations(null, "bob")).containsExactly("password.rule.too-short");
        assertThat(PasswordPolicy.violations("Aa1!".repeat(17), "bob")).contains("password.rule.too-long");
    }
}
