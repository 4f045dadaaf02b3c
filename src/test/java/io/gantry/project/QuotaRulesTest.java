package io.gantry.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaRulesTest {

    @ParameterizedTest(name = "{0} devices per user -> {1}")
    @CsvSource(textBlock = """
            1, true
            2, true
            3, false
            4, true
            6, false
            8, true
            16, true
            24, true
            20, false
            """)
    void aPerUserMaximumMustBeACountOneRequestCanAskFor(int devices, boolean usable) {
        assertThat(ProjectService.usableByOneRequest(devices, List.of(0, 1, 2, 4, 8))).isEqualTo(usable);
    }
}
