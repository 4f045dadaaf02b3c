package io.gantry.billing;

import io.gantry.db.tables.records.LedgerLineRecord;
import java.math.BigDecimal;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Usage charges as metering appends them (the wallet's lock held, the balance moved), for the wallet's tests. */
public final class TestCharges {

    private TestCharges() {
    }

    /** Charges the project this amount for the user's work of this service type, now. */
    public static void charge(ApplicationContext context, long projectId, String amount, ServiceType serviceType,
                              Long userId) {
        WalletRepository wallets = context.getBean(WalletRepository.class);
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            wallets.lock(projectId);
            LedgerLineRecord line = new LedgerLineRecord();
            line.setProjectId(projectId);
            line.setAt(context.getBean(Clock.class).instant());
            line.setType(LedgerType.CHARGE.name());
            line.setAmount(new BigDecimal(amount).negate());
            line.setServiceType(serviceType.name());
            line.setUserId(userId);
            wallets.append(line);
        });
    }
}
