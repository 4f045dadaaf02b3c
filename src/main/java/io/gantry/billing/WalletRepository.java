package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.WALLET;

import io.gantry.billing.money.Money;
import io.gantry.db.tables.records.LedgerLineRecord;
import io.gantry.db.tables.records.WalletRecord;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Wallets and their ledger: every append changes the balance by the same amount in the same transaction. */
@Repository
class WalletRepository {

    private final DSLContext db;
    private final CostHourRepository costHours;

    WalletRepository(DSLContext db, CostHourRepository costHours) {
        this.db = db;
        this.costHours = costHours;
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

    /**
     * {@link #lock} for several projects in one statement, taken in the order of their ids so that two callers locking
     * overlapping sets never wait for each other in a circle; returns each wallet as it is now.
     */
    Map<Long, WalletRecord> lockAll(Collection<Long> projectIds) {
        List<Long> ids = projectIds.stream().sorted().distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        var missing = db.insertInto(WALLET, WALLET.PROJECT_ID, WALLET.BALANCE);
        for (long id : ids) {
            missing = missing.values(id, BigDecimal.ZERO);
        }
        missing.onConflictDoNothing().execute();
        Map<Long, WalletRecord> wallets = new LinkedHashMap<>();
        for (WalletRecord wallet : db.selectFrom(WALLET).where(WALLET.PROJECT_ID.in(ids)).orderBy(WALLET.PROJECT_ID)
                .forUpdate().fetch()) {
            wallets.put(wallet.getProjectId(), wallet);
        }
        return wallets;
    }

    /** Appends a line and moves the balance by its amount; the caller holds the wallet's {@link #lock}. */
    long append(LedgerLineRecord line) {
        long id = db.insertInto(LEDGER_LINE).set(line).returning(LEDGER_LINE.ID).fetchOne().getId();
        db.update(WALLET).set(WALLET.BALANCE, WALLET.BALANCE.plus(line.getAmount()))
                .where(WALLET.PROJECT_ID.eq(line.getProjectId())).execute();
        if (LedgerType.CHARGE.name().equals(line.getType())) {
            costHours.add(CostHourRepository.Key.of(line.getAt(), line.getProjectId(), line.getUserId(),
                    line.getSpecId(), line.getServiceType()), line.getAmount());
        }
        return id;
    }

    static LedgerLine toLine(LedgerLineRecord r, Currency currency) {
        return new LedgerLine(r.getId(), r.getProjectId(), r.getAt(), LedgerType.valueOf(r.getType()),
                Money.rounded(r.getAmount(), currency), r.getNote(), r.getCreatedBy(), r.getWorkloadId(),
                r.getChargedMinute(), r.getServiceType() == null ? null : ServiceType.valueOf(r.getServiceType()),
                r.getSpecId(), r.getUserId());
    }
}
