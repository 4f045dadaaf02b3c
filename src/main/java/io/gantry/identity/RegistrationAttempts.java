package io.gantry.identity;

import static io.gantry.db.Tables.REGISTRATION_ATTEMPT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts registrations per source address in the database (across replicas and restarts), with the sign-in
 * throttle's rule: every attempt counts, whether it created an account or was refused, since a refusal ("name
 * taken") tells as much as a success about which names exist.
 */
@Component
class RegistrationAttempts {

    private final DSLContext db;
    private final LoginThrottle throttle;
    private final Clock clock;

    RegistrationAttempts(DSLContext db, Clock clock,
                         @Value("${gantry.registration-throttle.address-limit:10}") int addressLimit,
                         @Value("${gantry.registration-throttle.window:1h}") Duration window) {
        this.db = db;
        // Only the address part of the sign-in rule applies: there is no account yet.
        this.throttle = new LoginThrottle(Integer.MAX_VALUE, addressLimit, window);
        this.clock = clock;
    }

    /** Refuses while the address has used up its registrations; otherwise counts this one, even if it fails later. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<Instant> refuseOrCount(String sourceIp) {
        Instant now = clock.instant();
        Instant since = throttle.windowStart(now);
        List<Instant> recent = db.select(REGISTRATION_ATTEMPT.AT).from(REGISTRATION_ATTEMPT)
                .where(REGISTRATION_ATTEMPT.SOURCE_IP.eq(sourceIp).and(REGISTRATION_ATTEMPT.AT.gt(since)))
                .fetch(r -> r.value1());
        var refusal = throttle.check(List.of(), recent, now);
        if (refusal.isPresent()) {
            return Optional.of(refusal.get().retryAt());
        }
        db.insertInto(REGISTRATION_ATTEMPT)
                .set(REGISTRATION_ATTEMPT.SOURCE_IP, sourceIp)
                .set(REGISTRATION_ATTEMPT.AT, now)
                .execute();
        db.deleteFrom(REGISTRATION_ATTEMPT).where(REGISTRATION_ATTEMPT.AT.lt(since)).execute();
        return Optional.empty();
    }
}
