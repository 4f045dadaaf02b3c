package io.gantry.billing;

import io.gantry.billing.money.Money;
import io.gantry.db.tables.records.LedgerLineRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger lines of known amounts at known times, written as the wallet writes them (the wallet locked, the balance
 * moved with the line). A charge is preceded by a top-up of the same amount, so that the balance never goes below
 * zero whatever the project held.
 */
public final class TestLedger {

    private final WalletRepository repository;
    private final Wallets wallets;
    private final TransactionTemplate transaction;

    public TestLedger(ApplicationContext context) {
        this.repository = context.getBean(WalletRepository.class);
        this.wallets = context.getBean(Wallets.class);
        this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /** A usage charge of {@code amount} (written positive, stored negative) for a user's work at an instant. */
    public void charge(long projectId, long userId, ServiceType serviceType, long specId, Instant at, String amount) {
        BigDecimal exact = new BigDecimal(amount);
        transaction.executeWithoutResult(status -> {
            wallets.credit(projectId, LedgerType.TOP_UP, new Money(exact, wallets.currency()), "test charge cover",
                    null);
            repository.lock(projectId);
            LedgerLineRecord line = new LedgerLineRecord();
            line.setProjectId(projectId);
            line.setAt(at);
            line.setType(LedgerType.CHARGE.name());
            line.setAmount(exact.negate());
            line.setChargedMinute(at.truncatedTo(ChronoUnit.MINUTES));
            line.setServiceType(serviceType.name());
            line.setSpecId(specId);
            line.setUserId(userId);
            repository.append(line);
        });
    }
}
