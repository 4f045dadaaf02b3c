package io.gantry.shared;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work the platform starts on its own (a Quartz job, the reconciler) runs as the user "system" with every permission,
 * so that it goes through the same services, checks and operation log as a person's work. Nothing a person's call
 * started may borrow it: such a call reaches other modules through their internal APIs, in its own transaction.
 */
@Component
public class SystemTask {

    public static final String SYSTEM = "system";

    private final SecurityContextHolderStrategy strategy;
    private final Executor threads = Executors.newVirtualThreadPerTaskExecutor();

    /** Uses the application's own security context strategy, the one its method security reads. */
    SystemTask(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.strategy = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /**
     * Runs the work as the platform, on a thread of its own: a UI request's thread carries the user's session, and
     * Vaadin's security context strategy prefers the session's context to any set on the thread. The caller waits;
     * the work does not join the caller's transaction.
     *
     * @throws IllegalStateException when the calling thread holds a transaction (and is not the system already): the
     *         caller would keep its connection while the work takes another, and concurrent callers starve the pool
     */
    public <T> T run(Supplier<T> work) {
        if (isCurrent()) {
            return work.get();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The platform's own work may not start inside a transaction: it would run"
                    + " on another thread while this one holds a connection. Call the other module's internal API"
                    + " in this transaction instead, or start the work after the transaction ends.");
        }
        try {
            return CompletableFuture.supplyAsync(() -> asSystem(work), threads).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Whether this thread is doing the platform's own work, inside {@link #run}. */
    public boolean isCurrent() {
        Authentication authentication = strategy.getContext().getAuthentication();
        return authentication != null && SYSTEM.equals(authentication.getPrincipal());
    }

    private <T> T asSystem(Supplier<T> work) {
        SecurityContext system = strategy.createEmptyContext();
        system.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(SYSTEM, null,
                Arrays.stream(Permission.values()).map(p -> new SimpleGrantedAuthority(p.authority())).toList()));
        strategy.setContext(system);
        try {
            return work.get();
        } finally {
            strategy.clearContext();
        }
    }
}
