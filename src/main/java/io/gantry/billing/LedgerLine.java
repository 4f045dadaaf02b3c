package io.gantry.billing;

import io.gantry.billing.money.Money;
import java.time.Instant;

/**
 * One line of a project's ledger.
 *
 * @param amount positive for credits, negative for charges
 * @param workloadId what a charge is for, null for a credit
 * @param minute the minute a charge is for, null for a credit
 */
public record LedgerLine(long id, long projectId, Instant at, LedgerType type, Money amount, String note,
                         Long createdBy, Long workloadId, Instant minute, ServiceType serviceType, Long specId,
                         Long userId) {
}
