package io.gantry.schedule;

import static io.gantry.db.Tables.SCHEDULE;
import static io.gantry.db.Tables.SCHEDULE_RUN;
import static io.gantry.db.Tables.SCHEDULE_SKIP;
import static io.gantry.db.Tables.SCHEDULE_TEMPLATE;

import io.gantry.db.tables.records.ScheduleRecord;
import io.gantry.schedule.cron.Trigger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedules' rows: the schedule with its trigger as the editor's model (so that the editor reopens it as it was
 * made) and the cron it writes, its templates, the fires users skipped ahead, and the runs. Joins the caller's
 * transaction; the service and the firing decide who may do what.
 */
@Component
class ScheduleRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DSLContext db;

    ScheduleRepository(DSLContext db) {
        this.db = db;
    }

    /** One template a schedule runs: its name as it was when added, kept for when the template is deleted. */
    record TemplateEntry(long templateId, String name) {
    }

    Optional<ScheduleRecord> find(long id) {
        return db.selectFrom(SCHEDULE).where(SCHEDULE.ID.eq(id)).fetchOptional();
    }

    /** The schedule's row, locked until the transaction ends: one schedule fires on one replica at a time. */
    Optional<ScheduleRecord> lock(long id) {
        return db.selectFrom(SCHEDULE).where(SCHEDULE.ID.eq(id)).forUpdate().fetchOptional();
    }

    List<ScheduleRecord> inProject(long projectId) {
        return db.selectFrom(SCHEDULE).where(SCHEDULE.PROJECT_ID.eq(projectId)).orderBy(SCHEDULE.NAME, SCHEDULE.ID)
                .fetch();
    }

    /** The schedules that may have fires due at {@code now}: not paused, started, not looked at past their end. */
    List<Long> dueBy(Instant now) {
        Instant at = now;
        return db.select(SCHEDULE.ID).from(SCHEDULE)
                .where(SCHEDULE.PAUSED.isFalse(), SCHEDULE.START_AT.le(at), SCHEDULE.LOOKED_AT.lt(at),
                        SCHEDULE.END_AT.isNull().or(SCHEDULE.LOOKED_AT.lt(SCHEDULE.END_AT)))
                .orderBy(SCHEDULE.ID).fetch(SCHEDULE.ID);
    }

    boolean nameTaken(long projectId, String name, Long exceptId) {
        var condition = SCHEDULE.PROJECT_ID.eq(projectId).and(SCHEDULE.NAME.equalIgnoreCase(name));
        if (exceptId != null) {
            condition = condition.and(SCHEDULE.ID.ne(exceptId));
        }
        return db.fetchExists(SCHEDULE, condition);
    }

    long insert(long projectId, long ownerId, Fields fields, Instant now) {
        ScheduleRecord r = db.newRecord(SCHEDULE);
        r.setProjectId(projectId);
        r.setOwnerId(ownerId);
        fields.into(r);
        r.setPaused(false);
        r.setLookedAt(now);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.store();
        return r.getId();
    }

    void update(ScheduleRecord r, Fields fields, Instant now) {
        fields.into(r);
        r.setUpdatedAt(now);
        r.store();
    }

    /** Pauses, or resumes from now on: the fires due while it was paused are not caught up. */
    void setPaused(long id, boolean paused, Instant now) {
        var update = db.update(SCHEDULE).set(SCHEDULE.PAUSED, paused).set(SCHEDULE.UPDATED_AT, now);
        if (!paused) {
            update = update.set(SCHEDULE.LOOKED_AT, now);
        }
        update.where(SCHEDULE.ID.eq(id)).execute();
    }

    void lookedAt(long id, Instant at) {
        db.update(SCHEDULE).set(SCHEDULE.LOOKED_AT, at)
                .where(SCHEDULE.ID.eq(id), SCHEDULE.LOOKED_AT.lt(at)).execute();
    }

    void delete(long id) {
        db.deleteFrom(SCHEDULE).where(SCHEDULE.ID.eq(id)).execute();
    }

    Map<Long, List<TemplateEntry>> templates(java.util.Collection<Long> scheduleIds) {
        Map<Long, List<TemplateEntry>> all = new LinkedHashMap<>();
        scheduleIds.forEach(id -> all.put(id, new java.util.ArrayList<>()));
        db.selectFrom(SCHEDULE_TEMPLATE).where(SCHEDULE_TEMPLATE.SCHEDULE_ID.in(scheduleIds))
                .orderBy(SCHEDULE_TEMPLATE.ADDED_AT, SCHEDULE_TEMPLATE.TEMPLATE_ID)
                .forEach(t -> all.get(t.getScheduleId())
                        .add(new TemplateEntry(t.getTemplateId(), t.getTemplateName())));
        return all;
    }

    List<TemplateEntry> templates(long scheduleId) {
        return templates(List.of(scheduleId)).get(scheduleId);
    }

    /** Adds the template unless the schedule runs it already; false when it did. */
    boolean addTemplate(long scheduleId, TemplateEntry template, Instant now) {
        return db.insertInto(SCHEDULE_TEMPLATE).set(SCHEDULE_TEMPLATE.SCHEDULE_ID, scheduleId)
                .set(SCHEDULE_TEMPLATE.TEMPLATE_ID, template.templateId())
                .set(SCHEDULE_TEMPLATE.TEMPLATE_NAME, template.name()).set(SCHEDULE_TEMPLATE.ADDED_AT, now)
                .onConflictDoNothing().execute() == 1;
    }

    boolean removeTemplate(long scheduleId, long templateId) {
        return db.deleteFrom(SCHEDULE_TEMPLATE).where(SCHEDULE_TEMPLATE.SCHEDULE_ID.eq(scheduleId),
                SCHEDULE_TEMPLATE.TEMPLATE_ID.eq(templateId)).execute() == 1;
    }

    Set<Instant> skips(long scheduleId) {
        return db.select(SCHEDULE_SKIP.FIRE_AT).from(SCHEDULE_SKIP).where(SCHEDULE_SKIP.SCHEDULE_ID.eq(scheduleId))
                .fetch(r -> r.value1()).stream().collect(Collectors.toCollection(TreeSet::new));
    }

    boolean skip(long scheduleId, Instant fireAt, String by) {
        return db.insertInto(SCHEDULE_SKIP).set(SCHEDULE_SKIP.SCHEDULE_ID, scheduleId)
                .set(SCHEDULE_SKIP.FIRE_AT, fireAt).set(SCHEDULE_SKIP.SKIPPED_BY, by)
                .onConflictDoNothing().execute() == 1;
    }

    /** Forgets the skips of fires up to this one: they came (or, after a change of trigger, never will). */
    void forgetSkipsThrough(long scheduleId, Instant through) {
        db.deleteFrom(SCHEDULE_SKIP).where(SCHEDULE_SKIP.SCHEDULE_ID.eq(scheduleId),
                SCHEDULE_SKIP.FIRE_AT.le(through)).execute();
    }

    void forgetSkips(long scheduleId) {
        db.deleteFrom(SCHEDULE_SKIP).where(SCHEDULE_SKIP.SCHEDULE_ID.eq(scheduleId)).execute();
    }

    /**
     * Records a fire for one template unless it is recorded already (by another replica, or an earlier try): the
     * (schedule, template, fire time) key decides. The id of the new run, empty when it was there.
     */
    Optional<Long> claim(long scheduleId, TemplateEntry template, Instant fireAt, ScheduleRun.Outcome outcome,
                         String reason, List<String> arguments, Instant now) {
        int inserted = db.insertInto(SCHEDULE_RUN).set(SCHEDULE_RUN.SCHEDULE_ID, scheduleId)
                .set(SCHEDULE_RUN.TEMPLATE_ID, template.templateId())
                .set(SCHEDULE_RUN.TEMPLATE_NAME, template.name()).set(SCHEDULE_RUN.FIRE_AT, fireAt)
                .set(SCHEDULE_RUN.OUTCOME, outcome.name()).set(SCHEDULE_RUN.REASON, reason)
                .set(SCHEDULE_RUN.REASON_ARGUMENTS, json(arguments)).set(SCHEDULE_RUN.RECORDED_AT, now)
                .onConflictDoNothing().execute();
        if (inserted == 0) {
            return Optional.empty();
        }
        return Optional.of(db.select(SCHEDULE_RUN.ID).from(SCHEDULE_RUN)
                .where(SCHEDULE_RUN.SCHEDULE_ID.eq(scheduleId), SCHEDULE_RUN.TEMPLATE_ID.eq(template.templateId()),
                        SCHEDULE_RUN.FIRE_AT.eq(fireAt))
                .fetchSingle(SCHEDULE_RUN.ID));
    }

    void settle(long runId, ScheduleRun.Outcome outcome, Long taskId, String reason, List<String> arguments) {
        db.update(SCHEDULE_RUN).set(SCHEDULE_RUN.OUTCOME, outcome.name()).set(SCHEDULE_RUN.TASK_ID, taskId)
                .set(SCHEDULE_RUN.REASON, reason).set(SCHEDULE_RUN.REASON_ARGUMENTS, json(arguments))
                .where(SCHEDULE_RUN.ID.eq(runId)).execute();
    }

    /** The tasks of the schedule's latest fire that started any: what a single-line schedule waits for. */
    List<Long> latestTasks(long scheduleId) {
        var latest = db.select(org.jooq.impl.DSL.max(SCHEDULE_RUN.FIRE_AT)).from(SCHEDULE_RUN)
                .where(SCHEDULE_RUN.SCHEDULE_ID.eq(scheduleId), SCHEDULE_RUN.TASK_ID.isNotNull())
                .fetchOne(0, Instant.class);
        if (latest == null) {
            return List.of();
        }
        return db.select(SCHEDULE_RUN.TASK_ID).from(SCHEDULE_RUN)
                .where(SCHEDULE_RUN.SCHEDULE_ID.eq(scheduleId), SCHEDULE_RUN.FIRE_AT.eq(latest),
                        SCHEDULE_RUN.TASK_ID.isNotNull())
                .fetch(SCHEDULE_RUN.TASK_ID);
    }

    List<ScheduleRun> runs(long scheduleId, int offset, int limit) {
        return db.selectFrom(SCHEDULE_RUN).where(SCHEDULE_RUN.SCHEDULE_ID.eq(scheduleId))
                .orderBy(SCHEDULE_RUN.FIRE_AT.desc(), SCHEDULE_RUN.ID.desc()).offset(offset).limit(limit)
                .fetch(r -> new ScheduleRun(r.getId(), r.getScheduleId(), r.getTemplateId(), r.getTemplateName(),
                        r.getFireAt(), ScheduleRun.Outcome.valueOf(r.getOutcome()), r.getTaskId(),
                        r.getReason(), strings(r.getReasonArguments()), r.getRecordedAt()));
    }

    /** What the form and the editor fill in, as the row keeps it. */
    record Fields(String name, String description, Trigger trigger, String cron, String zoneId, Instant startAt,
                  Instant endAt, boolean multiLine) {

        void into(ScheduleRecord r) {
            r.setName(name);
            r.setDescription(description);
            r.setCron(cron);
            r.setZoneId(zoneId);
            r.setStartAt(startAt);
            r.setEndAt(endAt == null ? null : endAt);
            r.setMultiLine(multiLine);
            r.setTriggerMinutes(null);
            r.setTriggerMinute(null);
            r.setTriggerTime(null);
            r.setTriggerDays(null);
            r.setTriggerDayOfMonth(null);
            switch (trigger) {
                case Trigger.EveryMinutes t -> {
                    r.setTriggerKind("EVERY_MINUTES");
                    r.setTriggerMinutes(t.minutes());
                }
                case Trigger.Hourly t -> {
                    r.setTriggerKind("HOURLY");
                    r.setTriggerMinute(t.minute());
                }
                case Trigger.Daily t -> {
                    r.setTriggerKind("DAILY");
                    r.setTriggerTime(time(t.at()));
                }
                case Trigger.Weekly t -> {
                    r.setTriggerKind("WEEKLY");
                    r.setTriggerTime(time(t.at()));
                    r.setTriggerDays(t.days().stream().sorted().map(DayOfWeek::name)
                            .collect(Collectors.joining(",")));
                }
                case Trigger.Monthly t -> {
                    r.setTriggerKind("MONTHLY");
                    r.setTriggerTime(time(t.at()));
                    r.setTriggerDayOfMonth(t.dayOfMonth());
                }
                case Trigger.Cron t -> r.setTriggerKind("CRON");
            }
        }

        private static String time(LocalTime at) {
            return at.withSecond(0).withNano(0).toString();
        }
    }

    /** The editor's model as the row keeps it. */
    static Trigger trigger(ScheduleRecord r) {
        return switch (r.getTriggerKind()) {
            case "EVERY_MINUTES" -> new Trigger.EveryMinutes(r.getTriggerMinutes());
            case "HOURLY" -> new Trigger.Hourly(r.getTriggerMinute());
            case "DAILY" -> new Trigger.Daily(LocalTime.parse(r.getTriggerTime()));
            case "WEEKLY" -> new Trigger.Weekly(days(r.getTriggerDays()), LocalTime.parse(r.getTriggerTime()));
            case "MONTHLY" -> new Trigger.Monthly(r.getTriggerDayOfMonth(), LocalTime.parse(r.getTriggerTime()));
            default -> new Trigger.Cron(r.getCron());
        };
    }

    private static Set<DayOfWeek> days(String text) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (text != null && !text.isBlank()) {
            Arrays.stream(text.split(",")).map(DayOfWeek::valueOf).forEach(days::add);
        }
        return days;
    }

    private static String json(List<String> strings) {
        return strings == null || strings.isEmpty() ? null : JSON.writeValueAsString(strings);
    }

    private static List<String> strings(String json) {
        return json == null ? List.of() : JSON.readValue(json, STRINGS);
    }
}
