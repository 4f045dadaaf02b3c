package io.gantry.workload;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * Devices of one accelerator spec rented during one hour, by workloads of any kind.
 *
 * @param hourStart the start of the hour
 * @param deviceHours the device-hours the workloads held in it: the devices rented on average over the hour (two
 *                    devices for the whole hour and one device for half of it give 2.5)
 */
@NamedInterface("api")
public record RentedHour(long specId, Instant hourStart, BigDecimal deviceHours) {
}
