package io.gantry.project;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.modulith.NamedInterface;

/**
 * Which day it is for projects: the day in Gantry's time zone ({@code gantry.time-zone}), never the viewer's, so
 * that a project closes at the same moment for everyone and for the services that refuse its new work. Pure. Other
 * modules that count by Gantry's days, weeks and months (cost analysis) read its zone.
 */
@NamedInterface("api")
public record ProjectCalendar(Clock clock, ZoneId zone) {

    /** Today in Gantry's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Where the project stands today. */
    public ProjectStatus statusOf(Project project) {
        return ProjectStatus.of(project, today());
    }
}
