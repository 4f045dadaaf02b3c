package io.gantry.billing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** How cost analysis buckets spending: by ISO week (Monday to Sunday), calendar month or calendar year. Pure. */
public enum CostPeriod {
    WEEK, MONTH, YEAR;

    /** The first day of the period the day falls in. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the next period. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The starts of every period that overlaps the days from {@code from} to {@code to} (both included). */
    public List<LocalDate> starts(LocalDate from, LocalDate to) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = start(from); !start.isAfter(to); start = next(start)) {
            starts.add(start);
        }
        return starts;
    }

    /** A name of the period that reads the same in every language: 2026-W01, 2026-01, 2026. */
    public String label(LocalDate start) {
        return switch (this) {
            case WEEK -> "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> "%d-%02d".formatted(start.getYear(), start.getMonthValue());
            case YEAR -> Integer.toString(start.getYear());
        };
    }
}
