package io.gantry.identity;

import io.gantry.audit.OperationLog;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs users in with username and password, refusing attempts while the account or the source address is
 * throttled, and writing every login and failed login to the operation log.
 */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

    /** Stands in the operation log for a typed name that is no account. */
    static final String UNKNOWN_ACCOUNT = "-";

    private final UserRepository users;
    private final SignedInUsers signedInUsers;
    private final LoginAttempts attempts;
    private final PasswordEncoder passwordEncoder;
    private final OperationLog operationLog;
    // Checked against when the username is unknown, so that an unknown and a known name take the same time.
    private final String unknownUserHash;

    AccountAuthenticationProvider(UserRepository users, SignedInUsers signedInUsers, LoginAttempts attempts,
                                  PasswordEncoder passwordEncoder, OperationLog operationLog) {
        this.users = users;
        this.signedInUsers = signedInUsers;
        this.attempts = attempts;
        this.passwordEncoder = passwordEncoder;
        this.operationLog = operationLog;
        this.unknownUserHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : OperationLog.currentAddress();

        var user = users.byUsername(username);
        // A name that is no account may be a password typed into the wrong field: it never enters the log.
        String logged = user.isPresent() ? username : UNKNOWN_ACCOUNT;
        var refusal = attempts.check(username, address);
        if (refusal.isPresent()) {
            operationLog.recordAs(logged, address, "auth.login-throttled", "user:" + logged,
                    "login.throttled." + refusal.get().reason().name().toLowerCase(), refusal.get().retryAt());
            throw new LoginThrottledException(refusal.get().reason(), refusal.get().retryAt());
        }
        String hash = user.map(u -> u.getPasswordHash()).orElse(unknownUserHash);
        if (!passwordEncoder.matches(password, hash) || user.isEmpty()) {
            attempts.failed(username, address);
            operationLog.recordAs(logged, address, "auth.login-failed", "user:" + logged,
                    user.isPresent() ? null : "oplog.details.unknown-account");
            throw new BadCredentialsException("Bad credentials");
        }
        attempts.succeeded(username);
        SignedInUser principal = signedInUsers.of(user.get());
        operationLog.recordAs(username, address, "auth.login", "user:" + username, null);
        var result = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
