package io.gantry.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Counts the SQL statements jOOQ executes and the transactions Spring's transaction manager begins, commits and
 * rolls back, across all threads, so that a measurement can take the difference of two {@link #snapshot()}s. Work
 * a measurement does only to watch (polling a state, say) is left out with {@link #ignoring}. Register it with
 * {@link CountingConfiguration}.
 */
public final class StatementCounter implements ExecuteListener, TransactionExecutionListener {

    private final LongAdder statements = new LongAdder();
    private final LongAdder begun = new LongAdder();
    private final LongAdder readOnly = new LongAdder();
    private final LongAdder committed = new LongAdder();
    private final LongAdder rolledBack = new LongAdder();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byTransaction = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> ignored = ThreadLocal.withInitial(() -> false);

    @Override
    public void executeStart(ExecuteContext context) {
        if (ignored.get()) {
            return;
        }
        statements.increment();
        byKind.computeIfAbsent(kind(context), k -> new LongAdder()).increment();
    }

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        if (beginFailure == null && !ignored.get()) {
            begun.increment();
            if (transaction.isReadOnly()) {
                readOnly.increment();
            }
            String name = transaction.getTransactionName().isEmpty() ? "(unnamed)" : transaction.getTransactionName();
            byTransaction.computeIfAbsent((transaction.isReadOnly() ? "read-only " : "") + name,
                    k -> new LongAdder()).increment();
        }
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        if (!ignored.get()) {
            committed.increment();
        }
    }

    @Override
    public void afterRollback(TransactionExecution transaction, Throwable rollbackFailure) {
        if (!ignored.get()) {
            rolledBack.increment();
        }
    }

    /** Runs {@code work} on this thread without counting what it executes. */
    public <T> T ignoring(Supplier<T> work) {
        boolean before = ignored.get();
        ignored.set(true);
        try {
            return work.get();
        } finally {
            ignored.set(before);
        }
    }

    public Counts snapshot() {
        Map<String, Long> kinds = new TreeMap<>();
        byKind.forEach((kind, count) -> kinds.put(kind, count.sum()));
        Map<String, Long> names = new TreeMap<>();
        byTransaction.forEach((name, count) -> names.put(name, count.sum()));
        return new Counts(statements.sum(), begun.sum(), readOnly.sum(), committed.sum(), rolledBack.sum(), kinds,
                names);
    }

    private static String kind(ExecuteContext context) {
        String sql = context.sql();
        if (sql == null && context.batchSQL().length > 0) {
            sql = context.batchSQL()[0];
        }
        if (sql == null || sql.isBlank()) {
            return "other";
        }
        String first = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "select", "with" -> "select";
            case "insert", "update", "delete", "merge" -> first;
            default -> "other";
        };
    }

    /** What was counted; {@link #minus} gives what happened between two snapshots. */
    public record Counts(long statements, long transactions, long readOnly, long commits, long rollbacks,
                         Map<String, Long> byKind, Map<String, Long> byTransaction) {

        public Counts minus(Counts earlier) {
            Map<String, Long> kinds = new TreeMap<>(byKind);
            earlier.byKind.forEach((kind, count) -> kinds.merge(kind, -count, Long::sum));
            kinds.values().removeIf(count -> count == 0);
            Map<String, Long> names = new TreeMap<>(byTransaction);
            earlier.byTransaction.forEach((name, count) -> names.merge(name, -count, Long::sum));
            names.values().removeIf(count -> count == 0);
            return new Counts(statements - earlier.statements, transactions - earlier.transactions,
                    readOnly - earlier.readOnly, commits - earlier.commits, rollbacks - earlier.rollbacks, kinds,
                    names);
        }

        @Override
        public String toString() {
            return statements + " statements " + byKind + ", " + transactions + " transactions (" + readOnly
                    + " read-only; " + commits + " committed, " + rollbacks + " rolled back)";
        }
    }
}
