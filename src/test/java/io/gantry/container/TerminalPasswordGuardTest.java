package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import io.gantry.identity.LoginThrottle;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Wrong web-terminal passwords lock one user out of one container until the oldest counted guess leaves the window. */
class TerminalPasswordGuardTest {

    final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final TerminalPasswordGuard guard = new TerminalPasswordGuard(LoginThrottle.DEFAULT, clock);

    @Test
    void theLockLiftsWhenTheOldestCountedGuessLeavesTheWindow() {
        Instant first = clock.instant();
        guard.failed(1, 7);
        clock.advance(Duration.ofMinutes(4));
        for (int i = 0; i < 4; i++) {
            guard.failed(1, 7);
        }
        assertThat(guard.lockedUntil(1, 7)).contains(first.plus(LoginThrottle.DEFAULT.window()));

        clock.set(first.plus(LoginThrottle.DEFAULT.window()).minusSeconds(1));
        assertThat(guard.lockedUntil(1, 7)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.lockedUntil(1, 7)).isEmpty();
        // Four guesses are still in the window: one more locks again, until the next of them leaves it.
        guard.failed(1, 7);
        assertThat(guard.lockedUntil(1, 7)).contains(first.plus(Duration.ofMinutes(4))
                .plus(LoginThrottle.DEFAULT.window()));
    }

    @Test
    void aLockHoldsOnlyForItsUserAndContainer() {
        for (int i = 0; i < 5; i++) {
            guard.failed(1, 7);
        }
        assertThat(guard.lockedUntil(1, 7)).isPresent();
        assertThat(guard.lockedUntil(2, 7)).isEmpty();
        assertThat(guard.lockedUntil(1, 8)).isEmpty();
    }
}
