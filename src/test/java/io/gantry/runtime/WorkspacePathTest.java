package io.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkspacePathTest {

    static String problem(String text) {
        return WorkspacePath.parse(text).problem();
    }

    @Test
    void aPlainRelativeNameIsTakenWithItsFolders() {
        assertThat(WorkspacePath.parse("train.py").path()).hasValueSatisfying(p ->
                assertThat(p.segments()).containsExactly("train.py"));
        assertThat(WorkspacePath.parse("src/model v2.py").path()).hasValueSatisfying(p ->
                assertThat(p.toString()).isEqualTo("src/model v2.py"));
        assertThat(WorkspacePath.parse("..hidden..name").path()).isPresent();
    }

    @Test
    void namesThatClimbOutOrAreAbsoluteAreRefused() {
        assertThat(problem("..")).isEqualTo("workspace.path.climbs");
        assertThat(problem("a/../../b")).isEqualTo("workspace.path.climbs");
        assertThat(problem("a/./b")).isEqualTo("workspace.path.climbs");
        assertThat(problem("/etc/passwd")).isEqualTo("workspace.path.absolute");
        assertThat(problem("\\\\host\\share")).isEqualTo("workspace.path.absolute");
        assertThat(problem("c:/windows")).isEqualTo("workspace.path.absolute");
        assertThat(problem("a\\..\\b")).isEqualTo("workspace.path.characters");
        assertThat(problem("a\u0000b")).isEqualTo("workspace.path.characters");
        assertThat(problem("a/")).isEqualTo("workspace.path.characters");
        assertThat(problem(" ")).isEqualTo("workspace.path.empty");
        assertThat(problem(null)).isEqualTo("workspace.path.empty");
        assertThat(problem("x".repeat(WorkspacePath.PATH_MAX + 1))).isEqualTo("workspace.path.too-long");
        assertThat(problem("x".repeat(WorkspacePath.SEGMENT_MAX + 1))).isEqualTo("workspace.path.characters");
    }
}
