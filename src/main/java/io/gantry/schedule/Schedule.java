package io.gantry.schedule;

import io.gantry.schedule.cron.Trigger;
import io.gantry.task.Tasks;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A schedule as its pages show it.
 *
 * @param templates the templates each fire runs
 * @param nextFireAt when it fires next (after a skipped one), or null when it never will again or is paused
 * @param editable whether the viewer may change, pause or delete it (its owner, or a manager of its project)
 */
public record Schedule(long id, long projectId, long ownerId, String ownerName, String name, String description,
                       Trigger trigger, ZoneId zone, Instant startAt, Instant endAt, boolean multiLine,
                       boolean paused, List<Tasks.TemplateRef> templates, Instant nextFireAt, Instant createdAt,
                       boolean editable) {

    public Schedule {
        templates = List.copyOf(templates);
    }
}
