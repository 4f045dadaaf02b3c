package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The platform's own work runs as the system on a thread of its own, and never for a caller holding a transaction. */
class SystemTaskTest {

    private final SystemTask system = new SystemTask(new StaticListableBeanFactory()
            .getBeanProvider(SecurityContextHolderStrategy.class));

    @AfterEach
    void leaveNoTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
        SecurityContextHolder.clearContext();
    }

    @Test
    void runs_as_the_system_on_another_thread_and_waits_for_it() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ran = new AtomicReference<>();

        boolean asSystem = system.run(() -> {
            ran.set(Thread.currentThread());
            return system.isCurrent();
        });

        assertThat(asSystem).isTrue();
        assertThat(ran.get()).isNotSameAs(caller);
        assertThat(system.isCurrent()).isFalse();
    }

    @Test
    void refuses_a_caller_that_holds_a_transaction() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> system.run(() -> ran.getAndSet(true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction");
        assertThat(ran).isFalse();
    }

    @Test
    void work_already_running_as_the_system_goes_on_inline_even_inside_a_transaction() {
        boolean nested = system.run(() -> {
            Thread outer = Thread.currentThread();
            TransactionSynchronizationManager.setActualTransactionActive(true);
            try {
                return system.run(() -> Thread.currentThread() == outer && system.isCurrent());
            } finally {
                TransactionSynchronizationManager.setActualTransactionActive(false);
            }
        });

        assertThat(nested).isTrue();
    }

    @Test
    void an_exception_of_the_work_reaches_the_caller_as_it_was_thrown() {
        assertThatThrownBy(() -> system.run(() -> {
            throw new NotFound("request");
        })).isInstanceOf(NotFound.class);
    }
}
