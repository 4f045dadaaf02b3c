package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"team-a", "王小明", "Équipe Été", "ニューラル 2", "a b", "😀 emoji", "x.y_z (v2)"})
    void acceptsNamesInAnyScript(String name) {
        assertThat(Names.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "invoice\u202Egpj.exe", // right-to-left override: reads "invoiceexe.jpg"
            "a\u2066b\u2069", // left-to-right isolate
            "ad\u200Bmin", // zero-width space
            "ad\u200Dmin", // zero-width joiner
            "\uFEFFbom", // byte order mark
            "line\nbreak",
            "tab\there",
            "esc\u001B[31m",
            "nul\u0000",
            "sep\u2028line",
            "lone\uD800surrogate",
            "private\uE000use",
            "ad\u3164min", // Hangul filler: a letter that draws nothing
            "\u2800"}) // Braille blank
    void refusesControlAndInvisibleFormattingCharacters(String name) {
        assertThat(Names.problem(name)).contains(Names.CONTROL_CHARACTERS);
    }

    @org.junit.jupiter.api.Test
    void leavesMissingNamesToTheRequiredRule() {
        assertThat(Names.problem(null)).isEmpty();
        assertThat(Names.problem("")).isEmpty();
    }
}
