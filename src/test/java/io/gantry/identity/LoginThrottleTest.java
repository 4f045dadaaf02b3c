package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15));

    private static List<Instant> minutesAgo(int... minutes) {
        List<Instant> times = new ArrayList<>();
        for (int m : minutes) {
            times.add(NOW.minus(Duration.ofMinutes(m)));
        }
        return times;
    }

    @Nested
    class PerAccount {

        @Test
        void allowsFewerFailuresThanTheLimit() {
            assertThat(throttle.check(minutesAgo(1, 2), List.of(), NOW)).isEmpty();
        }

        @Test
        void locksAtTheLimitUntilTheOldestCountedFailureLeavesTheWindow() {
            var refusal = throttle.check(minutesAgo(1, 2, 10), List.of(), NOW);
            assertThat(refusal).isPresent();
            assertThat(refusal.get().reason()).isEqualTo(LoginThrottle.Reason.ACCOUNT);
            assertThat(refusal.get().retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        }

        @Test
        void withMoreFailuresThanTheLimitWaitsForEnoughToAgeOut() {
            var refusal = throttle.check(minutesAgo(1, 2, 3, 4, 14), List.of(), NOW);
            assertThat(refusal.get().retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(12)));
        }

        @Test
        void forgetsFailuresOlderThanTheWindow() {
            assertThat(throttle.check(minutesAgo(1, 16, 20, 30), List.of(), NOW)).isEmpty();
        }
    }

    @Nested
    class PerAddress {

        @Test
        void locksTheAddressAtItsOwnLimit() {
            var refusal = throttle.check(List.of(), minutesAgo(1, 2, 3, 4, 5), NOW);
            assertThat(refusal.get().reason()).isEqualTo(LoginThrottle.Reason.ADDRESS);
            assertThat(refusal.get().retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        }

        @Test
        void belowTheAddressLimitIsAllowed() {
            assertThat(throttle.check(List.of(), minutesAgo(1, 2, 3, 4), NOW)).isEmpty();
        }
    }
}
