package io.gantry.billing;

import static io.gantry.db.Tables.PURCHASE_ORDER;

import io.gantry.billing.money.UnitPrices;
import io.gantry.db.tables.records.PurchaseOrderRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private final DSLContext db;

    OrderRepository(DSLContext db) {
        this.db = db;
    }

    long insert(PurchaseOrderRecord draft) {
        return db.insertInto(PURCHASE_ORDER).set(draft).returning(PURCHASE_ORDER.ID).fetchOne().getId();
    }

    Optional<Order> find(long id) {
        return db.selectFrom(PURCHASE_ORDER).where(PURCHASE_ORDER.ID.eq(id)).fetchOptional(OrderRepository::toOrder);
    }

    Optional<Order> byWorkload(long workloadId) {
        return db.selectFrom(PURCHASE_ORDER).where(PURCHASE_ORDER.WORKLOAD_ID.eq(workloadId))
                .fetchOptional(OrderRepository::toOrder);
    }

    List<Order> byWorkloads(Collection<Long> workloadIds) {
        return db.selectFrom(PURCHASE_ORDER).where(PURCHASE_ORDER.WORKLOAD_ID.in(workloadIds))
                .fetch(OrderRepository::toOrder);
    }

    /** A page of orders, newest first. */
    List<Order> page(Condition condition, int offset, int limit) {
        return db.selectFrom(PURCHASE_ORDER).where(condition)
                .orderBy(PURCHASE_ORDER.ORDERED_AT.desc(), PURCHASE_ORDER.ID.desc())
                .offset(offset).limit(limit).fetch(OrderRepository::toOrder);
    }

    int count(Condition condition) {
        return db.fetchCount(PURCHASE_ORDER, condition);
    }

    /**
     * Orders that needed a decision, in projects among these (null: every project), as the filter narrows them;
     * requesters named by their ids (null: anyone), since the accounts' names are another module's.
     */
    static Condition decisions(Collection<Long> projectIds, OrderFilter filter, Collection<Long> requesterIds) {
        Condition condition = PURCHASE_ORDER.APPROVAL.ne(Approval.NOT_REQUIRED.name());
        if (projectIds != null) {
            condition = condition.and(PURCHASE_ORDER.PROJECT_ID.in(projectIds));
        }
        if (filter.state() != null) {
            condition = condition.and(PURCHASE_ORDER.APPROVAL.eq(filter.state().name()));
        }
        if (requesterIds != null) {
            condition = condition.and(PURCHASE_ORDER.USER_ID.in(requesterIds));
        }
        return condition.and(orderedWithin(filter.from(), filter.to()));
    }

    /** A user's own orders ordered in [from, to). */
    static Condition ownedBy(long userId, Instant from, Instant to) {
        return PURCHASE_ORDER.USER_ID.eq(userId).and(orderedWithin(from, to));
    }

    private static Condition orderedWithin(Instant from, Instant to) {
        Condition condition = DSL.noCondition();
        if (from != null) {
            condition = condition.and(PURCHASE_ORDER.ORDERED_AT.ge(from));
        }
        if (to != null) {
            condition = condition.and(PURCHASE_ORDER.ORDERED_AT.lt(to));
        }
        return condition;
    }

    /** Records a decision only if the order still waits for one: of two managers deciding at once, one wins. */
    boolean decide(long id, Approval decision, long deciderId, String message, Instant at) {
        return db.update(PURCHASE_ORDER).set(PURCHASE_ORDER.APPROVAL, decision.name())
                .set(PURCHASE_ORDER.DECIDED_BY, deciderId).set(PURCHASE_ORDER.DECIDED_AT, at)
                .set(PURCHASE_ORDER.DECISION_MESSAGE, message)
                .where(PURCHASE_ORDER.ID.eq(id)).and(PURCHASE_ORDER.APPROVAL.eq(Approval.PENDING.name()))
                .execute() == 1;
    }

    static Order toOrder(PurchaseOrderRecord r) {
        return new Order(r.getId(), r.getWorkloadId(), r.getProjectId(), r.getUserId(),
                ServiceType.valueOf(r.getServiceType()), r.getName(), r.getSpecId(), r.getSpecName(), r.getDevices(),
                r.getCpuCores(), r.getMemoryMib(), r.getStartAt(), r.getEndAt(), r.getRunHours(),
                Currency.getInstance(r.getCurrency()),
                new UnitPrices(r.getPriceDeviceHour(), r.getPriceCoreHour(), r.getPriceGibHour()), r.getOrderedAt(),
                Approval.valueOf(r.getApproval()), r.getDecidedBy(), r.getDecidedAt(), r.getDecisionMessage());
    }
}
