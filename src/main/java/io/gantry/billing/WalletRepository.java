package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.WALLET;

import io.gantry.billing.money.Money;
import io.gantry.db.tables.records.LedgerLineRecord;
import java.math.BigDecimal;
import java.util.Currency;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Wallets and their ledger: every append changes the balance by the same amount in the same transaction. */
@Repository
class WalletRepository {

    private final DSLContext db;

    WalletRepository(DSLContext db) {
        this.db = db;
    }

    /** The project's balance; zero for a project that never had a ledger line. */
    BigDecimal balance(long projectId) {
        BigDecimal balance = db.select(WALLET.BALANCE).from(WALLET).where(WALLET.PROJECT_ID.eq(projectId))
                .fetchOne(WALLET.BALANCE);
        return balance == null ? BigDecimal.ZERO : balance;
    }

    /**
     * Locks the project's wallet (making it if it has none) until the transaction ends and returns its balance: what
     * changes a balance, or decides by it, holds this lock, so two of them never read the same balance.
     */
    BigDecimal lock(long projectId) {
        db.insertInto(WALLET).set(WALLET.PROJECT_ID, projectId).set(WALLET.BALANCE, BigDecimal.ZERO)
                .onConflictDoNothing().execute();
        return db.select(WALLET.BALANCE).from(WALLET).where(WALLET.PROJECT_ID.eq(projectId)).forUpdate()
                .fetchSingle(WALLET.BALANCE);
    }

    /** Appends a line and moves the balance by its amount; the caller holds the wallet's {@link #lock}. */
    long append(LedgerLineRecord line) {
        long id = db.insertInto(LEDGER_LINE).set(line).returning(LEDGER_LINE.ID).fetchOne().getId();
        db.update(WALLET).set(WALLET.BALANCE, WALLET.BALANCE.plus(line.getAmount()))
                .where(WALLET.PROJECT_ID.eq(line.getProjectId())).execute();
        return id;
    }

    static LedgerLine toLine(LedgerLineRecord r, Currency currency) {
        return new LedgerLine(r.getId(), r.getProjectId(), r.getAt(), LedgerType.valueOf(r.getType()),
                Money.rounded(r.getAmount(), currency), r.getNote(), r.getCreatedBy(), r.getWorkloadId(),
                r.getMinute(), r.getServiceType() == null ? null : ServiceType.valueOf(r.getServiceType()),
                r.getSpecId(), r.getUserId());
    }
}
