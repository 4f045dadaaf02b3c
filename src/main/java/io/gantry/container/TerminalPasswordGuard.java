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
 * Refuses web-terminal password guesses after too many wrong ones, with the same limits as sign-in (per container,
 * as sign-in counts per account). Kept in memory: each replica counts its own, which still bounds the guesses.
 */
@Component
class TerminalPasswordGuard {

    private final LoginThrottle throttle;
    private final Clock clock;
    private final Map<Long, List<Instant>> failures = new ConcurrentHashMap<>();

    TerminalPasswordGuard(LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    /** From when the container's terminal may be tried again, if it is locked now. */
    Optional<Instant> lockedUntil(long containerId) {
        return throttle.check(recent(containerId), List.of(), clock.instant()).map(LoginThrottle.Refusal::retryAt);
    }

    void failed(long containerId) {
        failures.compute(containerId, (id, times) -> {
            List<Instant> kept = new ArrayList<>(times == null ? List.of() : times);
            kept.removeIf(t -> t.isBefore(throttle.windowStart(clock.instant())));
            kept.add(clock.instant());
            return kept;
        });
    }

    private List<Instant> recent(long containerId) {
        return List.copyOf(failures.getOrDefault(containerId, List.of()));
    }
}
