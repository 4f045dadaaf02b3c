package io.gantry.identity;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for the account or the source address; carries when to try again. */
public final class LoginThrottledException extends AuthenticationException {

    private final LoginThrottle.Reason reason;
    private final Instant retryAt;

    LoginThrottledException(LoginThrottle.Reason reason, Instant retryAt) {
        super("Too many failed logins (" + reason + ")");
        this.reason = reason;
        this.retryAt = retryAt;
    }

    public LoginThrottle.Reason reason() {
        return reason;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
