package io.gantry.runtime.local;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds password guesses at one workload's SSH server, with the sign-in's default limits: after
 * {@code addressLimit} failures from one address within the window that address is refused, after
 * {@code workloadLimit} failures from any addresses every password login is, until the oldest counted failure leaves
 * the window. The per-address limit stops one guesser early without bothering anyone else; the overall one bounds a
 * guesser who spreads over many addresses, at the price that such a guesser can keep password logins shut for the
 * window (keys still work). Refused attempts are not counted, so a lock lifts when its window has passed, and at
 * most {@code workloadLimit} failures are counted (and recorded) per window.
 */
final class SshLoginThrottle {

    static final int ADDRESS_LIMIT = 5;
    static final int WORKLOAD_LIMIT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final int addressLimit;
    private final int workloadLimit;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> all = new ArrayDeque<>();
    private final Map<InetAddress, Deque<Instant>> byAddress = new HashMap<>();
    /** The lock last reported per address, so that a client hammering a lock is reported once, not per attempt. */
    private final Map<InetAddress, Instant> reported = new HashMap<>();

    SshLoginThrottle(int addressLimit, int workloadLimit, Duration window, Clock clock) {
        this.addressLimit = addressLimit;
        this.workloadLimit = workloadLimit;
        this.window = window;
        this.clock = clock;
    }

    static SshLoginThrottle standard(Clock clock) {
        return new SshLoginThrottle(ADDRESS_LIMIT, WORKLOAD_LIMIT, WINDOW, clock);
    }

    Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Until when a login from this address is refused without looking at the password, if it is now. */
    synchronized Optional<Instant> lockedUntil(InetAddress from) {
        Instant now = clock.instant();
        forgetBefore(now.minus(window));
        Deque<Instant> mine = byAddress.get(from);
        if (all.size() >= workloadLimit) {
            return Optional.of(oldestToExpire(all, workloadLimit).plus(window));
        }
        if (mine != null && mine.size() >= addressLimit) {
            return Optional.of(oldestToExpire(mine, addressLimit).plus(window));
        }
        return Optional.empty();
    }

    synchronized void failed(InetAddress from) {
        Instant now = clock.instant();
        all.addLast(now);
        byAddress.computeIfAbsent(from, address -> new ArrayDeque<>()).addLast(now);
    }

    /** Whether this refusal is the first one of this lock for this address; later ones are not worth a record. */
    synchronized boolean firstRefusal(InetAddress from, Instant lockedUntil) {
        return !lockedUntil.equals(reported.put(from, lockedUntil));
    }

    private static Instant oldestToExpire(Deque<Instant> failures, int limit) {
        return failures.stream().skip(failures.size() - limit).findFirst().orElseThrow();
    }

    private void forgetBefore(Instant start) {
        while (!all.isEmpty() && !all.peekFirst().isAfter(start)) {
            all.removeFirst();
        }
        byAddress.values().forEach(times -> {
            while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
                times.removeFirst();
            }
        });
        byAddress.values().removeIf(Deque::isEmpty);
        reported.values().removeIf(until -> !until.isAfter(start.plus(window)));
    }
}
