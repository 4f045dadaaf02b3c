package io.gantry.schedule;

import io.gantry.audit.OperationLog;
import io.gantry.db.tables.records.ScheduleRecord;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.schedule.cron.FireTimes;
import io.gantry.shared.SystemTask;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A schedule's next fire, past the fires users skipped ahead, and the skipping of one: shared by the schedule pages
 * and the task list's upcoming runs. Joins the caller's transaction; the callers checked who asks.
 */
@Component
class ScheduleSkips {

    private final ScheduleRepository repository;
    private final OperationLog operationLog;

    ScheduleSkips(ScheduleRepository repository, OperationLog operationLog) {
        this.repository = repository;
        this.operationLog = operationLog;
    }

    /** When the schedule fires next after {@code now}, past skipped fires; null when never again, or paused. */
    Instant nextFire(ScheduleRecord r, Instant now) {
        if (r.getPaused()) {
            return null;
        }
        Set<Instant> skipped = repository.skips(r.getId());
        Instant after = r.getLookedAt().isAfter(now) ? r.getLookedAt() : now;
        return FireTimes.next(r.getCron(), ZoneId.of(r.getZoneId()), after, r.getStartAt(), r.getEndAt(),
                        skipped.size() + 1).stream()
                .map(ZonedDateTime::toInstant).filter(at -> !skipped.contains(at)).findFirst().orElse(null);
    }

    /** Skips one fire; it is recorded SKIPPED when it comes. */
    void skip(ScheduleRecord r, Instant fireAt) {
        String by = CurrentUser.get().map(SignedInUser::username).orElse(SystemTask.SYSTEM);
        if (repository.skip(r.getId(), fireAt, by)) {
            operationLog.record("schedule.skip", ScheduleService.target(r.getId()), "oplog.details.schedule-skip",
                    r.getName(), fireAt);
        }
    }
}
