package io.gantry.container;

import io.gantry.identity.LoginThrottle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Refuses web-terminal password guesses after too many wrong ones, with the same limits as sign-in, counted per user
 * and container: a manager's (or anyone's) wrong guesses lock only them out, never the owner. Kept in memory: each
 * replica counts its own, which still bounds the guesses.
 */
@Component
class TerminalPasswordGuard {

    private final LoginThrottle throttle;
    private final Clock clock;
    private final Map<Key, List<Instant>> failures = new ConcurrentHashMap<>();

    TerminalPasswordGuard(LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    private record Key(long userId, long containerId) {
    }

    /** From when the user may try the container's terminal again, if it is locked for them now. */
    Optional<Instant> lockedUntil(long userId, long containerId) {
        return throttle.check(recent(new Key(userId, containerId)), List.of(), clock.instant())
                .map(LoginThrottle.Refusal::retryAt);
    }

    void failed(long userId, long containerId) {
        failures.compute(new Key(userId, containerId), (key, times) -> {
            List<Instant> kept = new ArrayList<>(times == null ? List.of() : times);
            kept.removeIf(t -> t.isBefore(throttle.windowStart(clock.instant())));
            kept.add(clock.instant());
            return kept;
        });
    }

    private List<Instant> recent(Key key) {
        return List.copyOf(failures.getOrDefault(key, List.of()));
    }
}
