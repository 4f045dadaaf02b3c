package io.gantry.schedule;

import io.gantry.schedule.cron.Trigger;
import io.gantry.shared.Permission;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Schedules for the signed-in user (AI-Stack 六.5): a project's members see its schedules; their owner and the
 * project's managers change, pause, resume and delete them.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.SCHEDULES_USE + "')")
public class ScheduleService {

    public List<Schedule> list(long projectId) {
        throw new UnsupportedOperationException();
    }

    public Schedule schedule(long id) {
        throw new UnsupportedOperationException();
    }

    /** Creates a schedule; refused with a problem per field (invalid cron, end before start...), nothing saved. */
    public Schedule create(ScheduleForm form) {
        throw new UnsupportedOperationException();
    }

    public Schedule update(long id, ScheduleForm form) {
        throw new UnsupportedOperationException();
    }

    /** Adds a template to the ones each fire runs ("add task", AI-Stack 六.5 (1) e). */
    public Schedule addTemplate(long scheduleId, long templateId) {
        throw new UnsupportedOperationException();
    }

    public Schedule removeTemplate(long scheduleId, long templateId) {
        throw new UnsupportedOperationException();
    }

    public Schedule pause(long id) {
        throw new UnsupportedOperationException();
    }

    public Schedule resume(long id) {
        throw new UnsupportedOperationException();
    }

    /** Deletes a schedule and its upcoming run; the tasks it already ran stay. */
    public void delete(long id) {
        throw new UnsupportedOperationException();
    }

    /** Skips only its next run. */
    public Schedule skipNext(long id) {
        throw new UnsupportedOperationException();
    }

    /** What each fire came to, newest first. */
    public List<ScheduleRun> runs(long scheduleId, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    /** The trigger editor's expression, sentence and next five fire times, for any trigger (valid or not). */
    public TriggerPreview preview(Trigger trigger, ZoneId zone, Instant startAt, Instant endAt, Locale locale) {
        throw new UnsupportedOperationException();
    }
}
