package io.gantry.billing;

import io.gantry.billing.MeteringRepository.Chargeable;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.db.tables.records.LedgerLineRecord;
import io.gantry.db.tables.records.WalletRecord;
import io.gantry.monitoring.Notices;
import io.gantry.project.Projects;
import io.gantry.workload.MeteredWorkload;
import io.gantry.workload.Workloads;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Metering (DESIGN §6): charges the work that ran, minute by minute, at its order's prices. Run every minute by {@link
 * MeteringJob}; any number of runs, on any number of replicas, charge each (workload, minute) once.
 *
 * <p>The rule. Each complete minute a workload ran in (running or stopping, or ended after its last charged minute)
 * is one ledger line of type CHARGE keyed by (workload, minute), its amount {@link HourlyRate#chargeForMinute}: pro rata
 * for a partial first and last minute. Minutes not yet charged, from the minute after the last charged one (or the
 * minute it started) up to the last complete minute (or the minute it ended), are charged at once: minutes missed while
 * Gantry was down are caught up from the workload's start and end. A minute that costs nothing (the pro-rata rounding
 * of a cheap spec, a free spec) gets no line: nothing could be charged twice, and the ledger keeps only money.
 *
 * <p>The balance never goes below zero. Under its wallet's lock a project's charges are taken in time order; the one
 * that is more than what is left takes what is left, and then the project's running work is asked to stop with the
 * reason {@value #EXHAUSTED}; work stopped for that reason is never charged again. When what is left would run out
 * within {@code gantry.billing.warning} at the project's current burn rate, its managers and the owners of its running
 * work get one notice per wallet episode (until the next credit).
 */
@Component
public class Metering {

    public static final String EXHAUSTED = "workload.reason.balance-exhausted";
    static final String WARNING = "billing.notice.balance-low";
    static final String WALLET_PAGE = "account/wallet";
    /** Whole projects per transaction, up to about this many workloads: wallet locks are held that long. */
    static final int WORKLOADS_PER_TRANSACTION = 1_000;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final Workloads workloads;
    private final MeteringRepository meter;
    private final WalletRepository wallets;
    private final Notices notices;
    private final Projects projects;
    private final BillingProperties properties;
    private final java.util.Currency currency;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration catchUp;

    Metering(Workloads workloads, MeteringRepository meter, WalletRepository wallets, Notices notices,
             Projects projects, BillingProperties properties, java.util.Currency billingCurrency,
             PlatformTransactionManager transactionManager, Clock clock,
             @Value("${gantry.billing.catch-up:1d}") Duration catchUp) {
        this.workloads = workloads;
        this.meter = meter;
        this.wallets = wallets;
        this.notices = notices;
        this.projects = projects;
        this.properties = properties;
        this.currency = billingCurrency;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.catchUp = catchUp;
    }

    /**
     * What one tick did.
     *
     * @param lines the ledger lines it inserted
     * @param charged what they add up to (positive)
     * @param exhausted the projects whose balance ran out, whose running work was asked to stop
     */
    public record Tick(int lines, BigDecimal charged, Set<Long> exhausted) {

        static final Tick NONE = new Tick(0, BigDecimal.ZERO, Set.of());

        Tick plus(Tick other) {
            Set<Long> both = new HashSet<>(exhausted);
            both.addAll(other.exhausted);
            return new Tick(lines + other.lines, charged.add(other.charged), Set.copyOf(both));
        }
    }

    /**
     * Charges every complete minute not yet charged, up to the clock's current minute. Each batch of projects is one
     * transaction (it joins the caller's, if there is one).
     */
    public Tick tick() {
        Instant now = clock.instant();
        Instant through = now.truncatedTo(ChronoUnit.MINUTES);
        List<MeteredWorkload> ran = workloads.ranSince(through.minus(catchUp));
        Tick total = Tick.NONE;
        Map<Long, List<MeteredWorkload>> batch = new LinkedHashMap<>();
        int size = 0;
        for (int i = 0; i < ran.size(); i++) {
            MeteredWorkload w = ran.get(i);
            batch.computeIfAbsent(w.projectId(), p -> new ArrayList<>()).add(w);
            size++;
            boolean projectEnds = i + 1 == ran.size() || ran.get(i + 1).projectId() != w.projectId();
            if (projectEnds && (size >= WORKLOADS_PER_TRANSACTION || i + 1 == ran.size())) {
                Map<Long, List<MeteredWorkload>> these = batch;
                total = total.plus(transactions.execute(status -> charge(these, now, through)));
                batch = new LinkedHashMap<>();
                size = 0;
            }
        }
        if (total.lines() > 0 || !total.exhausted().isEmpty()) {
            LOG.debug("Metering: {} charges, {} in all; balance exhausted in projects {}", total.lines(),
                    total.charged(), total.exhausted());
        }
        return total;
    }

    private Tick charge(Map<Long, List<MeteredWorkload>> byProject, Instant now, Instant through) {
        Map<Long, WalletRecord> locked = wallets.lockAll(byProject.keySet());
        Map<Long, Chargeable> how = meter.chargeable(byProject.values().stream().flatMap(List::stream)
                .map(MeteredWorkload::id).toList());
        List<LedgerLineRecord> lines = new ArrayList<>();
        Set<Long> exhausted = new LinkedHashSet<>();
        for (var project : byProject.entrySet()) {
            long projectId = project.getKey();
            List<Due> due = new ArrayList<>();
            for (MeteredWorkload w : project.getValue()) {
                Chargeable c = how.get(w.id());
                if (c != null && !EXHAUSTED.equals(w.stopReason()) && c.rate().perHour().signum() > 0) {
                    due.addAll(due(w, c, through));
                }
            }
            due.sort(Comparator.comparing(Due::minute).thenComparing(d -> d.workload().id()));
            BigDecimal left = locked.get(projectId).getBalance();
            for (Due d : due) {
                BigDecimal take = d.amount().min(left);
                if (take.signum() > 0) {
                    lines.add(line(projectId, d, take, now));
                    left = left.subtract(take);
                }
                if (left.signum() == 0) {
                    exhausted.add(projectId);
                    break;
                }
            }
        }
        Map<Long, BigDecimal> inserted = meter.appendCharges(lines);
        for (long projectId : exhausted) {
            for (long id : workloads.runningIn(projectId)) {
                workloads.stop(id, EXHAUSTED, List.of());
            }
        }
        for (var project : byProject.entrySet()) {
            if (!exhausted.contains(project.getKey())) {
                BigDecimal balance = locked.get(project.getKey()).getBalance()
                        .add(inserted.getOrDefault(project.getKey(), BigDecimal.ZERO));
                warnIfLow(project.getKey(), project.getValue(), how, balance, now);
            }
        }
        BigDecimal charged = inserted.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).negate();
        return new Tick(lines.size(), charged, Set.copyOf(exhausted));
    }

    /** The minutes of the workload not yet charged, up to {@code through} (exclusive), with what each costs. */
    static List<Due> due(MeteredWorkload w, Chargeable c, Instant through) {
        Instant first = c.lastMinute() != null ? c.lastMinute().plus(MINUTE)
                : w.startedAt().truncatedTo(ChronoUnit.MINUTES);
        Instant end = through;
        if (w.endedAt() != null) {
            Instant endMinute = w.endedAt().truncatedTo(ChronoUnit.MINUTES);
            Instant afterEnd = endMinute.equals(w.endedAt()) ? endMinute : endMinute.plus(MINUTE);
            end = afterEnd.isBefore(through) ? afterEnd : through;
        }
        List<Due> due = new ArrayList<>();
        for (Instant minute = first; minute.isBefore(end); minute = minute.plus(MINUTE)) {
            Money amount = c.rate().chargeForMinute(w.startedAt(), w.endedAt(), minute);
            if (!amount.isZero()) {
                due.add(new Due(w, c, minute, amount.amount()));
            }
        }
        return due;
    }

    record Due(MeteredWorkload workload, Chargeable chargeable, Instant minute, BigDecimal amount) {
    }

    private static LedgerLineRecord line(long projectId, Due d, BigDecimal amount, Instant now) {
        LedgerLineRecord line = new LedgerLineRecord();
        line.setProjectId(projectId);
        line.setAt(now);
        line.setType(LedgerType.CHARGE.name());
        line.setAmount(amount.negate());
        line.setWorkloadId(d.workload().id());
        line.setChargedMinute(d.minute());
        line.setServiceType(d.chargeable().serviceType().name());
        line.setSpecId(d.chargeable().specId());
        line.setUserId(d.workload().userId());
        return line;
    }

    /**
     * Tells the project's managers and its running work's owners when its balance would run out within the warning
     * time at the rate its running work costs now (what {@link Wallets#burnRate} says, summed here from the orders
     * already read). One notice per person per wallet episode: the key names the latest credit.
     */
    private void warnIfLow(long projectId, List<MeteredWorkload> ran, Map<Long, Chargeable> how, BigDecimal balance,
                           Instant now) {
        BigDecimal perHour = BigDecimal.ZERO;
        Set<Long> recipients = new LinkedHashSet<>();
        for (MeteredWorkload w : ran) {
            Chargeable c = how.get(w.id());
            if (w.running() && c != null && !EXHAUSTED.equals(w.stopReason())) {
                perHour = perHour.add(c.rate().perHour());
                recipients.add(w.userId());
            }
        }
        if (perHour.signum() <= 0) {
            return;
        }
        // balance / perHour hours left, compared in seconds without dividing: balance × 3600 < perHour × warning.
        BigDecimal warningSeconds = BigDecimal.valueOf(properties.warning().toSeconds());
        if (balance.multiply(BigDecimal.valueOf(3600)).compareTo(perHour.multiply(warningSeconds)) >= 0) {
            return;
        }
        long minutesLeft = balance.multiply(BigDecimal.valueOf(60)).divide(perHour, 0, RoundingMode.DOWN)
                .longValueExact();
        List<Long> managers = projects.managers(projectId);
        Set<Long> everyone = new LinkedHashSet<>(managers);
        everyone.addAll(recipients);
        String key = "wallet-low:" + projectId + ":" + meter.lastCredit(projectId).orElse(0L);
        String name = projects.project(projectId).name();
        List<Object> arguments = List.of(name, Money.rounded(balance, currency).amount().toPlainString(),
                currency.getCurrencyCode(), minutesLeft, new HourlyRate(perHour, currency).hour().amount()
                        .toPlainString());
        boolean sent = false;
        for (long userId : everyone) {
            sent |= notices.notifyOnce(userId, key, WARNING, arguments, WALLET_PAGE);
        }
        if (sent) {
            meter.warned(projectId, now);
        }
    }
}
