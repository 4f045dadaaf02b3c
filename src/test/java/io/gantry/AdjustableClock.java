package io.gantry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves on by hand, so that a window can pass without waiting for it. The application's clock in the
 * tests that import {@link TestClock}. A copy in another zone ({@link #withZone}) reads the same, moved instant.
 */
public final class AdjustableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public AdjustableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private AdjustableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void advance(Duration duration) {
        now.updateAndGet(at -> at.plus(duration));
    }

    /**
     * Moves the clock on to this instant. Never back: in an application that shares the clock, leases and readings
     * already taken at a later time would then lie in the future.
     */
    public void set(Instant instant) {
        now.updateAndGet(at -> {
            if (instant.isBefore(at)) {
                throw new IllegalArgumentException("The clock only moves on: " + instant + " is before " + at);
            }
            return instant;
        });
    }

    /**
     * Catches up with the real time (whole seconds) if the clock is behind it, as a test that moved the clock leaves
     * it for the next one; a clock already ahead stays where it is, since it never moves back.
     */
    public void reset() {
        Instant real = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        now.updateAndGet(at -> at.isBefore(real) ? real : at);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new AdjustableClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
