package io.gantry.billing;

import io.gantry.audit.OperationLog;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.db.tables.records.LedgerLineRecord;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.Project;
import io.gantry.project.Projects;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's wallet for people (AI-Stack 八.7): its balance, what its running work burns per hour and how long the
 * balance lasts, its ledger filtered and paged in SQL, newest first, and as a CSV file. Members and managers see
 * their projects' wallets, holders of BILLING_MANAGE every project's; to anyone else a project's wallet does not
 * exist. Holders of BILLING_MANAGE top up and refund, each with a note and a line in the operation log.
 */
@Service
@RolesAllowed({Permission.Names.BILLING_VIEW, Permission.Names.BILLING_MANAGE})
public class WalletService {

    public static final int NOTE_MAX = 500;
    /** How many lines the CSV export reads at a time: a keyset page, so a long ledger never sits in memory. */
    static final int EXPORT_PAGE = 1000;

    private final WalletRepository wallets;
    private final LedgerRepository ledger;
    private final Wallets internal;
    private final Projects projects;
    private final UserDirectory users;
    private final OperationLog operationLog;
    private final Currency currency;
    private final Clock clock;

    WalletService(WalletRepository wallets, LedgerRepository ledger, Wallets internal, Projects projects,
                  UserDirectory users, OperationLog operationLog, Currency billingCurrency, Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.internal = internal;
        this.projects = projects;
        this.users = users;
        this.operationLog = operationLog;
        this.currency = billingCurrency;
        this.clock = clock;
    }

    public Currency currency() {
        return currency;
    }

    /** The projects whose wallet the signed-in user may see, by name: their own, or all for BILLING_MANAGE. */
    @Transactional(readOnly = true)
    public List<Project> projects() {
        SignedInUser me = me();
        return managesWallets(me) ? projects.all() : projects.ofUser(me.id());
    }

    /** Whether the signed-in user may top up and refund. */
    public boolean canAdjust() {
        return managesWallets(me());
    }

    /**
     * The wallet as its page shows it. Demo credit is spent first: of the balance, what is still demo credit is the
     * demo credit granted less everything charged so far (never more than the balance, never below zero), so the
     * label goes once the project's work has used up what it was given, whatever was topped up meanwhile.
     */
    @Transactional(readOnly = true)
    public WalletSummary summary(long projectId) {
        Project project = visible(projectId);
        Money balance = internal.balance(projectId);
        HourlyRate rate = internal.burnRate(projectId);
        Optional<Duration> timeLeft = rate.perHour().signum() <= 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(balance.amount().multiply(BigDecimal.valueOf(3_600_000))
                        .divide(rate.perHour(), 0, RoundingMode.DOWN).longValueExact()));
        LedgerRepository.DemoAndCharges sums = ledger.demoAndCharges(projectId);
        BigDecimal demoLeft = sums.demoCredit().subtract(sums.charged()).min(balance.amount()).max(BigDecimal.ZERO);
        return new WalletSummary(projectId, project.name(), balance, rate.hour(), timeLeft,
                Money.rounded(demoLeft, currency), managesWallets(me()));
    }

    /** A page of the project's ledger matching the filter, newest first. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> ledger(long projectId, LedgerFilter filter, int offset, int limit) {
        visible(projectId);
        return named(ledger.page(projectId, filter, offset, limit));
    }

    /** How many lines {@link #ledger} pages through, counted in SQL. */
    @Transactional(readOnly = true)
    public int countLedger(long projectId, LedgerFilter filter) {
        visible(projectId);
        return ledger.count(projectId, filter);
    }

    /**
     * Writes the lines matching the filter as CSV ({@link LedgerCsv}: UTF-8 with a byte order mark), in the page's
     * order, in the words and time zone given. Read a page at a time, each page in a short read of its own: a slow
     * download holds no database connection.
     */
    public void exportCsv(long projectId, LedgerFilter filter, Wording words, ZoneId zone, OutputStream out)
            throws IOException {
        visible(projectId);
        try (LedgerCsv csv = new LedgerCsv(out, words, zone, currency.getCurrencyCode())) {
            LedgerRepository.Row last = null;
            List<LedgerRepository.Row> rows;
            do {
                rows = ledger.after(projectId, filter, last, EXPORT_PAGE);
                for (LedgerEntry entry : named(rows)) {
                    csv.write(entry);
                }
                last = rows.isEmpty() ? null : rows.getLast();
            } while (rows.size() == EXPORT_PAGE);
        }
    }

    /**
     * Tops up the project's wallet or refunds from it (AI-Stack 八.7's admins), with a note. The amount is typed text,
     * read by {@link Money#parse}: positive, at most the currency's decimals, below {@link Money#MOST}. A refund pays
     * money back out of the wallet, so it may not take the balance below zero. Nothing is saved on any refusal.
     *
     * @param type {@link LedgerType#TOP_UP} or {@link LedgerType#REFUND}
     * @return the ledger line's id
     */
    @Transactional
    @RolesAllowed(Permission.Names.BILLING_MANAGE)
    public long adjust(long projectId, LedgerType type, String amount, String note) {
        if (type != LedgerType.TOP_UP && type != LedgerType.REFUND) {
            throw new IllegalArgumentException("only top-ups and refunds are made by hand: " + type);
        }
        Project project = visible(projectId);
        InvalidInput.Collector problems = InvalidInput.collect();
        Money.Parsed parsed = Money.parse(amount, currency);
        parsed.refusal().ifPresent(refusal -> problems.add("amount", switch (refusal) {
            case REQUIRED -> "field.required";
            case NOT_A_NUMBER -> "wallet.amount.not-a-number";
            case NOT_POSITIVE -> "wallet.amount.not-positive";
            case TOO_MANY_DECIMALS -> "wallet.amount.too-many-decimals";
            case TOO_LARGE -> "wallet.amount.too-large";
        }, Money.digits(currency), currency.getCurrencyCode(), Money.MOST.toPlainString()));
        if (note == null || note.isBlank()) {
            problems.add("note", "wallet.note.required");
        } else if (note.strip().length() > NOTE_MAX) {
            problems.add("note", "field.too-long", NOTE_MAX);
        }
        problems.throwIfAny();
        Money money = parsed.money().orElseThrow();
        // Held until the commit: a charge or an order in between cannot spend what this refund is checked against.
        Money balance = Money.rounded(wallets.lock(projectId), currency);
        if (type == LedgerType.REFUND && money.compareTo(balance) > 0) {
            throw new InvalidInput("amount", "wallet.refund.beyond-balance", balance.amount().toPlainString(),
                    currency.getCurrencyCode());
        }
        SignedInUser me = me();
        LedgerLineRecord line = new LedgerLineRecord();
        line.setProjectId(projectId);
        line.setAt(clock.instant());
        line.setType(type.name());
        line.setAmount(type == LedgerType.REFUND ? money.negate().amount() : money.amount());
        line.setNote(note.strip());
        line.setCreatedBy(me.id());
        long id = wallets.append(line);
        operationLog.record(type == LedgerType.TOP_UP ? "wallet.top-up" : "wallet.refund", "project:" + project.name(),
                "oplog.details.wallet", money.amount().toPlainString(), currency.getCurrencyCode(), note.strip());
        return id;
    }

    private List<LedgerEntry> named(List<LedgerRepository.Row> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> {
            if (row.userId() != null) {
                ids.add(row.userId());
            }
            if (row.createdBy() != null) {
                ids.add(row.createdBy());
            }
        });
        Map<Long, UserRef> named = users.byId(ids);
        return rows.stream().map(row -> new LedgerEntry(row.id(), row.at(), row.type(),
                Money.rounded(row.amount(), currency), row.serviceType(), row.workloadName(), row.specName(),
                username(named, row.userId()), row.note(), username(named, row.createdBy()))).toList();
    }

    private static String username(Map<Long, UserRef> named, Long id) {
        UserRef user = id == null ? null : named.get(id);
        return user == null ? null : user.username();
    }

    /** The project, if the signed-in user may see its wallet; otherwise it does not exist for them. */
    private Project visible(long projectId) {
        SignedInUser me = me();
        Project project = projects.project(projectId);
        if (!managesWallets(me) && projects.roleOf(projectId, me.id()).isEmpty()) {
            throw new NotFound("project");
        }
        return project;
    }

    private static boolean managesWallets(SignedInUser user) {
        return user.has(Permission.BILLING_MANAGE) && !user.mustChangePassword();
    }

    private static SignedInUser me() {
        return CurrentUser.get().orElseThrow();
    }
}
