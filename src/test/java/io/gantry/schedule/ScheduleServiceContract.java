package io.gantry.schedule;

import static io.gantry.db.Tables.SCHEDULE;
import static io.gantry.db.Tables.SCHEDULE_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.AdjustableClock;
import io.gantry.billing.Wallets;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.ProjectRole;
import io.gantry.schedule.ScheduleRun.Outcome;
import io.gantry.schedule.cron.Trigger;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.task.LeftRunning;
import io.gantry.task.TaskService;
import io.gantry.task.TemplateService;
import io.gantry.task.Tasks;
import io.gantry.task.UpcomingRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Schedules (AI-Stack 六.5) on a clock the tests move: fires in a zone across a daylight-saving change, within their
 * start and end, each fire once, single-line skipping, skip-next, pause and resume, delete, the misfire rule after
 * downtime, a template deleted while scheduled, and bad input refused with nothing saved. The firing job may tick
 * meanwhile on the same clock; it records the same runs, so tests look at the runs, never at what one tick reports.
 * Run on H2 and on PostgreSQL.
 */
abstract class ScheduleServiceContract {

    static final Trigger EVERY_MINUTE = new Trigger.Cron("0 * * * * ?");

    @Autowired
    ApplicationContext context;
    @Autowired
    ScheduleService schedules;
    @Autowired
    ScheduleFiring firing;
    @Autowired
    ScheduleUpcomingRuns upcomingRuns;
    @Autowired
    TemplateService templates;
    @Autowired
    TaskService taskService;
    @Autowired
    Tasks tasks;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;
    @Autowired
    DSLContext db;
    @Autowired
    Clock appClock;

    AdjustableClock clock;
    TestAccounts accounts;
    ScheduleFixtures fixtures;
    String owner;
    long ownerId;
    long projectId;
    long quickTemplate;
    /** The start of a minute a little ahead of the clock, where each test starts. */
    Instant minute;
    final List<Long> made = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assertThat(appClock).as("the application runs on the test's clock").isInstanceOf(AdjustableClock.class);
        clock = (AdjustableClock) appClock;
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixtures = new ScheduleFixtures(cluster);
        owner = TestAccounts.uniqueName("sc");
        ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        projectId = fixtures.project(projects, wallets, ownerId);
        minute = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
        clock.set(minute);
        accounts.signInAs(owner);
        quickTemplate = templates.create(fixtures.template(projectId, TestAccounts.uniqueName("quick"),
                ScheduleFixtures.QUICK)).id();
    }

    @AfterEach
    void tearDown() {
        accounts.signInAs(owner);
        for (long id : made) {
            LeftRunning.stop(tasks, taskService, db.select(SCHEDULE_RUN.TASK_ID).from(SCHEDULE_RUN)
                    .where(SCHEDULE_RUN.SCHEDULE_ID.eq(id), SCHEDULE_RUN.TASK_ID.isNotNull())
                    .fetch(SCHEDULE_RUN.TASK_ID));
            // Gone, so that no later test's tick (some look far ahead) fires it.
            if (db.fetchExists(SCHEDULE, SCHEDULE.ID.eq(id))) {
                schedules.delete(id);
            }
        }
        made.clear();
        accounts.signOut();
        clock.reset();
    }

    ScheduleForm form(String name, Trigger trigger, String zone, Instant start, Instant end, boolean multiLine,
                      Long... templateIds) {
        return new ScheduleForm(projectId, name, "made by a test", trigger, zone, start, end, multiLine,
                List.of(templateIds));
    }

    Schedule create(ScheduleForm form) {
        Schedule schedule = schedules.create(form);
        made.add(schedule.id());
        return schedule;
    }

    /** Moves the clock on and ticks, as the job would. */
    void tickAt(Instant at) {
        clock.set(at);
        firing.tick(clock.instant());
    }

    List<ScheduleRun> runsOldestFirst(long scheduleId) {
        return schedules.runs(scheduleId, 0, 1000).reversed();
    }

    @Test
    void every_minute_fires_once_per_minute_each_a_task_linked_to_its_run() {
        Schedule schedule = create(form("every-minute", EVERY_MINUTE, "UTC", null, null, true, quickTemplate));
        assertThat(schedule.nextFireAt()).isEqualTo(minute.plus(Duration.ofMinutes(1)));

        for (int i = 1; i <= 3; i++) {
            tickAt(minute.plus(Duration.ofMinutes(i)).plusSeconds(5));
            // A second look (another replica, a retry) at the same moment records nothing more.
            firing.tick(clock.instant());
        }

        List<ScheduleRun> runs = runsOldestFirst(schedule.id());
        assertThat(runs).extracting(ScheduleRun::fireAt).containsExactly(minute.plus(Duration.ofMinutes(1)),
                minute.plus(Duration.ofMinutes(2)), minute.plus(Duration.ofMinutes(3)));
        assertThat(runs).extracting(ScheduleRun::outcome).containsOnly(Outcome.STARTED);
        assertThat(runs).extracting(ScheduleRun::taskId).doesNotContainNull().doesNotHaveDuplicates();
        for (ScheduleRun run : runs) {
            assertThat(taskService.task(run.taskId()).ownerId()).isEqualTo(ownerId);
        }
        assertThat(schedules.schedule(schedule.id()).nextFireAt()).isEqualTo(minute.plus(Duration.ofMinutes(4)));
    }

    @Test
    void a_daily_time_in_a_zone_keeps_its_local_hour_across_the_daylight_saving_change() {
        // Berlin moves from +01:00 to +02:00 on the last Sunday of March: 09:00 is 08:00Z before, 07:00Z after.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        int year = ZonedDateTime.ofInstant(clock.instant(), berlin).getYear() + 1;
        LocalDateTime lastSundayOfMarch = LocalDateTime.of(year, 3, 31, 0, 0)
                .with(java.time.temporal.TemporalAdjusters.lastInMonth(java.time.DayOfWeek.SUNDAY));
        Instant start = lastSundayOfMarch.minusDays(2).atZone(berlin).toInstant();
        Schedule schedule = create(form("berlin", new Trigger.Cron("0 0 9 * * ?"), "Europe/Berlin", start, null,
                true, quickTemplate));

        List<Instant> expected = List.of(lastSundayOfMarch.minusDays(2).withHour(9).atZone(berlin).toInstant(),
                lastSundayOfMarch.minusDays(1).withHour(9).atZone(berlin).toInstant(),
                lastSundayOfMarch.withHour(9).atZone(berlin).toInstant());
        assertThat(schedule.nextFireAt()).isEqualTo(expected.getFirst());
        assertThat(expected.get(1).until(expected.get(2), ChronoUnit.HOURS)).as("a 23-hour day").isEqualTo(23);
        TriggerPreview preview = schedules.preview(schedule.trigger(), berlin, start, null, Locale.ENGLISH);
        assertThat(preview.nextFires()).extracting(ZonedDateTime::toInstant)
                .startsWith(expected.toArray(Instant[]::new));
        assertThat(preview.nextFires()).allSatisfy(fire -> assertThat(fire.getHour()).isEqualTo(9));

        // A year ahead: the ticks are given their moment, so that the clock of the other tests stays where it is.
        for (Instant fire : expected) {
            firing.tick(fire.plusSeconds(5));
        }

        assertThat(runsOldestFirst(schedule.id())).extracting(ScheduleRun::fireAt, ScheduleRun::outcome)
                .containsExactly(expected.stream().map(at -> org.assertj.core.groups.Tuple.tuple(at, Outcome.STARTED))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
    }

    @Test
    void it_fires_from_its_start_up_to_its_end_and_never_after() {
        Instant start = minute.plus(Duration.ofMinutes(2));
        Instant end = minute.plus(Duration.ofMinutes(4));
        Schedule schedule = create(form("bounded", EVERY_MINUTE, "Asia/Shanghai", start, end, true,
                quickTemplate));
        assertThat(schedule.nextFireAt()).isEqualTo(start);

        for (int i = 1; i <= 6; i++) {
            tickAt(minute.plus(Duration.ofMinutes(i)).plusSeconds(5));
        }

        assertThat(runsOldestFirst(schedule.id())).extracting(ScheduleRun::fireAt).containsExactly(start,
                start.plus(Duration.ofMinutes(1)), end);
        assertThat(schedules.schedule(schedule.id()).nextFireAt()).isNull();
    }

    @Test
    void single_line_skips_a_fire_while_its_run_still_runs_and_multi_line_overlaps() {
        accounts.signInAs(owner);
        long longTemplate = templates.create(fixtures.template(projectId, TestAccounts.uniqueName("long"),
                ScheduleFixtures.LONG)).id();
        Schedule single = create(form("single", EVERY_MINUTE, "UTC", null, null, false, longTemplate));
        Schedule multi = create(form("multi", EVERY_MINUTE, "UTC", null, null, true, longTemplate));

        tickAt(minute.plus(Duration.ofMinutes(1)).plusSeconds(5));
        tickAt(minute.plus(Duration.ofMinutes(2)).plusSeconds(5));

        List<ScheduleRun> singleRuns = runsOldestFirst(single.id());
        assertThat(singleRuns).extracting(ScheduleRun::outcome).containsExactly(Outcome.STARTED,
                Outcome.SKIPPED_BUSY);
        assertThat(singleRuns.getLast().reason()).isEqualTo(ScheduleFiring.BUSY);
        assertThat(singleRuns.getLast().taskId()).isNull();
        assertThat(runsOldestFirst(multi.id())).extracting(ScheduleRun::outcome).containsExactly(Outcome.STARTED,
                Outcome.STARTED);

        // Once the run ended, the next fire runs again.
        taskService.stop(singleRuns.getFirst().taskId());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !tasks.live(singleRuns.getFirst().taskId()));
        tickAt(minute.plus(Duration.ofMinutes(3)).plusSeconds(5));
        assertThat(runsOldestFirst(single.id()).getLast().outcome()).isEqualTo(Outcome.STARTED);
    }

    @Test
    void skip_next_skips_only_that_fire_and_records_it_when_it_comes() {
        Schedule schedule = create(form("skippy", EVERY_MINUTE, "UTC", null, null, true, quickTemplate));
        Instant first = minute.plus(Duration.ofMinutes(1));

        Schedule skipped = schedules.skipNext(schedule.id());
        assertThat(skipped.nextFireAt()).isEqualTo(first.plus(Duration.ofMinutes(1)));
        // The task list's upcoming row moves on too, and deleting it there skips only that one.
        UpcomingRun upcoming = taskService.upcoming(projectId).stream().filter(r -> r.scheduleId() == schedule.id())
                .findFirst().orElseThrow();
        assertThat(upcoming.at()).isEqualTo(first.plus(Duration.ofMinutes(1)));
        assertThat(upcoming.templateId()).isEqualTo(quickTemplate);
        taskService.skipUpcoming(upcoming);
        assertThat(schedules.schedule(schedule.id()).nextFireAt()).isEqualTo(first.plus(Duration.ofMinutes(2)));
        // A run that is no longer the next one is not skipped.
        upcomingRuns.skip(schedule.id(), first.plus(Duration.ofMinutes(5)));

        for (int i = 1; i <= 5; i++) {
            tickAt(minute.plus(Duration.ofMinutes(i)).plusSeconds(5));
        }

        assertThat(runsOldestFirst(schedule.id())).extracting(ScheduleRun::outcome).containsExactly(Outcome.SKIPPED,
                Outcome.SKIPPED, Outcome.STARTED, Outcome.STARTED, Outcome.STARTED);
        assertThat(runsOldestFirst(schedule.id()).getFirst().taskId()).isNull();
    }

    @Test
    void a_paused_schedule_does_not_fire_and_after_resuming_it_does_not_catch_up() {
        Schedule schedule = create(form("pausing", EVERY_MINUTE, "UTC", null, null, true, quickTemplate));
        tickAt(minute.plus(Duration.ofMinutes(1)).plusSeconds(5));

        Schedule paused = schedules.pause(schedule.id());
        assertThat(paused.paused()).isTrue();
        assertThat(paused.nextFireAt()).isNull();
        assertThat(upcomingRuns.upcoming(projectId)).extracting(UpcomingRun::scheduleId)
                .doesNotContain(schedule.id());
        tickAt(minute.plus(Duration.ofMinutes(2)).plusSeconds(5));
        tickAt(minute.plus(Duration.ofMinutes(3)).plusSeconds(5));
        assertThat(runsOldestFirst(schedule.id())).hasSize(1);

        Schedule resumed = schedules.resume(schedule.id());
        assertThat(resumed.nextFireAt()).isEqualTo(minute.plus(Duration.ofMinutes(4)));
        tickAt(minute.plus(Duration.ofMinutes(4)).plusSeconds(5));

        assertThat(runsOldestFirst(schedule.id())).extracting(ScheduleRun::fireAt).containsExactly(
                minute.plus(Duration.ofMinutes(1)), minute.plus(Duration.ofMinutes(4)));
    }

    @Test
    void deleting_a_schedule_removes_its_upcoming_run_and_keeps_the_tasks_it_ran() {
        Schedule schedule = create(form("doomed", EVERY_MINUTE, "UTC", null, null, true, quickTemplate));
        tickAt(minute.plus(Duration.ofMinutes(1)).plusSeconds(5));
        long taskId = runsOldestFirst(schedule.id()).getFirst().taskId();
        assertThat(upcomingRuns.upcoming(projectId)).extracting(UpcomingRun::scheduleId).contains(schedule.id());

        schedules.delete(schedule.id());

        assertThat(upcomingRuns.upcoming(projectId)).extracting(UpcomingRun::scheduleId)
                .doesNotContain(schedule.id());
        assertThat(schedules.list(projectId)).extracting(Schedule::id).doesNotContain(schedule.id());
        assertThat(taskService.task(taskId).id()).isEqualTo(taskId);
        tickAt(minute.plus(Duration.ofMinutes(2)).plusSeconds(5));
        assertThat(db.fetchCount(SCHEDULE_RUN, SCHEDULE_RUN.SCHEDULE_ID.eq(schedule.id()))).isZero();
    }

    @Test
    void after_downtime_the_latest_missed_fire_runs_once_and_the_earlier_ones_are_recorded_missed() {
        Schedule schedule = create(form("downtime", new Trigger.Cron("0 0/5 * * * ?"), "UTC", null, null, true,
                quickTemplate));
        Instant firstFire = schedule.nextFireAt();

        // Gantry was down for over twenty minutes: the first tick after it finds five fires, all of them late.
        tickAt(firstFire.plus(Duration.ofMinutes(22)));

        List<ScheduleRun> runs = runsOldestFirst(schedule.id());
        assertThat(runs).hasSize(5);
        assertThat(runs.subList(0, 4)).extracting(ScheduleRun::outcome).containsOnly(Outcome.MISSED);
        assertThat(runs.subList(0, 4)).extracting(ScheduleRun::reason).containsOnly(ScheduleFiring.MISSED);
        assertThat(runs.getLast().fireAt()).isEqualTo(firstFire.plus(Duration.ofMinutes(20)));
        assertThat(runs.getLast().outcome()).isEqualTo(Outcome.STARTED);
        assertThat(runs.getLast().taskId()).isNotNull();

        // Back to normal: the next fire runs on time.
        tickAt(firstFire.plus(Duration.ofMinutes(25)).plusSeconds(5));
        assertThat(runsOldestFirst(schedule.id()).getLast().outcome()).isEqualTo(Outcome.STARTED);
    }

    @Test
    void a_template_deleted_while_scheduled_is_refused_with_its_reason_and_later_fires_go_on() {
        long doomed = templates.create(fixtures.template(projectId, TestAccounts.uniqueName("doomed"),
                ScheduleFixtures.QUICK)).id();
        Schedule schedule = create(form("refusals", EVERY_MINUTE, "UTC", null, null, true, doomed, quickTemplate));
        templates.delete(doomed);

        tickAt(minute.plus(Duration.ofMinutes(1)).plusSeconds(5));
        tickAt(minute.plus(Duration.ofMinutes(2)).plusSeconds(5));

        List<ScheduleRun> runs = runsOldestFirst(schedule.id());
        assertThat(runs).filteredOn(r -> r.templateId() == doomed).extracting(ScheduleRun::outcome,
                ScheduleRun::reason).containsOnly(org.assertj.core.groups.Tuple.tuple(Outcome.REFUSED,
                Tasks.TEMPLATE_DELETED)).hasSize(2);
        assertThat(runs).filteredOn(r -> r.templateId() == quickTemplate).extracting(ScheduleRun::outcome)
                .containsExactly(Outcome.STARTED, Outcome.STARTED);
        assertThat(schedules.schedule(schedule.id()).templates()).extracting(Tasks.TemplateRef::id)
                .contains(doomed);
    }

    @Test
    void bad_input_is_refused_on_its_fields_and_nothing_is_saved() {
        accounts.signInAsAdmin();
        long otherProject = fixtures.project(projects, wallets, ownerId);
        accounts.signInAs(owner);
        long foreignTemplate = templates.create(fixtures.template(otherProject, TestAccounts.uniqueName("far"),
                ScheduleFixtures.QUICK)).id();
        ScheduleForm bad = new ScheduleForm(projectId, " ", null, new Trigger.Cron("0 0 25 * * ?"), "Mars/Olympus",
                minute.plus(Duration.ofHours(2)), minute.plus(Duration.ofHours(1)), false,
                List.of(quickTemplate, foreignTemplate));

        assertThatThrownBy(() -> schedules.create(bad)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field)
                        .containsExactlyInAnyOrder("name", "trigger", "zone", "end", "templates"));
        assertThatThrownBy(() -> schedules.create(form("ok", new Trigger.Cron("every minute"), "UTC", null, null,
                false))).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                .extracting(FieldProblem::field).containsExactly("trigger"));
        Instant start = minute.plus(Duration.ofHours(1));
        assertThatThrownBy(() -> schedules.create(form("ends-early", EVERY_MINUTE, "UTC", start, start, false)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("end", "schedule.end.before-start")));
        assertThat(schedules.list(projectId)).isEmpty();
        assertThat(db.fetchCount(SCHEDULE, SCHEDULE.PROJECT_ID.eq(projectId))).isZero();

        Schedule kept = create(form("kept", EVERY_MINUTE, "UTC", null, null, false, quickTemplate));
        assertThatThrownBy(() -> schedules.create(form("KEPT", EVERY_MINUTE, "UTC", null, null, false)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("schedule.name.taken"));
        // A refused change leaves the schedule as it was, its templates too.
        assertThatThrownBy(() -> schedules.update(kept.id(), new ScheduleForm(projectId, "kept",
                null, EVERY_MINUTE, "UTC", start.plus(Duration.ofHours(1)), start, true, List.of())))
                .isInstanceOf(InvalidInput.class);
        Schedule unchanged = schedules.schedule(kept.id());
        assertThat(unchanged.multiLine()).isFalse();
        assertThat(unchanged.templates()).extracting(Tasks.TemplateRef::id).containsExactly(quickTemplate);
    }

    @Test
    void members_see_a_schedule_and_only_its_owner_and_the_managers_change_it() {
        Schedule schedule = create(form("guarded", EVERY_MINUTE, "UTC", null, null, false, quickTemplate));
        accounts.signInAsAdmin();
        String member = TestAccounts.uniqueName("sm");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        accounts.signInAs(member);

        assertThat(schedules.list(projectId)).extracting(Schedule::id).containsExactly(schedule.id());
        assertThat(schedules.schedule(schedule.id()).editable()).isFalse();
        assertThatThrownBy(() -> schedules.pause(schedule.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> schedules.delete(schedule.id())).isInstanceOf(NotAllowed.class);
        assertThat(schedules.list(projectId)).extracting(Schedule::paused).containsExactly(false);
    }

    @Test
    void the_trigger_comes_back_as_its_editor_made_it_and_every_change_is_logged() {
        Trigger weekly = new Trigger.Weekly(Set.of(java.time.DayOfWeek.FRIDAY, java.time.DayOfWeek.MONDAY),
                java.time.LocalTime.of(6, 30));
        Schedule schedule = create(form("weekly", weekly, "Asia/Taipei", null, null, false, quickTemplate));
        assertThat(schedules.schedule(schedule.id()).trigger()).isEqualTo(weekly);
        assertThat(ZonedDateTime.ofInstant(schedule.nextFireAt(), ZoneId.of("Asia/Taipei")).toLocalTime())
                .isEqualTo(java.time.LocalTime.of(6, 30));

        Trigger monthly = new Trigger.Monthly(15, java.time.LocalTime.of(23, 0));
        schedules.update(schedule.id(), form("monthly", monthly, "Asia/Taipei", null, null, true));
        Schedule changed = schedules.schedule(schedule.id());
        assertThat(changed.trigger()).isEqualTo(monthly);
        assertThat(changed.name()).isEqualTo("monthly");
        assertThat(changed.templates()).isEmpty();
        schedules.addTemplate(schedule.id(), quickTemplate);
        schedules.pause(schedule.id());
        schedules.resume(schedule.id());
        schedules.skipNext(schedule.id());
        schedules.delete(schedule.id());

        assertThat(db.select(io.gantry.db.Tables.OPERATION_LOG.ACTION).from(io.gantry.db.Tables.OPERATION_LOG)
                .where(io.gantry.db.Tables.OPERATION_LOG.TARGET.eq(ScheduleService.target(schedule.id())))
                .fetch(io.gantry.db.Tables.OPERATION_LOG.ACTION)).containsExactlyInAnyOrder("schedule.create",
                "schedule.update", "schedule.add-template", "schedule.pause", "schedule.resume", "schedule.skip",
                "schedule.delete");
    }
}
