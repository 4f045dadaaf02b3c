package io.gantry.identity;

import static io.gantry.db.Tables.LOGIN_FAILURE;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Remembers failed logins in the database, so that throttling holds across app replicas and restarts. */
@Component
class LoginAttempts {

    private final DSLContext db;
    private final LoginThrottle throttle;
    private final Clock clock;

    LoginAttempts(DSLContext db, LoginThrottle throttle, Clock clock) {
        this.db = db;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<LoginThrottle.Refusal> check(String username, String sourceIp) {
        Instant now = clock.instant();
        Instant since = throttle.windowStart(now);
        List<Instant> account = db.select(LOGIN_FAILURE.AT).from(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.USERNAME.eq(username).and(LOGIN_FAILURE.AT.gt(since)))
                .fetch(r -> r.value1());
        List<Instant> address = db.select(LOGIN_FAILURE.AT).from(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.SOURCE_IP.eq(sourceIp).and(LOGIN_FAILURE.AT.gt(since)))
                .fetch(r -> r.value1());
        return throttle.check(account, address, now);
    }

    /** Recorded even when the login's own transaction fails. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void failed(String username, String sourceIp) {
        Instant now = clock.instant();
        db.insertInto(LOGIN_FAILURE)
                .set(LOGIN_FAILURE.USERNAME, username)
                .set(LOGIN_FAILURE.SOURCE_IP, sourceIp)
                .set(LOGIN_FAILURE.AT, now)
                .execute();
        // Failures older than the window count for nothing; keep the table small.
        db.deleteFrom(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.AT.lt(throttle.windowStart(now)))
                .execute();
    }

    /** A successful login forgives the account's earlier failures (not the address's). */
    @Transactional
    void succeeded(String username) {
        db.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.USERNAME.eq(username)).execute();
    }
}
