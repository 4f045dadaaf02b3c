package io.gantry.project;

import java.time.LocalDate;

/**
 * Where a project stands on a day: not started, active, active but ending within {@link #EXPIRING_DAYS} days, or
 * expired. A project takes new work only while it is {@link #open()}. Pure; the day is Gantry's, see
 * {@link ProjectCalendar}.
 */
public enum ProjectStatus {
    NOT_STARTED, ACTIVE, EXPIRING, EXPIRED;

    /** A project ending within this many days is shown as expiring, so that members ask for more days in time. */
    public static final int EXPIRING_DAYS = 7;

    /** The status of a project on a day: it is open from its start date through its end date, both included. */
    public static ProjectStatus of(Project project, LocalDate day) {
        if (day.isBefore(project.startDate())) {
            return NOT_STARTED;
        }
        if (day.isAfter(project.endDate())) {
            return EXPIRED;
        }
        return day.plusDays(EXPIRING_DAYS).isBefore(project.endDate()) ? ACTIVE : EXPIRING;
    }

    /** Whether the project takes new work. */
    public boolean open() {
        return this == ACTIVE || this == EXPIRING;
    }
}
