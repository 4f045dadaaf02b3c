package io.gantry.shared;

import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Work the platform does on its own (a scheduled pass, a reconcile) runs as the user "system" with every permission,
 * so that it goes through the same services, checks and operation log as a person's work.
 */
@Component
public class SystemTask {

    public static final String SYSTEM = "system";

    private final SecurityContextHolderStrategy strategy;

    /** Uses the application's own security context strategy, the one its method security reads. */
    SystemTask(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.strategy = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public <T> T run(Supplier<T> work) {
        SecurityContext previous = strategy.getContext();
        SecurityContext system = strategy.createEmptyContext();
        system.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(SYSTEM, null,
                Arrays.stream(Permission.values()).map(p -> new SimpleGrantedAuthority(p.authority())).toList()));
        strategy.setContext(system);
        try {
            return work.get();
        } finally {
            strategy.setContext(previous);
        }
    }
}
