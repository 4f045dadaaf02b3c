package io.gantry.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InitialsTest {

    @Test
    void takesTheFirstCharacterOfTheFirstTwoWords() {
        assertThat(Initials.of("ada lovelace byron")).isEqualTo("AL");
        assertThat(Initials.of("  Grace  ")).isEqualTo("G");
    }

    @Test
    void keepsAnEmojiWhole() {
        // U+1F431 is a surrogate pair in UTF-16; half of it is what the browser drew as "�".
        assertThat(Initials.of("Alice \uD83D\uDC31")).isEqualTo("A\uD83D\uDC31");
        assertThat(Initials.of("\uD83D\uDE80 launch")).isEqualTo("\uD83D\uDE80L");
    }

    @Test
    void keepsACharacterWithItsModifiersWhole() {
        // A thumbs-up with a skin tone, and a family joined by zero-width joiners, are one character each.
        assertThat(Initials.of("\uD83D\uDC4D\uD83C\uDFFD ok")).isEqualTo("\uD83D\uDC4D\uD83C\uDFFDO");
        assertThat(Initials.of("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")).isEqualTo(
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67");
        assertThat(Initials.of("e\u0301mile")).isEqualTo("E\u0301");
    }

    @Test
    void takesChineseNamesByCharacter() {
        assertThat(Initials.of("张三")).isEqualTo("张");
        assertThat(Initials.of("\uD840\uDC0B明")).isEqualTo("\uD840\uDC0B");
    }

    @Test
    void hasNoneForNoName() {
        assertThat(Initials.of(null)).isEmpty();
        assertThat(Initials.of("   ")).isEmpty();
    }
}
