package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactFieldsTest {

    @Test
    void aPhoneNumberMayHaveThirtyTwoCharactersWithOrWithoutAPlus() {
        assertThat(ContactFields.phoneProblem("1".repeat(32))).isEmpty();
        assertThat(ContactFields.phoneProblem("+" + "1".repeat(31))).isEmpty();
        assertThat(ContactFields.phoneProblem("1".repeat(33))).contains("user.phone.invalid");
        assertThat(ContactFields.phoneProblem("+" + "1".repeat(32))).contains("user.phone.invalid");
    }

    @Test
    void anEmailAddressMayHaveOneHundredTwentyEightCharacters() {
        String domain = "@example.com";
        assertThat(ContactFields.emailProblem("a".repeat(128 - domain.length()) + domain)).isEmpty();
        assertThat(ContactFields.emailProblem("a".repeat(129 - domain.length()) + domain))
                .contains("user.email.invalid");
    }

    @Test
    void emptyIsNotGivenAndWordsAreNoNumber() {
        assertThat(ContactFields.phoneProblem("")).isEmpty();
        assertThat(ContactFields.emailProblem(null)).isEmpty();
        assertThat(ContactFields.phoneProblem("call me")).contains("user.phone.invalid");
        assertThat(ContactFields.phoneProblem("+")).contains("user.phone.invalid");
        assertThat(ContactFields.emailProblem("a@b")).contains("user.email.invalid");
    }
}
