package io.gantry.schedule;

import io.gantry.db.tables.records.ScheduleRecord;
import io.gantry.schedule.ScheduleRepository.TemplateEntry;
import io.gantry.task.Tasks;
import io.gantry.task.UpcomingRun;
import io.gantry.task.UpcomingRuns;
import java.time.Clock;
import java.util.Comparator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The schedules' next runs for the task list: one per template of each active schedule, at its next fire. Skipping
 * one skips that fire of its schedule (for all its templates: they fire together), as {@link ScheduleService#skipNext}
 * does. The task service checked who asks.
 */
@Component
class ScheduleUpcomingRuns implements UpcomingRuns {

    private final ScheduleRepository repository;
    private final ScheduleSkips skips;
    private final Tasks tasks;
    private final Clock clock;

    ScheduleUpcomingRuns(ScheduleRepository repository, ScheduleSkips skips, Tasks tasks, Clock clock) {
        this.repository = repository;
        this.skips = skips;
        this.tasks = tasks;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UpcomingRun> upcoming(long projectId) {
        Instant now = clock.instant();
        List<ScheduleRecord> active = repository.inProject(projectId).stream().filter(r -> !r.getPaused()).toList();
        Map<Long, List<TemplateEntry>> templates = repository.templates(active.stream().map(ScheduleRecord::getId)
                .toList());
        List<UpcomingRun> runs = new ArrayList<>();
        for (ScheduleRecord r : active) {
            Instant next = skips.nextFire(r, now);
            if (next == null) {
                continue;
            }
            for (TemplateEntry t : templates.getOrDefault(r.getId(), List.of())) {
                String name = tasks.template(t.templateId()).map(Tasks.TemplateRef::name).orElse(t.name());
                runs.add(new UpcomingRun(r.getId(), r.getName(), t.templateId(), name, r.getOwnerId(), next));
            }
        }
        runs.sort(Comparator.comparing(UpcomingRun::at).thenComparing(UpcomingRun::scheduleName));
        return runs;
    }

    @Override
    @Transactional
    public void skip(long scheduleId, Instant at) {
        repository.find(scheduleId).filter(r -> at.equals(skips.nextFire(r, clock.instant())))
                .ifPresent(r -> skips.skip(r, at));
    }
}
