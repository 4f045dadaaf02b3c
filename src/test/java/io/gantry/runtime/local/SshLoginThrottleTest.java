package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SshLoginThrottleTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SshLoginThrottle throttle = new SshLoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void locksOneAddressAfterItsLimitAndLeavesOthersIn() throws Exception {
        InetAddress guesser = InetAddress.getByName("10.0.0.1");
        InetAddress owner = InetAddress.getByName("10.0.0.2");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.lockedUntil(guesser)).isEmpty();
            throttle.failed(guesser);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.lockedUntil(guesser)).contains(Instant.parse("2026-12-01T10:15:00Z"));
        assertThat(throttle.lockedUntil(owner)).isEmpty();
    }

    @Test
    void locksEveryAddressOnceGuessesFromManyAddressesReachTheWorkloadsLimit() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.failed(InetAddress.getByName("10.0.1." + i));
        }

        assertThat(throttle.lockedUntil(InetAddress.getByName("10.0.2.1"))).isPresent();
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.lockedUntil(InetAddress.getByName("10.0.2.1"))).isEmpty();
    }

    @Test
    void reportsEachLockOnceForAnAddress() throws Exception {
        InetAddress guesser = InetAddress.getByName("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            throttle.failed(guesser);
        }
        Instant until = throttle.lockedUntil(guesser).orElseThrow();

        assertThat(throttle.firstRefusal(guesser, until)).isTrue();
        assertThat(throttle.firstRefusal(guesser, until)).isFalse();
        assertThat(throttle.firstRefusal(InetAddress.getByName("10.0.0.2"), until)).isTrue();
    }
}
