package io.gantry.billing;

import io.gantry.billing.money.Money;
import java.time.Duration;
import java.util.Optional;

/**
 * What the wallet page shows of a project's wallet, read in one call.
 *
 * @param burnPerHour what the project's running work costs per hour now, at its orders' prices
 * @param timeLeft how long the balance lasts at that rate; empty while nothing costs anything
 * @param demoCreditLeft how much of the balance is still demo credit (see {@link WalletService#summary})
 * @param canAdjust whether the reader may top up and refund (BILLING_MANAGE)
 */
public record WalletSummary(long projectId, String projectName, Money balance, Money burnPerHour,
                            Optional<Duration> timeLeft, Money demoCreditLeft, boolean canAdjust) {

    public boolean hasDemoCredit() {
        return !demoCreditLeft.isZero();
    }
}
