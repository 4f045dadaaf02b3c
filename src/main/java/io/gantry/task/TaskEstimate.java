package io.gantry.task;

import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.broker.BrokerRequests;

/**
 * What the run-task form and its summary show beside the fields.
 *
 * @param quotaLeft what of the chosen spec's quota the project's running work does not hold; null before a spec
 * @param perHour what it costs per hour; null until devices and flavor are chosen
 * @param preview what the broker would do with it now; null until it can tell
 * @param needsApproval whether it would wait for a manager's approval (above the project's threshold)
 */
public record TaskEstimate(Integer quotaLeft, Money balance, HourlyRate perHour, BrokerRequests.Preview preview,
                           boolean needsApproval) {
}
