package io.gantry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it in CI. */
class NeedsTest {

    @Test
    void whatIsMissingFailsTheTestInCi() {
        assertThatThrownBy(() -> Needs.check(true, false, "Jupyter Notebook 6 is not installed"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Jupyter Notebook 6 is not installed");
    }

    @Test
    void whatIsMissingSkipsTheTestOutsideCi() {
        assertThatThrownBy(() -> Needs.check(false, false, "Jupyter Notebook 6 is not installed"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Jupyter Notebook 6 is not installed");
    }

    @Test
    void whatIsThereLetsTheTestGoOnEverywhere() {
        assertThatCode(() -> Needs.check(true, true, "ssh")).doesNotThrowAnyException();
        assertThatCode(() -> Needs.check(false, true, "ssh")).doesNotThrowAnyException();
    }

    @Test
    void theToolsTheTestsNeedAreFoundOnThisMachine() {
        // On a machine with the tools CI installs each is found; elsewhere this says which one is missing.
        for (Needs.Tool tool : Needs.Tool.values()) {
            Needs.tool(tool);
        }
    }
}
