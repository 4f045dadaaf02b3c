package io.gantry.billing.money;

import java.math.BigDecimal;
import java.util.Objects;

/** Hourly prices as an order keeps them: per device-hour, per CPU core-hour, per GiB of memory-hour; exact. */
public record UnitPrices(BigDecimal perDeviceHour, BigDecimal perCoreHour, BigDecimal perGibHour) {

    public UnitPrices {
        Objects.requireNonNull(perDeviceHour);
        Objects.requireNonNull(perCoreHour);
        Objects.requireNonNull(perGibHour);
    }
}
