package io.gantry.runtime.local;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions of one kind open on a workload and when one last did anything: a counter and a timestamp, kept as
 * traffic passes, so that reading a workload's activity costs nothing and an idle workload nothing at all.
 */
final class SessionMeter {

    private final Clock clock;
    private final AtomicInteger open = new AtomicInteger();
    private volatile Instant last;

    SessionMeter(Clock clock) {
        this.clock = clock;
    }

    void opened() {
        open.incrementAndGet();
        touched();
    }

    /** Once for each {@link #opened}. */
    void closed() {
        open.updateAndGet(count -> Math.max(0, count - 1));
        touched();
    }

    /** Traffic passed. */
    void touched() {
        last = clock.instant();
    }

    int open() {
        return open.get();
    }

    /** The last opening, closing or traffic; null if there was none. */
    Instant last() {
        return last;
    }

    /** The later of two instants, either of which may be null. */
    static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
