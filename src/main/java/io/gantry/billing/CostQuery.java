package io.gantry.billing;

import java.time.LocalDate;

/**
 * A cost analysis to make: the spending of the days from {@code from} to {@code to} (both included, days in Gantry's
 * time zone) by period and by one dimension.
 */
public record CostQuery(LocalDate from, LocalDate to, CostPeriod period, CostDimension dimension) {

    /** The longest range one analysis covers: ten years, 522 weeks at most. */
    public static final int MAX_YEARS = 10;
}
