package io.gantry.billing;

import java.time.Instant;

/**
 * Which ledger lines the wallet page shows (AI-Stack 八.7): a transaction time range, a transaction type and a
 * service type; null leaves that part open.
 *
 * @param from lines at or after this instant
 * @param to lines before this instant
 * @param serviceType only charges carry one, so choosing it shows charges only
 */
public record LedgerFilter(Instant from, Instant to, LedgerType type, ServiceType serviceType) {

    public static final LedgerFilter ALL = new LedgerFilter(null, null, null, null);
}
