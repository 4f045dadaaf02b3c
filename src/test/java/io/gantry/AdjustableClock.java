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

    /** Moves the clock to this instant, forward or back. */
    public void set(Instant instant) {
        now.set(instant);
    }

    /** Back to the real time (whole seconds), as a test that moved the clock leaves it for the next one. */
    public void reset() {
        now.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
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
