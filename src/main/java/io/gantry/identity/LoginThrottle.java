package io.gantry.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a login attempt may proceed, from the recent failures of the account and of the source address.
 * An account is locked after {@code accountLimit} failures within the window, an address after {@code addressLimit};
 * the lock lifts when the oldest counted failure leaves the window.
 */
public record LoginThrottle(int accountLimit, int addressLimit, Duration window) {

    public static final LoginThrottle DEFAULT = new LoginThrottle(5, 20, Duration.ofMinutes(15));

    /** Why a login is refused, and from when it may be tried again. */
    public record Refusal(Reason reason, Instant retryAt) {
    }

    public enum Reason { ACCOUNT, ADDRESS }

    /**
     * @param accountFailures the times of the account's failures, any order
     * @param addressFailures the times of the source address's failures, any order
     */
    public Optional<Refusal> check(List<Instant> accountFailures, List<Instant> addressFailures, Instant now) {
        Optional<Instant> account = lockedUntil(accountFailures, accountLimit, now);
        if (account.isPresent()) {
            return Optional.of(new Refusal(Reason.ACCOUNT, account.get()));
        }
        return lockedUntil(addressFailures, addressLimit, now).map(until -> new Refusal(Reason.ADDRESS, until));
    }

    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    private Optional<Instant> lockedUntil(List<Instant> failures, int limit, Instant now) {
        List<Instant> recent = failures.stream()
                .filter(at -> at.isAfter(now.minus(window)) && !at.isAfter(now))
                .sorted()
                .toList();
        if (recent.size() < limit) {
            return Optional.empty();
        }
        // The lock holds until enough failures have aged out that fewer than `limit` remain.
        Instant oldestThatMustExpire = recent.get(recent.size() - limit);
        return Optional.of(oldestThatMustExpire.plus(window));
    }
}
