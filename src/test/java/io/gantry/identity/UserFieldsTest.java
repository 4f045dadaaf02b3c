package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserFieldsTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            alice                             | NONE
            kaiyuan.xu                        | NONE
            az_teacher-2                      | NONE
            ab                                | user.username.length
            abcdefghijabcdefghijabcdefghijabc | user.username.length
            Alice                             | user.username.pattern
            1alice                            | user.username.pattern
            al ice                            | user.username.pattern
            al@ice                            | user.username.pattern
            """)
    void usernames(String username, String problem) {
        assertThat(UserFields.usernameProblem(username).orElse(null)).isEqualTo(problem);
    }

    @Test
    void blankUsernameIsRequired() {
        assertThat(UserFields.usernameProblem("  ")).contains("user.username.required");
        assertThat(UserFields.usernameProblem(null)).contains("user.username.required");
    }

    @Test
    void nicknamesAreRequiredAndBounded() {
        assertThat(UserFields.nicknameProblem("")).contains("user.nickname.required");
        assertThat(UserFields.nicknameProblem("x".repeat(65))).contains("user.nickname.length");
        assertThat(UserFields.nicknameProblem("王小明")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            name@example.com  | NONE
            a@b.cn            | NONE
            no-at.example.com | user.email.invalid
            a@b               | user.email.invalid
            """)
    void emails(String email, String problem) {
        assertThat(UserFields.emailProblem(email).orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            +86 138-0000-0000 | NONE
            0912345678        | NONE
            call me           | user.phone.invalid
            123456789012345678901234567890123 | user.phone.invalid
            """)
    void phones(String phone, String problem) {
        assertThat(UserFields.phoneProblem(phone).orElse(null)).isEqualTo(problem);
    }

    @Test
    void maxJobHoursArePositiveAndBounded() {
        assertThat(UserFields.maxJobHoursProblem(null)).isEmpty();
        assertThat(UserFields.maxJobHoursProblem(0)).contains("user.max-job-hours.range");
        assertThat(UserFields.maxJobHoursProblem(72)).isEmpty();
        assertThat(UserFields.maxJobHoursProblem(10_001)).contains("user.max-job-hours.range");
    }
}
