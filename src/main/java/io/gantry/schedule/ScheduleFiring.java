package io.gantry.schedule;

import io.gantry.db.tables.records.ScheduleRecord;
import io.gantry.schedule.ScheduleRepository.TemplateEntry;
import io.gantry.schedule.ScheduleRun.Outcome;
import io.gantry.schedule.cron.FireTimes;
import io.gantry.task.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the schedules (run by {@link ScheduleJob} every few seconds): for each active schedule, the fires due since it
 * last looked, each recorded once per template as a run, in the same transaction as the task it starts.
 *
 * <p>Once across replicas. A schedule's row is locked while its fires are recorded, and each (schedule, template,
 * fire time) is inserted only if absent: a second replica, or a retry after a failure, finds the fire recorded and
 * runs nothing. The task ({@link Tasks#runFromTemplate}) joins that transaction, so a fire is never recorded without
 * its task, nor a task made without its record.
 *
 * <p>What a fire comes to. A fire a user skipped ahead is recorded SKIPPED. A single-line schedule whose latest run
 * still runs records the fire SKIPPED_BUSY; a multi-line one runs it anyway. A run the task module refuses (the
 * template deleted, the wallet short, the project ended) is recorded REFUSED with its reason, and later fires go on.
 *
 * <p>The misfire rule. A fire is late when it was due more than {@code gantry.schedule.misfire-grace} (a tick and a
 * minute) before the tick that finds it: Gantry was down, or the job could not run. Of the fires a tick finds, the
 * latest always runs; the late ones before it are recorded MISSED (those of the last day; older ones are not looked
 * at). So after downtime a schedule runs once to catch up, never once per fire it missed.
 */
@Component
public class ScheduleFiring {

    static final String SKIPPED = "schedule.run.reason.skipped";
    static final String BUSY = "schedule.run.reason.busy";
    static final String MISSED = "schedule.run.reason.missed";
    /** How far back a tick looks for fires after an outage; older ones are neither run nor recorded. */
    static final Duration CATCH_UP = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFiring.class);

    private final ScheduleRepository repository;
    private final Tasks tasks;
    private final TransactionTemplate transactions;
    private final Duration grace;

    ScheduleFiring(ScheduleRepository repository, Tasks tasks, PlatformTransactionManager transactionManager,
                   @Value("${gantry.schedule.misfire-grace:70s}") Duration grace) {
        this.repository = repository;
        this.tasks = tasks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.grace = grace;
    }

    /** How late a fire may be found and still count as on time. */
    public Duration grace() {
        return grace;
    }

    /**
     * Records (and runs) every fire due up to {@code now}; each schedule in a transaction of its own, so that one
     * schedule's failure stops no other. Returns how many runs it recorded.
     */
    public int tick(Instant now) {
        int recorded = 0;
        for (long id : repository.dueBy(now)) {
            try {
                Integer runs = transactions.execute(status -> fire(id, now));
                recorded += runs == null ? 0 : runs;
            } catch (RuntimeException e) {
                // The fire stays unrecorded, so the next tick tries it again.
                LOG.warn("Schedule {} could not fire at {}", id, now, e);
            }
        }
        return recorded;
    }

    private int fire(long id, Instant now) {
        ScheduleRecord r = repository.lock(id).orElse(null);
        // Another replica may have looked, or a user paused it, while this one waited for the lock.
        if (r == null || r.getPaused() || !r.getLookedAt().isBefore(now)) {
            return 0;
        }
        // After a long outage only the last day's fires are looked at: of the older ones, none would run.
        Instant from = r.getLookedAt().isBefore(now.minus(CATCH_UP)) ? now.minus(CATCH_UP) : r.getLookedAt();
        List<Instant> due = FireTimes.between(r.getCron(), ZoneId.of(r.getZoneId()), from, now, r.getStartAt(),
                r.getEndAt());
        int recorded = 0;
        if (!due.isEmpty()) {
            List<TemplateEntry> templates = repository.templates(id);
            Set<Instant> skipped = repository.skips(id);
            Instant lateBefore = now.minus(grace);
            for (int i = 0; i < due.size(); i++) {
                Instant fireAt = due.get(i);
                boolean missed = fireAt.isBefore(lateBefore) && i < due.size() - 1;
                recorded += fireOnce(r, templates, fireAt, skipped.contains(fireAt), missed, now);
            }
            repository.forgetSkipsThrough(id, due.getLast());
        }
        repository.lookedAt(id, now);
        return recorded;
    }

    private int fireOnce(ScheduleRecord r, List<TemplateEntry> templates, Instant fireAt, boolean skipped,
                         boolean missed, Instant now) {
        long id = r.getId();
        // Whether the latest run still runs is asked once per fire: the templates of one fire run together.
        boolean busy = !skipped && !missed && !r.getMultiLine()
                && repository.latestTasks(id).stream().anyMatch(tasks::live);
        int recorded = 0;
        for (TemplateEntry template : templates) {
            if (skipped) {
                recorded += repository.claim(id, template, fireAt, Outcome.SKIPPED, SKIPPED, List.of(), now)
                        .isPresent() ? 1 : 0;
            } else if (missed) {
                recorded += repository.claim(id, template, fireAt, Outcome.MISSED, MISSED, List.of(), now)
                        .isPresent() ? 1 : 0;
            } else if (busy) {
                recorded += repository.claim(id, template, fireAt, Outcome.SKIPPED_BUSY, BUSY, List.of(), now)
                        .isPresent() ? 1 : 0;
            } else {
                // Claimed first, run second: a fire someone else recorded runs nothing here.
                var claimed = repository.claim(id, template, fireAt, Outcome.STARTED, null, List.of(), now);
                if (claimed.isPresent()) {
                    Tasks.RunOutcome outcome = tasks.runFromTemplate(template.templateId(), r.getOwnerId(), id,
                            fireAt);
                    if (outcome.ran()) {
                        repository.settle(claimed.get(), Outcome.STARTED, outcome.taskId(), null, List.of());
                    } else {
                        repository.settle(claimed.get(), Outcome.REFUSED, null, outcome.reason(),
                                outcome.arguments());
                    }
                    recorded++;
                }
            }
        }
        return recorded;
    }
}
