package io.gantry.workload;

import static io.gantry.db.Tables.WORKLOAD;

import io.gantry.shared.ListSort;
import io.gantry.shared.SortableColumns;
import io.gantry.shared.schema.SqlSort;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

/** The platform's job list: workloads of every kind and project, filtered and paged in the database. */
@Repository
class JobRepository {

    static final SortableColumns<Field<?>> SORTABLE = SortableColumns.<Field<?>>builder()
            .add("name", WORKLOAD.NAME)
            .add("kind", WORKLOAD.KIND)
            .add("state", WORKLOAD.STATE)
            .add("image", WORKLOAD.IMAGE_REFERENCE)
            .add("devices", WORKLOAD.DEVICES)
            .add("created", WORKLOAD.CREATED_AT)
            .build();

    private final DSLContext db;

    JobRepository(DSLContext db) {
        this.db = db;
    }

    /** A page of the workloads the filter keeps, deleted ones never, in the asked order, then newest first. */
    List<Workload> page(JobFilter filter, List<ListSort> sort, int offset, int limit) {
        return db.selectFrom(WORKLOAD).where(condition(filter))
                .orderBy(SqlSort.orderBy(SORTABLE, sort, WORKLOAD.CREATED_AT.desc(), WORKLOAD.ID.desc()))
                .offset(offset).limit(limit).fetch(WorkloadRepository::toWorkload);
    }

    int count(JobFilter filter) {
        return db.fetchCount(WORKLOAD, condition(filter));
    }

    /** The kinds of work there are, for the filter. */
    List<String> kinds() {
        return db.selectDistinct(WORKLOAD.KIND).from(WORKLOAD).orderBy(WORKLOAD.KIND).fetch(WORKLOAD.KIND);
    }

    static Condition condition(JobFilter filter) {
        Condition condition = WORKLOAD.STATE.ne(Phase.DELETED.name());
        if (filter.kind() != null) {
            condition = condition.and(WORKLOAD.KIND.eq(filter.kind()));
        }
        if (filter.phase() != null) {
            condition = condition.and(WORKLOAD.STATE.eq(filter.phase().name()));
        }
        if (filter.projectId() != null) {
            condition = condition.and(WORKLOAD.PROJECT_ID.eq(filter.projectId()));
        }
        if (filter.keyword() != null && !filter.keyword().isBlank()) {
            String keyword = filter.keyword().strip();
            condition = condition.and(WORKLOAD.NAME.containsIgnoreCase(keyword)
                    .or(WORKLOAD.IMAGE_REFERENCE.containsIgnoreCase(keyword)));
        }
        return condition;
    }

}
