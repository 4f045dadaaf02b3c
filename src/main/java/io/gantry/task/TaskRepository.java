package io.gantry.task;

import static io.gantry.db.Tables.APP_USER;
import static io.gantry.db.Tables.TASK;
import static io.gantry.db.Tables.TASK_LOG;
import static io.gantry.db.Tables.TASK_TEMPLATE;
import static io.gantry.db.Tables.WORKLOAD;

import io.gantry.db.tables.records.TaskRecord;
import io.gantry.db.tables.records.TaskTemplateRecord;
import io.gantry.workload.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks: the task table holds what only a task has (its command, its log, where it came from); the rest of each task
 * is its workload, read through the workload module's door. Templates are this module's own.
 */
@Repository
class TaskRepository {

    static final String KIND = "task";
    /** Arguments of a log line, kept in one column; a separator no argument of the platform's contains. */
    private static final String SEPARATOR = "\u001f";

    static String logTarget(long taskId) {
        return KIND + ":" + taskId;
    }

    private final DSLContext db;

    TaskRepository(DSLContext db) {
        this.db = db;
    }

    long insert(TaskRecord draft) {
        TaskRecord r = db.newRecord(TASK, draft);
        r.changed(TASK.ID, false);
        r.store();
        return r.getId();
    }

    Optional<TaskRecord> record(long id) {
        return db.selectFrom(TASK).where(TASK.ID.eq(id)).fetchOptional();
    }

    Optional<TaskRecord> byWorkload(long workloadId) {
        return db.selectFrom(TASK).where(TASK.WORKLOAD_ID.eq(workloadId)).fetchOptional();
    }

    List<TaskRecord> byWorkloads(Collection<Long> workloadIds) {
        return workloadIds.isEmpty() ? List.of() : db.selectFrom(TASK).where(TASK.WORKLOAD_ID.in(workloadIds))
                .fetch();
    }

    /** The project's tasks (not deleted) the filter keeps: their workload ids, newest first. */
    List<Long> page(long projectId, TaskFilter filter, Long ownerId, Collection<Long> frameworkImageIds, int offset,
                    int limit) {
        return db.select(WORKLOAD.ID).from(TASK).join(WORKLOAD).on(WORKLOAD.ID.eq(TASK.WORKLOAD_ID))
                .join(APP_USER).on(APP_USER.ID.eq(WORKLOAD.USER_ID))
                .where(condition(projectId, filter, ownerId, frameworkImageIds))
                .orderBy(WORKLOAD.CREATED_AT.desc(), WORKLOAD.ID.desc()).offset(offset).limit(limit)
                .fetch(WORKLOAD.ID);
    }

    int count(long projectId, TaskFilter filter, Long ownerId, Collection<Long> frameworkImageIds) {
        return db.fetchCount(db.select(WORKLOAD.ID).from(TASK).join(WORKLOAD).on(WORKLOAD.ID.eq(TASK.WORKLOAD_ID))
                .join(APP_USER).on(APP_USER.ID.eq(WORKLOAD.USER_ID))
                .where(condition(projectId, filter, ownerId, frameworkImageIds)));
    }

    /**
     * @param frameworkImageIds the images whose framework matches the search (searched by the caller, who knows
     *                          each image's framework)
     */
    private static Condition condition(long projectId, TaskFilter filter, Long ownerId,
                                       Collection<Long> frameworkImageIds) {
        List<Condition> all = new ArrayList<>();
        all.add(WORKLOAD.PROJECT_ID.eq(projectId));
        all.add(WORKLOAD.KIND.eq(KIND));
        all.add(WORKLOAD.STATE.ne(Phase.DELETED.name()));
        if (ownerId != null) {
            all.add(WORKLOAD.USER_ID.eq(ownerId));
        }
        if (!filter.phases().isEmpty()) {
            all.add(WORKLOAD.STATE.in(filter.phases().stream().map(Enum::name).toList()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String like = "%" + filter.search().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            Condition search = DSL.lower(WORKLOAD.NAME).like(like, '\\')
                    .or(DSL.lower(APP_USER.USERNAME).like(like, '\\'))
                    .or(DSL.lower(WORKLOAD.IMAGE_REFERENCE).like(like, '\\'));
            if (!frameworkImageIds.isEmpty()) {
                search = search.or(WORKLOAD.IMAGE_ID.in(frameworkImageIds));
            }
            all.add(search);
        }
        return DSL.and(all);
    }

    /** The names of the project's tasks (not deleted), to number a new one after a template. */
    List<String> namesStartingWith(long projectId, String prefix) {
        return db.select(WORKLOAD.NAME).from(WORKLOAD).where(WORKLOAD.PROJECT_ID.eq(projectId),
                WORKLOAD.KIND.eq(KIND), WORKLOAD.STATE.ne(Phase.DELETED.name()),
                WORKLOAD.NAME.startsWith(prefix)).fetch(WORKLOAD.NAME);
    }

    // --- the log ---

    @Transactional
    void log(long taskId, Instant at, LogPhase phase, String text, String key, List<String> arguments) {
        db.insertInto(TASK_LOG, TASK_LOG.TASK_ID, TASK_LOG.AT, TASK_LOG.PHASE, TASK_LOG.TEXT, TASK_LOG.MESSAGE_KEY,
                        TASK_LOG.ARGUMENTS)
                .values(taskId, at, phase.name(), text, key,
                        arguments == null || arguments.isEmpty() ? null : String.join(SEPARATOR, arguments))
                .execute();
    }

    /** Output lines, in one go. */
    @Transactional
    void output(long taskId, Instant at, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        var insert = db.insertInto(TASK_LOG, TASK_LOG.TASK_ID, TASK_LOG.AT, TASK_LOG.PHASE, TASK_LOG.TEXT);
        for (String line : lines) {
            insert = insert.values(taskId, at, LogPhase.RUNNING.name(), line);
        }
        insert.execute();
    }

    boolean logged(long taskId, String key) {
        return db.fetchExists(TASK_LOG, TASK_LOG.TASK_ID.eq(taskId), TASK_LOG.MESSAGE_KEY.eq(key));
    }

    List<TaskLogLine> log(long taskId) {
        return db.selectFrom(TASK_LOG).where(TASK_LOG.TASK_ID.eq(taskId)).orderBy(TASK_LOG.ID)
                .fetch(r -> new TaskLogLine(r.getAt(), LogPhase.valueOf(r.getPhase()), r.getText(),
                        r.getMessageKey(), r.getArguments() == null ? List.of()
                        : Arrays.asList(r.getArguments().split(SEPARATOR, -1))));
    }

    // --- templates ---

    long insertTemplate(TaskTemplateRecord draft) {
        TaskTemplateRecord r = db.newRecord(TASK_TEMPLATE, draft);
        r.changed(TASK_TEMPLATE.ID, false);
        r.store();
        return r.getId();
    }

    void updateTemplate(TaskTemplateRecord changed) {
        db.executeUpdate(changed);
    }

    Optional<TaskTemplateRecord> template(long id) {
        return db.selectFrom(TASK_TEMPLATE).where(TASK_TEMPLATE.ID.eq(id)).fetchOptional();
    }

    List<TaskTemplateRecord> templates(long projectId) {
        return db.selectFrom(TASK_TEMPLATE).where(TASK_TEMPLATE.PROJECT_ID.eq(projectId))
                .orderBy(TASK_TEMPLATE.NAME, TASK_TEMPLATE.ID).fetch();
    }

    boolean templateNameTaken(long projectId, String name, Long except) {
        Condition same = TASK_TEMPLATE.PROJECT_ID.eq(projectId)
                .and(DSL.lower(TASK_TEMPLATE.NAME).eq(name.strip().toLowerCase(java.util.Locale.ROOT)));
        return db.fetchExists(TASK_TEMPLATE, except == null ? same : same.and(TASK_TEMPLATE.ID.ne(except)));
    }

    void deleteTemplate(long id) {
        db.deleteFrom(TASK_TEMPLATE).where(TASK_TEMPLATE.ID.eq(id)).execute();
    }
}
