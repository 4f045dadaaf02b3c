package io.gantry.broker;

import io.gantry.broker.internal.Broker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs scheduling passes: at once for the caller that waits for the outcome (the queue page, the periodic job), or
 * soon after a change to the queue is committed. The latter are coalesced: a change asks for a pass, and one pass on
 * the broker's own thread serves every change asked for before it began, so that a burst of submits costs one or two
 * passes, not one each, and a submit returns as soon as its request is stored. They run on the broker's thread, not
 * the caller's: the caller's thread may still hold its transaction's connection while its after-commit work runs,
 * and a pass there would take a second one, so that enough concurrent submits could exhaust the pool.
 */
@Component
class Passes implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Passes.class);

    private final SchedulingPassService pass;
    /**
     * Passes are serialized across replicas by a database lock, so a race (a device or a request another replica's
     * pass took meanwhile, a deadlock the database broke) is rare; the pass starts over on fresh data.
     */
    private final RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
            .includes(SchedulingPassService.ConcurrentPlacement.class, DataAccessException.class)
            .maxRetries(9).delay(Duration.ofMillis(10)).jitter(Duration.ofMillis(5)).multiplier(2)
            .maxDelay(Duration.ofMillis(200)).build());
    private final ExecutorService soon = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("broker-pass").factory());
    private final Object monitor = new Object();
    /** Passes asked for so far; guarded by {@link #monitor}, as are the two below. */
    private long asked;
    /** Of those, how many a finished pass has served (it began after they were asked for). */
    private long served;
    private boolean draining;

    Passes(SchedulingPassService pass) {
        this.pass = pass;
    }

    /**
     * A pass now; one that lost a race with another replica starts over. One that stopped before the queue settled
     * (it says so) asks for the next at once, rather than leaving the rest to the periodic pass.
     */
    Broker.Outcome run() {
        try {
            Broker.Outcome outcome = retry.execute(pass::run);
            if (!outcome.settled()) {
                request();
            }
            return outcome;
        } catch (RetryException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("Scheduling pass failed", e);
        }
    }

    /** The queue changed in a transaction that has now committed (or in none): a pass follows on the broker's thread. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(QueueChanged change) {
        request();
    }

    /** Asks for a pass soon, on the broker's thread; asks that arrive before it begins share it. */
    void request() {
        boolean start;
        synchronized (monitor) {
            asked++;
            start = !draining;
            draining = true;
        }
        if (start) {
            soon.execute(this::drain);
        }
    }

    /** Runs passes until one has begun after the last ask. */
    private void drain() {
        while (true) {
            long serving;
            synchronized (monitor) {
                if (served == asked) {
                    draining = false;
                    return;
                }
                serving = asked;
            }
            try {
                run();
            } catch (RuntimeException e) {
                // The periodic pass places what this one could not.
                log.warn("A scheduling pass after a change failed: {}", e.getMessage());
            }
            synchronized (monitor) {
                served = serving;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Waits until every pass asked for so far has run (for tests, and for callers that want a change's outcome);
     * false when that took longer than {@code timeout}.
     */
    boolean awaitAsked(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            long target = asked;
            while (served < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return true;
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
