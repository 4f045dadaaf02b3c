package io.gantry.schedule;

import io.gantry.audit.OperationLog;
import io.gantry.db.tables.records.ScheduleRecord;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserRef;
import io.gantry.project.Projects;
import io.gantry.schedule.ScheduleRepository.TemplateEntry;
import io.gantry.schedule.cron.CronRules;
import io.gantry.schedule.cron.FireTimes;
import io.gantry.schedule.cron.Trigger;
import io.gantry.schedule.cron.TriggerDescriptions;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.task.Tasks;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules for the signed-in user (AI-Stack 六.5): a project's members see its schedules; their owner and the
 * project's managers change, pause, resume and delete them.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.SCHEDULES_USE + "')")
public class ScheduleService {

    static final String NOT_FOUND = "schedule";
    private static final int PREVIEW_FIRES = 5;

    private final ScheduleRepository repository;
    private final ScheduleSkips skips;
    private final Tasks tasks;
    private final Projects projects;
    private final AccountService accounts;
    private final OperationLog operationLog;
    private final Clock clock;

    ScheduleService(ScheduleRepository repository, ScheduleSkips skips, Tasks tasks, Projects projects,
                    AccountService accounts, OperationLog operationLog, Clock clock) {
        this.repository = repository;
        this.skips = skips;
        this.tasks = tasks;
        this.projects = projects;
        this.accounts = accounts;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    /** The project's schedules, by name. */
    @Transactional(readOnly = true)
    public List<Schedule> list(long projectId) {
        SignedInUser me = requireReader(projectId);
        return schedules(repository.inProject(projectId), me);
    }

    @Transactional(readOnly = true)
    public Schedule schedule(long id) {
        ScheduleRecord r = repository.find(id).orElseThrow(() -> new NotFound(NOT_FOUND));
        SignedInUser me = requireReaderOf(r);
        return schedules(List.of(r), me).getFirst();
    }

    /** Creates a schedule; refused with a problem per field (invalid cron, end before start...), nothing saved. */
    @Transactional
    public Schedule create(ScheduleForm form) {
        if (form.projectId() == null) {
            throw new InvalidInput("project", "schedule.project.required");
        }
        SignedInUser me = requireReader(form.projectId());
        projects.requireOpen(form.projectId());
        Instant now = clock.instant();
        Checked checked = check(form, form.projectId(), null, now);
        long id;
        try {
            id = repository.insert(form.projectId(), me.id(), checked.fields(), now);
        } catch (DuplicateKeyException taken) {
            throw new InvalidInput("name", "schedule.name.taken", checked.fields().name());
        }
        checked.templates().forEach(t -> repository.addTemplate(id, t, now));
        operationLog.record("schedule.create", target(id), "oplog.details.schedule", checked.fields().name(),
                checked.fields().cron(), checked.fields().zoneId());
        return schedule(id);
    }

    /** Changes a schedule's settings and templates; refused as {@link #create} is, nothing saved. */
    @Transactional
    public Schedule update(long id, ScheduleForm form) {
        ScheduleRecord r = requireEditable(id);
        Instant now = clock.instant();
        Checked checked = check(form, r.getProjectId(), id, now);
        boolean triggerChanged = !checked.fields().cron().equals(r.getCron())
                || !checked.fields().zoneId().equals(r.getZoneId())
                || !checked.fields().startAt().equals(r.getStartAt());
        try {
            repository.update(r, checked.fields(), now);
        } catch (DuplicateKeyException taken) {
            throw new InvalidInput("name", "schedule.name.taken", checked.fields().name());
        }
        if (triggerChanged) {
            // A skipped fire belongs to the trigger it was skipped on.
            repository.forgetSkips(id);
        }
        Set<Long> wanted = checked.templates().stream().map(TemplateEntry::templateId)
                .collect(Collectors.toSet());
        repository.templates(id).stream().filter(t -> !wanted.contains(t.templateId()))
                .forEach(t -> repository.removeTemplate(id, t.templateId()));
        checked.templates().forEach(t -> repository.addTemplate(id, t, now));
        operationLog.record("schedule.update", target(id), "oplog.details.schedule", checked.fields().name(),
                checked.fields().cron(), checked.fields().zoneId());
        return schedule(id);
    }

    /** Adds a template to the ones each fire runs ("add task", AI-Stack 六.5 (1) e). */
    @Transactional
    public Schedule addTemplate(long scheduleId, long templateId) {
        ScheduleRecord r = requireEditable(scheduleId);
        Tasks.TemplateRef template = tasks.template(templateId)
                .filter(t -> t.projectId() == r.getProjectId())
                .orElseThrow(() -> new InvalidInput("templates", "schedule.template.not-in-project"));
        if (repository.addTemplate(scheduleId, new TemplateEntry(template.id(), template.name()), clock.instant())) {
            operationLog.record("schedule.add-template", target(scheduleId), "oplog.details.schedule-template",
                    r.getName(), template.name());
        }
        return schedule(scheduleId);
    }

    @Transactional
    public Schedule removeTemplate(long scheduleId, long templateId) {
        ScheduleRecord r = requireEditable(scheduleId);
        Optional<TemplateEntry> entry = repository.templates(scheduleId).stream()
                .filter(t -> t.templateId() == templateId).findFirst();
        if (entry.isPresent() && repository.removeTemplate(scheduleId, templateId)) {
            operationLog.record("schedule.remove-template", target(scheduleId), "oplog.details.schedule-template",
                    r.getName(), entry.get().name());
        }
        return schedule(scheduleId);
    }

    @Transactional
    public Schedule pause(long id) {
        ScheduleRecord r = requireEditable(id);
        if (!r.getPaused()) {
            repository.setPaused(id, true, clock.instant());
            operationLog.record("schedule.pause", target(id), "oplog.details.name", r.getName());
        }
        return schedule(id);
    }

    /** Resumes from now on: fires that came due while it was paused do not run. */
    @Transactional
    public Schedule resume(long id) {
        ScheduleRecord r = requireEditable(id);
        if (r.getPaused()) {
            repository.setPaused(id, false, clock.instant());
            operationLog.record("schedule.resume", target(id), "oplog.details.name", r.getName());
        }
        return schedule(id);
    }

    /** Deletes a schedule and its upcoming run; the tasks it already ran stay. */
    @Transactional
    public void delete(long id) {
        ScheduleRecord r = requireEditable(id);
        repository.delete(id);
        operationLog.record("schedule.delete", target(id), "oplog.details.name", r.getName());
    }

    /** Skips only its next run. */
    @Transactional
    public Schedule skipNext(long id) {
        ScheduleRecord r = requireEditable(id);
        Instant next = skips.nextFire(r, clock.instant());
        if (next == null) {
            throw new NotAllowed("schedule.skip.nothing", r.getName());
        }
        skips.skip(r, next);
        return schedule(id);
    }

    /** What each fire came to, newest first. */
    @Transactional(readOnly = true)
    public List<ScheduleRun> runs(long scheduleId, int offset, int limit) {
        ScheduleRecord r = repository.find(scheduleId).orElseThrow(() -> new NotFound(NOT_FOUND));
        requireReaderOf(r);
        return repository.runs(scheduleId, offset, limit);
    }

    /** The trigger editor's expression, sentence and next five fire times, for any trigger (valid or not). */
    public TriggerPreview preview(Trigger trigger, ZoneId zone, Instant startAt, Instant endAt, Locale locale) {
        String expression;
        try {
            expression = trigger.cron();
        } catch (IllegalArgumentException invalidModel) {
            return new TriggerPreview(null, null, "schedule.trigger.incomplete", List.of(), List.of());
        }
        Optional<FieldProblem> problem = CronRules.problem(expression);
        if (problem.isPresent()) {
            return new TriggerPreview(expression, null, problem.get().messageKey(),
                    Arrays.stream(problem.get().arguments()).map(String::valueOf).toList(), List.of());
        }
        ZoneId in = zone == null ? ZoneOffset.UTC : zone;
        Instant now = clock.instant();
        List<ZonedDateTime> fires = FireTimes.next(expression, in, now, startAt == null ? now : startAt, endAt,
                PREVIEW_FIRES);
        return new TriggerPreview(expression, TriggerDescriptions.describe(trigger, locale), null, List.of(), fires);
    }

    private record Checked(ScheduleRepository.Fields fields, List<TemplateEntry> templates) {
    }

    /** Every rule of the form at once, so that the user sees all its problems; nothing is saved before. */
    private Checked check(ScheduleForm form, long projectId, Long exceptId, Instant now) {
        InvalidInput.Collector problems = InvalidInput.collect();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty()) {
            problems.add("name", "schedule.name.required");
        } else if (name.length() > ScheduleForm.NAME_MAX) {
            problems.add("name", "schedule.name.too-long", ScheduleForm.NAME_MAX);
        } else if (repository.nameTaken(projectId, name, exceptId)) {
            problems.add("name", "schedule.name.taken", name);
        }
        String description = form.description() == null || form.description().isBlank() ? null
                : form.description().strip();
        if (description != null && description.length() > ScheduleForm.DESCRIPTION_MAX) {
            problems.add("description", "schedule.description.too-long", ScheduleForm.DESCRIPTION_MAX);
        }
        String cron = null;
        if (form.trigger() == null) {
            problems.add("trigger", "schedule.trigger.required");
        } else {
            try {
                cron = form.trigger().cron();
                Optional<FieldProblem> problem = CronRules.problem(cron);
                if (problem.isPresent()) {
                    problems.add("trigger", problem.get().messageKey(), problem.get().arguments());
                    cron = null;
                }
            } catch (IllegalArgumentException incomplete) {
                problems.add("trigger", "schedule.trigger.incomplete");
            }
        }
        String zoneId = null;
        if (form.zoneId() == null || form.zoneId().isBlank()) {
            problems.add("zone", "schedule.zone.required");
        } else {
            try {
                zoneId = ZoneId.of(form.zoneId().strip()).getId();
            } catch (DateTimeException unknown) {
                problems.add("zone", "schedule.zone.unknown", form.zoneId().strip());
            }
        }
        Instant startAt = form.startAt() == null ? now : form.startAt();
        if (form.endAt() != null && !form.endAt().isAfter(startAt)) {
            problems.add("end", "schedule.end.before-start");
        }
        Map<Long, Tasks.TemplateRef> ofProject = tasks.templates(projectId).stream()
                .collect(Collectors.toMap(Tasks.TemplateRef::id, Function.identity()));
        List<TemplateEntry> templates = new java.util.ArrayList<>();
        for (long templateId : new LinkedHashSet<>(form.templateIds())) {
            Tasks.TemplateRef template = ofProject.get(templateId);
            if (template == null) {
                problems.add("templates", "schedule.template.not-in-project");
                break;
            }
            templates.add(new TemplateEntry(template.id(), template.name()));
        }
        problems.throwIfAny();
        return new Checked(new ScheduleRepository.Fields(name, description, form.trigger(), cron, zoneId, startAt,
                form.endAt(), form.multiLine()), templates);
    }

    private List<Schedule> schedules(List<ScheduleRecord> records, SignedInUser me) {
        if (records.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, List<TemplateEntry>> templates = repository.templates(records.stream().map(ScheduleRecord::getId)
                .toList());
        Map<Long, String> owners = accounts.refs(records.stream().map(ScheduleRecord::getOwnerId)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(UserRef::id, UserRef::label));
        return records.stream().map(r -> new Schedule(r.getId(), r.getProjectId(), r.getOwnerId(),
                owners.getOrDefault(r.getOwnerId(), "-"), r.getName(), r.getDescription(),
                ScheduleRepository.trigger(r), ZoneId.of(r.getZoneId()), r.getStartAt(), r.getEndAt(),
                r.getMultiLine(), r.getPaused(), templates.get(r.getId()).stream()
                .map(t -> new Tasks.TemplateRef(t.templateId(), r.getProjectId(), currentName(t))).toList(),
                skips.nextFire(r, now), r.getCreatedAt(), mayChange(r, me))).toList();
    }

    /** A template's name as it is now, or as it was when added if it is gone. */
    private String currentName(TemplateEntry template) {
        return tasks.template(template.templateId()).map(Tasks.TemplateRef::name).orElse(template.name());
    }

    private SignedInUser requireReader(long projectId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (projects.roleOf(projectId, me.id()).isEmpty() && !me.has(Permission.PROJECTS_MANAGE)) {
            throw new NotFound("project");
        }
        return me;
    }

    private SignedInUser requireReaderOf(ScheduleRecord r) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (projects.roleOf(r.getProjectId(), me.id()).isEmpty() && !me.has(Permission.PROJECTS_MANAGE)) {
            throw new NotFound(NOT_FOUND);
        }
        return me;
    }

    private ScheduleRecord requireEditable(long id) {
        ScheduleRecord r = repository.find(id).orElseThrow(() -> new NotFound(NOT_FOUND));
        SignedInUser me = requireReaderOf(r);
        if (!mayChange(r, me)) {
            throw new NotAllowed("schedule.not-yours", r.getName());
        }
        return r;
    }

    private boolean mayChange(ScheduleRecord r, SignedInUser me) {
        return r.getOwnerId() == me.id() || projects.isManager(r.getProjectId(), me.id())
                || me.has(Permission.PROJECTS_MANAGE);
    }

    static String target(long id) {
        return "schedule:" + id;
    }
}
