package io.gantry.broker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs scheduling passes: at once for the caller that waits for the outcome (the queue page, the periodic job), or
 * soon after a change another module made inside its own transaction is committed. The latter run on the broker's
 * own thread: the caller's thread may still hold its transaction's connection while its after-commit work runs, and a
 * pass there would take a second one, so that enough concurrent submits could exhaust the pool.
 */
@Component
class Passes implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Passes.class);
    private static final int ATTEMPTS = 10;

    private final SchedulingPassService pass;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("broker-pass").factory());
    /** A pass is asked for and has not begun yet: further changes are seen by that one. */
    private final AtomicBoolean pending = new AtomicBoolean();

    Passes(SchedulingPassService pass) {
        this.pass = pass;
    }

    /** A pass now; one that lost a race with another replica (a device or a request taken meanwhile) starts over. */
    Broker.Outcome run() {
        for (int attempt = 1; ; attempt++) {
            try {
                return pass.run();
            } catch (SchedulingPassService.ConcurrentPlacement | DataAccessException race) {
                if (attempt == ATTEMPTS) {
                    throw race;
                }
                log.debug("Scheduling pass {} lost a race, starting over: {}", attempt, race.getMessage());
                pause(attempt);
            }
        }
    }

    /** The queue changed in a transaction that has now committed (or in none): a pass follows on the broker's thread. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(QueueChanged change) {
        if (pending.compareAndSet(false, true)) {
            soon.execute(() -> {
                pending.set(false);
                try {
                    run();
                } catch (RuntimeException e) {
                    // The periodic pass places what this one could not.
                    log.warn("A scheduling pass after a change failed: {}", e.getMessage());
                }
            });
        }
    }

    /** Backs off a little, at random, so that racing replicas do not keep colliding. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        soon.shutdownNow();
    }

    /** Published inside the transaction that changed the queue. */
    record QueueChanged() {
    }
}
