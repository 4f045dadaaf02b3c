package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeIdTest {

    @Test
    void aNewIdIsTheKindAndRandomHexAndReadsBackAsItself() {
        RuntimeId fresh = RuntimeId.fresh("container", new byte[] {0x3f, (byte) 0x9a, 0, 1});

        assertThat(fresh.toString()).isEqualTo("container-3f9a0001");
        assertThat(RuntimeId.parse(fresh.toString())).contains(fresh);
    }

    @Test
    void aContainerMigratedFromBeforeWorkloadsKeepsItsOldIdAsKey() {
        assertThat(RuntimeId.parse("container-12")).hasValueSatisfying(id -> {
            assertThat(id.kind()).isEqualTo("container");
            assertThat(id.key()).isEqualTo("12");
            assertThat(id.isOf("container")).isTrue();
            assertThat(id.isOf("task")).isFalse();
        });
    }

    @Test
    void theOperationLogsTargetsAndOtherTextAreNoRuntimeIds() {
        assertThat(RuntimeId.parse("container:12")).isEmpty();
        assertThat(RuntimeId.parse("Container-12")).isEmpty();
        assertThat(RuntimeId.parse("container-")).isEmpty();
        assertThat(RuntimeId.parse("container-1-2")).isEmpty();
        assertThat(RuntimeId.parse("container-" + "a".repeat(60))).isEmpty();
        assertThat(RuntimeId.parse(null)).isEmpty();
        assertThatThrownBy(() -> new RuntimeId("container", "a:b")).isInstanceOf(IllegalArgumentException.class);
    }
}
