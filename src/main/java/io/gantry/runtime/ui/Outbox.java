package io.gantry.runtime.ui;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Text on its way from a shell to the browser. Small pieces are gathered into batches, so that a flood of output
 * costs a few pushes instead of one per read; a piece waits at most the linger time. When the browser falls behind,
 * the writer waits, and with it the shell, instead of the server's memory filling up.
 */
final class Outbox {

    private final Duration linger;
    private final int batchSize;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final StringBuilder pending = new StringBuilder();
    private boolean closed;

    Outbox(Duration linger, int batchSize, int capacity) {
        this.linger = linger;
        this.batchSize = batchSize;
        this.capacity = capacity;
    }

    /** Adds text; waits while a full capacity is already waiting. Text added after {@link #close()} is dropped. */
    void put(String text) throws InterruptedException {
        if (text.isEmpty()) {
            return;
        }
        lock.lockInterruptibly();
        try {
            while (pending.length() >= capacity && !closed) {
                changed.await();
            }
            if (!closed) {
                pending.append(text);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more text will come; {@link #take()} hands out what is left, then reports the end. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch: waits for text, then up to the linger time for more, unless a batch is full or the outbox is
     * closed. Null once the outbox is closed and empty.
     */
    String take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (pending.isEmpty() && !closed) {
                changed.await();
            }
            long remaining = linger.toNanos();
            while (pending.length() < batchSize && !closed && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            if (pending.isEmpty()) {
                return null;
            }
            String batch = pending.toString();
            pending.setLength(0);
            changed.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }
}
