package io.gantry.schedule;

import io.gantry.schedule.cron.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * What a user fills in for a schedule (AI-Stack 六.5).
 *
 * @param zoneId the time zone its trigger's times are in, e.g. {@code Asia/Taipei}
 * @param startAt the first moment it may fire; null for now
 * @param endAt after this it never fires; null for never
 * @param multiLine runs may overlap; single-line skips (and records) a fire while the previous run still runs
 * @param templateIds the templates each fire runs (may be empty at first, "add tasks" later)
 */
public record ScheduleForm(Long projectId, String name, String description, Trigger trigger, String zoneId,
                           Instant startAt, Instant endAt, boolean multiLine, List<Long> templateIds) {

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 500;

    public ScheduleForm {
        templateIds = templateIds == null ? List.of() : List.copyOf(templateIds);
    }
}
