package io.gantry.billing;

import io.gantry.billing.money.Money;
import java.time.Instant;

/**
 * A ledger line as the wallet page and its CSV show it, with the names it refers to.
 *
 * @param amount positive for credits, negative for charges and refunds
 * @param workloadName the name of the work a charge is for, as it was ordered
 * @param specName the spec a charge is for, as it was ordered
 * @param username whose work a charge is for
 * @param createdBy who made a top-up or refund; null for the platform's own lines
 */
public record LedgerEntry(long id, Instant at, LedgerType type, Money amount, ServiceType serviceType,
                          String workloadName, String specName, String username, String note, String createdBy) {
}
