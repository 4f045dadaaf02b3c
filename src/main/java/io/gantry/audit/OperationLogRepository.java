package io.gantry.audit;

import static io.gantry.db.Tables.OPERATION_LOG;

import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class OperationLogRepository {

    /** What the operation log may be sorted by. */
    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("time", OPERATION_LOG.AT)
            .add("user", OPERATION_LOG.USERNAME)
            .add("ip", OPERATION_LOG.SOURCE_IP)
            .add("action", OPERATION_LOG.ACTION)
            .add("target", OPERATION_LOG.TARGET)
            .build();

    private final DSLContext db;

    OperationLogRepository(DSLContext db) {
        this.db = db;
    }

    void append(Instant at, String username, String sourceIp, String action, String target, String messageKey,
                String arguments) {
        db.insertInto(OPERATION_LOG)
                .set(OPERATION_LOG.AT, at)
                .set(OPERATION_LOG.USERNAME, username)
                .set(OPERATION_LOG.SOURCE_IP, sourceIp)
                .set(OPERATION_LOG.ACTION, action)
                .set(OPERATION_LOG.TARGET, target)
                .set(OPERATION_LOG.MESSAGE_KEY, messageKey)
                .set(OPERATION_LOG.ARGUMENTS, arguments)
                .execute();
    }

    /** A page of the matching lines in the asked order, then newest first. */
    List<OperationLogEntry> find(OperationLogQuery query, String onlyUser, List<ListSort> sort, int offset,
                                 int limit) {
        return db.selectFrom(OPERATION_LOG)
                .where(matching(query, onlyUser))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, OPERATION_LOG.AT.desc(), OPERATION_LOG.ID.desc()))
                .offset(offset)
                .limit(limit)
                .fetch(r -> new OperationLogEntry(r.getId(), r.getAt(), r.getUsername(), r.getSourceIp(),
                        r.getAction(), r.getTarget(), r.getDetails(), r.getMessageKey(),
                        OperationLogArguments.read(r.getArguments())));
    }

    int count(OperationLogQuery query, String onlyUser) {
        return db.fetchCount(OPERATION_LOG, matching(query, onlyUser));
    }

    private static Condition matching(OperationLogQuery query, String onlyUser) {
        Condition condition = DSL.noCondition();
        if (onlyUser != null) {
            condition = condition.and(OPERATION_LOG.USERNAME.eq(onlyUser));
        }
        if (query.from() != null) {
            condition = condition.and(OPERATION_LOG.AT.ge(query.from()));
        }
        if (query.to() != null) {
            condition = condition.and(OPERATION_LOG.AT.lt(query.to()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            String word = query.text().strip();
            condition = condition.and(OPERATION_LOG.USERNAME.containsIgnoreCase(word)
                    .or(OPERATION_LOG.ACTION.containsIgnoreCase(word))
                    .or(OPERATION_LOG.TARGET.containsIgnoreCase(word))
                    .or(OPERATION_LOG.DETAILS.containsIgnoreCase(word))
                    .or(OPERATION_LOG.ARGUMENTS.containsIgnoreCase(word))
                    .or(OPERATION_LOG.SOURCE_IP.containsIgnoreCase(word)));
        }
        return condition;
    }
}
