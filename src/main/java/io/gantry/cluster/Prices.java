package io.gantry.cluster;

import java.math.BigDecimal;

/** Hourly prices of a spec in the configured currency, as exact decimals. */
public record Prices(BigDecimal perDeviceHour, BigDecimal perCoreHour, BigDecimal perGibHour) {

    public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
}
