package io.gantry.billing.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

/**
 * What a piece of work costs per hour: devices × device-hour price + cores × core-hour price + GiB × GiB-hour price,
 * exact (a MiB is 1/1024 GiB, a terminating decimal). Nothing here is rounded until it becomes {@link Money}.
 *
 * <p>The pro-rata rule, one for every minute: work is charged for the time it ran, to the millisecond. The charge for
 * the minute that starts at {@code m} is {@code cost(start → min(m + 1 min, end)) − cost(start → max(m, start))},
 * where {@code cost(start → t)} is the exact hourly rate × the time from start to t, rounded by {@link Money}'s rule.
 * A partial first or last minute costs its share; and because each minute's charge is a difference of rounded running
 * totals, the charges of a run always add up to its whole cost rounded once, however many minutes it had: no cent is
 * lost or made by rounding each minute.
 */
public record HourlyRate(BigDecimal perHour, Currency currency) {

    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    public static HourlyRate of(UnitPrices prices, int devices, int cpuCores, long memoryMib, Currency currency) {
        BigDecimal gib = BigDecimal.valueOf(memoryMib).divide(MIB_PER_GIB, MathContext.UNLIMITED);
        return new HourlyRate(prices.perDeviceHour().multiply(BigDecimal.valueOf(devices))
                .add(prices.perCoreHour().multiply(BigDecimal.valueOf(cpuCores)))
                .add(prices.perGibHour().multiply(gib)), currency);
    }

    /** The cost of one hour, rounded: what an order's first hour needs in the wallet. */
    public Money hour() {
        return Money.rounded(perHour, currency);
    }

    /** The cost of running this long, rounded once. */
    public Money cost(Duration ran) {
        if (ran.isNegative()) {
            throw new IllegalArgumentException("negative duration " + ran);
        }
        return Money.rounded(perHour.multiply(BigDecimal.valueOf(ran.toMillis()))
                .divide(MILLIS_PER_HOUR, MathContext.DECIMAL128), currency);
    }

    /**
     * The charge for the minute beginning at {@code minute} of work that started at {@code start} and ended at
     * {@code end} (null while it runs), by the rule above; zero for a minute it did not run in.
     */
    public Money chargeForMinute(Instant start, Instant end, Instant minute) {
        Instant from = minute.isBefore(start) ? start : minute;
        Instant minuteEnd = minute.plusSeconds(60);
        Instant to = end != null && end.isBefore(minuteEnd) ? end : minuteEnd;
        if (!to.isAfter(from)) {
            return Money.zero(currency);
        }
        return cost(Duration.between(start, to)).minus(cost(Duration.between(start, from)));
    }
}
