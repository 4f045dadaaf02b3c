package io.gantry.shared.ui;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Chart} draws: series of values over categories (weeks, projects) or over instants (a time axis), as
 * bars, stacked bars or lines. Every text in it (categories, series names, the unit) comes translated from the server.
 *
 * @param categories the category axis' labels; empty for a time axis
 * @param times the time axis' instants; empty for a category axis
 * @param series each with one value (or null, for none) per category or instant
 * @param unit shown after values (a currency code, "%", "GiB"); empty for none
 * @param decimals the decimals values are shown with
 * @param bands stretches of a time axis drawn marked behind the series (busy hours, quiet hours); none on categories
 */
public record ChartModel(Kind kind, List<String> categories, List<Instant> times, List<Series> series, String unit,
                         int decimals, List<Band> bands) {

    public enum Kind {
        BAR, STACKED_BAR, LINE
    }

    /** One named row of values: a bar colour or a line. */
    public record Series(String name, List<BigDecimal> values) {

        public Series {
            Objects.requireNonNull(name);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /** How a band stands out: a stretch of high values (a peak), or of low ones (a quiet time). */
    public enum Tone {
        HIGH, LOW
    }

    /** A marked stretch of the time axis, {@code to} excluded, with its label (translated, as every text here). */
    public record Band(String label, Instant from, Instant to, Tone tone) {

        public Band {
            Objects.requireNonNull(label);
            Objects.requireNonNull(tone);
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("a band ends after it starts: " + from + " " + to);
            }
        }
    }

    public ChartModel(Kind kind, List<String> categories, List<Instant> times, List<Series> series, String unit,
                      int decimals) {
        this(kind, categories, times, series, unit, decimals, List.of());
    }

    public ChartModel {
        Objects.requireNonNull(kind);
        bands = List.copyOf(bands);
        if (!bands.isEmpty() && times.isEmpty()) {
            throw new IllegalArgumentException("bands mark a time axis");
        }
        categories = List.copyOf(categories);
        times = List.copyOf(times);
        series = List.copyOf(series);
        unit = unit == null ? "" : unit;
        if (!categories.isEmpty() && !times.isEmpty()) {
            throw new IllegalArgumentException("a chart has categories or times, not both");
        }
        int points = times.isEmpty() ? categories.size() : times.size();
        for (Series s : series) {
            if (s.values().size() != points) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().size()
                        + " values for " + points + " points");
            }
        }
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals " + decimals);
        }
    }

    /** Values over named categories (weeks, months, projects). */
    public static ChartModel overCategories(Kind kind, List<String> categories, List<Series> series, String unit,
                                            int decimals) {
        return new ChartModel(kind, categories, List.of(), series, unit, decimals);
    }

    /** Values over time (a CPU load, a GPU's use), drawn on a time axis. */
    public static ChartModel overTime(Kind kind, List<Instant> times, List<Series> series, String unit,
                                      int decimals) {
        return new ChartModel(kind, List.of(), times, series, unit, decimals);
    }

    /** The same chart with these stretches of its time axis marked. */
    public ChartModel withBands(List<Band> bands) {
        return new ChartModel(kind, categories, times, series, unit, decimals, bands);
    }

    /** Nothing to draw: no series. */
    public boolean isEmpty() {
        return series.isEmpty();
    }
}
