package io.gantry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Allowed device counts: a list of counts from 0 to 64, in any order and separator, read as an ascending set. */
class AllowedCountsTest {

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("0,1,2,4,8", Optional.of(List.of(0, 1, 2, 4, 8))),
                Arguments.of("0, 1, 2, 4, 8", Optional.of(List.of(0, 1, 2, 4, 8))),
                Arguments.of("8 4 2", Optional.of(List.of(2, 4, 8))),
                Arguments.of("2,2,1", Optional.of(List.of(1, 2))),
                Arguments.of("1，2", Optional.of(List.of(1, 2))),
                Arguments.of(" 0,1,3 ", Optional.of(List.of(0, 1, 3))),
                Arguments.of("64", Optional.of(List.of(64))),
                Arguments.of("1,a", Optional.empty()),
                Arguments.of("65", Optional.empty()),
                Arguments.of("-1", Optional.empty()),
                Arguments.of("1.5", Optional.empty()),
                Arguments.of("1000", Optional.empty()),
                Arguments.of("", Optional.empty()),
                Arguments.of("   ", Optional.empty()),
                Arguments.of(" , ", Optional.empty()),
                Arguments.of(null, Optional.empty()));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("lists")
    void parsesAListOfCountsOrNothing(String text, Optional<List<Integer>> expected) {
        assertThat(AllowedCounts.parse(text)).isEqualTo(expected);
    }

    @Test
    void formatsAsTheParserReadsIt() {
        String text = AllowedCounts.format(List.of(0, 1, 2, 4, 8));
        assertThat(text).isEqualTo("0, 1, 2, 4, 8");
        assertThat(AllowedCounts.parse(text)).contains(List.of(0, 1, 2, 4, 8));
    }
}
