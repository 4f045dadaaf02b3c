package io.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the Jupyter proxy's traffic makes of a workload's Jupyter sessions, with a clock the test moves. */
class JupyterTrafficTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final JupyterTraffic traffic = new JupyterTraffic(clock);

    @Test
    void aWorkloadNoRequestReachedHasNoSessionAndNoLastActivity() {
        assertThat(traffic.sessions("container-1")).isZero();
        assertThat(traffic.last("container-1")).isNull();
    }

    @Test
    void aRequestCountsWhileUnderWayAndForAMinuteAfter() {
        traffic.began("container-1");
        traffic.began("container-1");
        assertThat(traffic.sessions("container-1")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(5));
        traffic.ended("container-1");
        traffic.ended("container-1");
        Instant answered = clock.instant();

        assertThat(traffic.sessions("container-1")).as("just answered").isEqualTo(1);
        clock.advance(JupyterTraffic.RECENT.minusSeconds(1));
        assertThat(traffic.sessions("container-1")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(traffic.sessions("container-1")).isZero();
        assertThat(traffic.last("container-1")).isEqualTo(answered);
        assertThat(traffic.sessions("container-2")).as("another workload's").isZero();
    }

    @Test
    void anOpenWebSocketCountsUntilItClosesAndEachFrameMovesTheLastActivity() {
        traffic.began("container-1");
        clock.advance(Duration.ofHours(3));
        assertThat(traffic.sessions("container-1")).isEqualTo(1);
        traffic.passed("container-1");
        assertThat(traffic.last("container-1")).isEqualTo(clock.instant());

        traffic.ended("container-1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(traffic.sessions("container-1")).isZero();
    }

    @Test
    void aRemovedWorkloadIsForgotten() {
        traffic.began("container-1");
        traffic.forget("container-1");
        traffic.ended("container-1");

        assertThat(traffic.sessions("container-1")).isZero();
        assertThat(traffic.last("container-1")).isNull();
    }
}
