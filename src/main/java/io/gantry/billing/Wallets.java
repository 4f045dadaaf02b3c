package io.gantry.billing;

import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.db.tables.records.LedgerLineRecord;
import io.gantry.workload.Workloads;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Project wallets for other modules and for the platform's own work (the demo project's credit, metering): no user
 * check, joins the caller's transaction. People see and top up wallets through the wallet's service.
 */
@Component
@NamedInterface("api")
public class Wallets {

    private final WalletRepository repository;
    private final OrderRepository orders;
    private final Workloads workloads;
    private final Currency currency;
    private final Clock clock;

    Wallets(WalletRepository repository, OrderRepository orders, Workloads workloads, Currency billingCurrency,
            Clock clock) {
        this.repository = repository;
        this.orders = orders;
        this.workloads = workloads;
        this.currency = billingCurrency;
        this.clock = clock;
    }

    public Currency currency() {
        return currency;
    }

    @Transactional(readOnly = true)
    public Money balance(long projectId) {
        return Money.rounded(repository.balance(projectId), currency);
    }

    /** What the project's running work costs per hour now, at its orders' prices. */
    @Transactional(readOnly = true)
    public HourlyRate burnRate(long projectId) {
        List<Long> running = workloads.runningIn(projectId);
        BigDecimal perHour = running.isEmpty() ? BigDecimal.ZERO : orders.byWorkloads(running).stream()
                .map(order -> order.rate().perHour()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new HourlyRate(perHour, currency);
    }

    /**
     * Credits the project (a top-up, demo credit) and returns the ledger line's id. Refunds pay money back out of a
     * wallet and are made by people, through {@link WalletService#adjust}.
     *
     * @param byUserId who credited it, or null for the platform itself
     */
    @Transactional
    public long credit(long projectId, LedgerType type, Money amount, String note, Long byUserId) {
        if (type == LedgerType.CHARGE || type == LedgerType.REFUND || amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("a credit is positive: " + type + " " + amount);
        }
        repository.lock(projectId);
        LedgerLineRecord line = new LedgerLineRecord();
        line.setProjectId(projectId);
        line.setAt(clock.instant());
        line.setType(type.name());
        line.setAmount(amount.amount());
        line.setNote(note);
        line.setCreatedBy(byUserId);
        return repository.append(line);
    }
}
