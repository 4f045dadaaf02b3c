package io.gantry.container;

import io.gantry.workload.RentedHour;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices rented hour by hour over a window, per spec and in total, with the peak and quiet hours marked (AI-Stack
 * 五.4: users learn when devices are in demand and plan their own work for the quiet hours). An hour is a peak when
 * its total is at least {@link #PEAK_SHARE} of the busiest hour's, quiet when it is at most {@link #QUIET_SHARE} of it;
 * a window in which nothing was rented has neither.
 *
 * @param hours the start of each hour, oldest first
 * @param perSpec each spec's device-hours per hour, in the order of {@code hours}; specs in the order they were given
 * @param totals all specs' device-hours per hour
 * @param marks each hour's mark
 */
public record RentalWeek(List<Instant> hours, Map<Long, List<BigDecimal>> perSpec, List<BigDecimal> totals,
                         List<Mark> marks) {

    public static final BigDecimal PEAK_SHARE = new BigDecimal("0.8");
    public static final BigDecimal QUIET_SHARE = new BigDecimal("0.2");

    public enum Mark { PEAK, QUIET, NONE }

    /** Consecutive hours with the same mark, {@code to} excluded. */
    public record Stretch(Mark mark, Instant from, Instant to) {
    }

    public RentalWeek {
        hours = List.copyOf(hours);
        Map<Long, List<BigDecimal>> copy = new LinkedHashMap<>();
        perSpec.forEach((spec, values) -> copy.put(spec, List.copyOf(values)));
        perSpec = Collections.unmodifiableMap(copy);
        totals = List.copyOf(totals);
        marks = List.copyOf(marks);
    }

    /**
     * The week of these rented hours: every hour from {@code from} for {@code count} hours, an hour without rental
     * being zero, the specs in the order of {@code specOrder} (specs rented but not in it come after, by id).
     */
    public static RentalWeek of(Instant from, int count, List<Long> specOrder, List<RentedHour> rented) {
        List<Instant> hours = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hours.add(from.plus(Duration.ofHours(i)));
        }
        Map<Long, BigDecimal[]> values = new LinkedHashMap<>();
        List<Long> rentedSpecs = rented.stream().map(RentedHour::specId).distinct().sorted().toList();
        specOrder.stream().filter(rentedSpecs::contains).forEach(spec -> values.put(spec, zeros(count)));
        rentedSpecs.forEach(spec -> values.computeIfAbsent(spec, s -> zeros(count)));
        BigDecimal[] totals = zeros(count);
        for (RentedHour hour : rented) {
            long index = Duration.between(from, hour.hourStart()).toHours();
            if (index < 0 || index >= count) {
                continue;
            }
            int i = (int) index;
            values.get(hour.specId())[i] = values.get(hour.specId())[i].add(hour.deviceHours());
            totals[i] = totals[i].add(hour.deviceHours());
        }
        Map<Long, List<BigDecimal>> perSpec = new LinkedHashMap<>();
        values.forEach((spec, v) -> perSpec.put(spec, List.of(v)));
        return new RentalWeek(hours, perSpec, List.of(totals), marks(List.of(totals)));
    }

    private static BigDecimal[] zeros(int count) {
        BigDecimal[] zeros = new BigDecimal[count];
        java.util.Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }

    static List<Mark> marks(List<BigDecimal> totals) {
        BigDecimal busiest = totals.stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        if (busiest.signum() == 0) {
            return Collections.nCopies(totals.size(), Mark.NONE);
        }
        BigDecimal peak = busiest.multiply(PEAK_SHARE);
        BigDecimal quiet = busiest.multiply(QUIET_SHARE);
        return totals.stream().map(total -> total.compareTo(peak) >= 0 ? Mark.PEAK
                : total.compareTo(quiet) <= 0 ? Mark.QUIET : Mark.NONE).toList();
    }

    /** Whether anything was rented in the window. */
    public boolean isEmpty() {
        return perSpec.isEmpty();
    }

    /** The busiest hour's total; zero for an empty window. */
    public BigDecimal busiest() {
        return totals.stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
    }

    /** The stretches of consecutive hours marked {@code mark}, oldest first. */
    public List<Stretch> stretches(Mark mark) {
        List<Stretch> stretches = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= hours.size(); i++) {
            boolean marked = i < hours.size() && marks.get(i) == mark;
            if (marked && start < 0) {
                start = i;
            } else if (!marked && start >= 0) {
                Instant end = i < hours.size() ? hours.get(i) : hours.get(i - 1).plus(Duration.ofHours(1));
                stretches.add(new Stretch(mark, hours.get(start), end));
                start = -1;
            }
        }
        return stretches;
    }
}
