package io.gantry.billing;

import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.UnitPrices;
import java.time.Instant;
import java.util.Currency;

/**
 * A request for resources as it was ordered, with the unit prices of that moment and its approval record.
 *
 * @param decidedBy who approved or rejected it, null until decided (or when that user is gone)
 * @param decisionMessage the manager's message; required for a rejection
 */
public record Order(long id, long workloadId, long projectId, long userId, ServiceType serviceType, String name,
                    long specId, String specName, int devices, int cpuCores, long memoryMib, Instant startAt,
                    Instant endAt, Integer runHours, Currency currency, UnitPrices prices, Instant orderedAt,
                    Approval approval, Long decidedBy, Instant decidedAt, String decisionMessage) {

    public HourlyRate rate() {
        return HourlyRate.of(prices, devices, cpuCores, memoryMib, currency);
    }
}
