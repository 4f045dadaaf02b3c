package io.gantry.billing;

import static io.gantry.db.Tables.COST_HOUR;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.stereotype.Repository;

/**
 * The hourly spending summary cost analysis reads: what was charged per UTC hour, project, user, spec and service
 * type. It moves with every charge appended to the ledger, in the same transaction, by exactly the amount inserted.
 */
@Repository
class CostHourRepository {

    private final DSLContext db;

    CostHourRepository(DSLContext db) {
        this.db = db;
    }

    /** The summary key a charge line counts under: missing spec and user as 0, a missing service type as "". */
    record Key(Instant hour, long projectId, long userId, long specId, String serviceType) {

        static Key of(Instant at, long projectId, Long userId, Long specId, String serviceType) {
            return new Key(at.truncatedTo(ChronoUnit.HOURS), projectId, userId == null ? 0 : userId,
                    specId == null ? 0 : specId, serviceType == null ? "" : serviceType);
        }
    }

    /** Adds these charges (ledger amounts, negative) to the summary: one upsert per key. */
    void add(Map<Key, BigDecimal> charges) {
        List<Query> upserts = charges.entrySet().stream()
                .filter(e -> e.getValue().signum() != 0)
                .<Query>map(e -> {
                    Key k = e.getKey();
                    return db.insertInto(COST_HOUR).set(COST_HOUR.HOUR_START, k.hour())
                            .set(COST_HOUR.PROJECT_ID, k.projectId()).set(COST_HOUR.USER_ID, k.userId())
                            .set(COST_HOUR.SPEC_ID, k.specId()).set(COST_HOUR.SERVICE_TYPE, k.serviceType())
                            .set(COST_HOUR.AMOUNT, e.getValue().negate())
                            .onConflict(COST_HOUR.HOUR_START, COST_HOUR.PROJECT_ID, COST_HOUR.USER_ID, COST_HOUR.SPEC_ID,
                                    COST_HOUR.SERVICE_TYPE)
                            .doUpdate().set(COST_HOUR.AMOUNT, COST_HOUR.AMOUNT.plus(e.getValue().negate()));
                })
                .toList();
        if (upserts.size() == 1) {
            upserts.getFirst().execute();
        } else if (!upserts.isEmpty()) {
            db.batch(upserts).execute();
        }
    }

    /** Adds one charge line's amount (negative) to the summary. */
    void add(Key key, BigDecimal amount) {
        Map<Key, BigDecimal> one = new LinkedHashMap<>();
        one.put(key, amount);
        add(one);
    }
}
