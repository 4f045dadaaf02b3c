package io.gantry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodLimitsTest {

    private final PodLimits limits = new PodLimits(2, 400, 22, 80 * 1024);

    @Test
    void admitsEveryValueFromTheMinimumToTheMaximum() {
        assertThat(limits.admits(2, 400)).isTrue();
        assertThat(limits.admits(22, 80 * 1024)).isTrue();
        assertThat(limits.admitsCpu(1)).isFalse();
        assertThat(limits.admitsCpu(23)).isFalse();
        assertThat(limits.admitsMemory(399)).isFalse();
        assertThat(limits.admitsMemory(80 * 1024 + 1)).isFalse();
    }

    @Test
    void refusesWhenEitherCpuOrMemoryIsOutside() {
        assertThat(limits.admits(1, 1024)).isFalse();
        assertThat(limits.admits(4, 80 * 1024 + 1)).isFalse();
    }
}
