package io.gantry.project;

import java.time.Instant;
import java.time.LocalDate;

/** A tenant (Apulis "virtual cluster", AI-Stack 專案): dates, limits; quotas and members are kept beside it. */
public record Project(long id, String name, String description, LocalDate startDate, LocalDate endDate,
                      ProjectLimits limits, Instant createdAt) {

    /** A project accepts new work from its start date through its end date. */
    public boolean isOpenOn(LocalDate day) {
        return ProjectStatus.of(this, day).open();
    }
}
