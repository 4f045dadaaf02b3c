package io.gantry.billing;

import static io.gantry.db.Tables.NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.AdjustableClock;
import io.gantry.billing.MeteringFixtures.Charge;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.workload.Phase;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadReconciler;
import io.gantry.workload.Workloads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Metering (DESIGN §6): each complete minute of running work charged once at its order's prices, pro rata for a partial
 * first and last minute, caught up after downtime, never below a zero balance, with a warning before it runs out. The
 * tick is run by hand as the per-minute job would run it, on a clock the test moves; the job may also run meanwhile,
 * so tests look at the ledger, never at what one tick reports. Run on H2 and on PostgreSQL.
 */
abstract class MeteringContract {

    static final String FUNDS = TestProjects.FUNDS;

    @Autowired
    ApplicationContext context;
    @Autowired
    Metering metering;
    @Autowired
    Wallets wallets;
    @Autowired
    Orders orders;
    @Autowired
    Workloads workloads;
    @Autowired
    ProjectService projects;
    @Autowired
    ContainerService containers;
    @Autowired
    ClusterService cluster;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Clock appClock;

    AdjustableClock clock;
    TestAccounts accounts;
    MeteringFixtures fixtures;
    long ownerId;
    String owner;
    /** The start of a minute a little ahead of the real time, where each test starts its work. */
    Instant minute;

    @BeforeEach
    void setUp() {
        assertThat(appClock).as("the application runs on the test's clock").isInstanceOf(AdjustableClock.class);
        clock = (AdjustableClock) appClock;
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixtures = new MeteringFixtures(db);
        owner = TestAccounts.uniqueName("mt");
        ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        minute = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
        clock.set(minute);
    }

    @AfterEach
    void tearDown() {
        fixtures.endAll(clock.instant());
        accounts.signOut();
        clock.reset();
    }

    long fundedProject() {
        return new TestProjects(projects).funded(wallets).create(List.of(), ownerId);
    }

    long projectWith(String balance) {
        long projectId = new TestProjects(projects).create(List.of(), ownerId);
        wallets.credit(projectId, LedgerType.TOP_UP, new Money(new BigDecimal(balance), wallets.currency()), "test",
                null);
        return projectId;
    }

    void assertBalanced(long projectId) {
        assertThat(fixtures.duplicates(projectId)).isZero();
        assertThat(fixtures.balance(projectId)).isEqualByComparingTo(fixtures.ledgerSum(projectId));
        var summaryAndLedger = fixtures.spendingSummaryAndLedger(projectId);
        assertThat(summaryAndLedger.getFirst()).as("hourly spending summary").isEqualTo(summaryAndLedger.getLast());
    }

    static Charge charge(Instant minute, String amount) {
        return new Charge(minute, new BigDecimal(amount).stripTrailingZeros());
    }

    @Test
    void chargesEachCompleteMinuteOnceProRataForThePartialFirst() {
        long projectId = fundedProject();
        long id = fixtures.running(projectId, ownerId, minute.plusSeconds(20), "6.00");
        clock.set(minute.plus(Duration.ofMinutes(3)).plusSeconds(10));

        metering.tick();
        metering.tick();

        // 6.00 an hour: 40 s cost 0.0667, rounded 0.07; then 0.17 − 0.07 and 0.27 − 0.17. The running minute waits.
        assertThat(fixtures.charges(id)).containsExactly(charge(minute, "0.07"),
                charge(minute.plusSeconds(60), "0.10"), charge(minute.plusSeconds(120), "0.10"));
        assertThat(fixtures.balance(projectId)).isEqualByComparingTo(new BigDecimal(FUNDS).subtract(
                new BigDecimal("0.27")));
        assertBalanced(projectId);
        var line = db.selectFrom(io.gantry.db.Tables.LEDGER_LINE).where(io.gantry.db.Tables.LEDGER_LINE.WORKLOAD_ID
                .eq(id)).orderBy(io.gantry.db.Tables.LEDGER_LINE.CHARGED_MINUTE).fetch().getFirst();
        assertThat(line.getType()).isEqualTo("CHARGE");
        assertThat(line.getServiceType()).isEqualTo("CONTAINER");
        assertThat(line.getSpecId()).isEqualTo(1L);
        assertThat(line.getUserId()).isEqualTo(ownerId);
        assertThat(line.getProjectId()).isEqualTo(projectId);
    }

    @Test
    void aRestartAfterTenMinutesDownCatchesUpExactlyThoseMinutes() {
        long projectId = fundedProject();
        long running = fixtures.running(projectId, ownerId, minute, "6.00");
        long endedMeanwhile = fixtures.running(projectId, ownerId, minute, "6.00");
        clock.set(minute.plusSeconds(65));
        metering.tick();
        assertThat(fixtures.charges(running)).containsExactly(charge(minute, "0.10"));

        // Down for ten minutes: the second one ended at 4 min 30 s in, as its holder recorded when it came back.
        fixtures.ended(endedMeanwhile, minute.plus(Duration.ofMinutes(4)).plusSeconds(30));
        clock.advance(Duration.ofMinutes(10));
        metering.tick();

        List<Charge> charges = fixtures.charges(running);
        assertThat(charges).hasSize(11);
        assertThat(charges).extracting(Charge::minute).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 11).mapToObj(i -> minute.plus(Duration.ofMinutes(i))).toList());
        assertThat(charges).extracting(Charge::amount).containsOnly(new BigDecimal("0.1"));
        // 4.5 minutes of 6.00 an hour: 0.45, the last half minute 0.05.
        assertThat(fixtures.charges(endedMeanwhile)).extracting(Charge::amount).containsExactly(
                new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("0.1"),
                new BigDecimal("0.05"));
        assertBalanced(projectId);
    }

    @Test
    void theClusteredJobRunsEveryMinuteAndChargesAsATickDoes() throws Exception {
        Scheduler scheduler = context.getBean(Scheduler.class);
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey("metering", "billing"));
        assertThat(trigger).isInstanceOfSatisfying(CronTrigger.class, cron -> {
            assertThat(cron.getCronExpression()).isEqualTo("5 * * * * ?");
            assertThat(cron.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        });
        assertThat(scheduler.getJobDetail(trigger.getJobKey()).getJobClass()).isEqualTo(MeteringJob.class);
        long projectId = fundedProject();
        long id = fixtures.running(projectId, ownerId, minute, "6.00");
        clock.set(minute.plus(Duration.ofMinutes(2)));

        // Run here as Quartz runs it, rather than fired through the job store: the test's clock is this context's.
        context.getAutowireCapableBeanFactory().createBean(MeteringJob.class).executeInternal(null);

        assertThat(fixtures.charges(id)).hasSize(2);
        assertBalanced(projectId);
    }

    @Test
    void theSameMinuteRunTwiceAndAfterACrashBeforeCommitIsChargedOnce() {
        long projectId = fundedProject();
        long id = fixtures.running(projectId, ownerId, minute, "6.00");
        clock.set(minute.plus(Duration.ofMinutes(2)));
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        // The charges are inserted and the balance moved, then the process fails before the commit.
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            metering.tick();
            assertThat(fixtures.charges(id)).hasSize(2);
            throw new IllegalStateException("crash before the commit");
        })).hasMessage("crash before the commit");
        assertThat(fixtures.charges(id)).isEmpty();
        assertThat(fixtures.balance(projectId)).isEqualByComparingTo(FUNDS);

        metering.tick();
        metering.tick();

        assertThat(fixtures.charges(id)).containsExactly(charge(minute, "0.10"),
                charge(minute.plusSeconds(60), "0.10"));
        assertBalanced(projectId);
    }

    @Test
    void theLastChargeTakesWhatIsLeftThenTheWorkStopsAndChargesStop() {
        long projectId = projectWith("0.25");
        long first = fixtures.running(projectId, ownerId, minute, "6.00");
        long second = fixtures.running(projectId, ownerId, minute.plusSeconds(60), "6.00");
        clock.set(minute.plus(Duration.ofMinutes(5)));

        metering.tick();

        // In time order: 0.10 (first), 0.10 (first), then 0.05 of the second's 0.10, which was all that was left.
        assertThat(fixtures.charges(first)).containsExactly(charge(minute, "0.10"),
                charge(minute.plusSeconds(60), "0.10"));
        assertThat(fixtures.charges(second)).containsExactly(charge(minute.plusSeconds(60), "0.05"));
        assertThat(fixtures.balance(projectId)).isEqualByComparingTo("0");
        for (long id : List.of(first, second)) {
            Workload stopped = workloads.find(id).orElseThrow();
            assertThat(stopped.phase()).isIn(Phase.STOPPING, Phase.STOPPED);
            assertThat(stopped.stopReason()).isEqualTo(Metering.EXHAUSTED);
            assertThat(workloads.events(id).getLast().reason()).isEqualTo(Metering.EXHAUSTED);
        }

        // Nothing more, even once the wallet is topped up again.
        clock.advance(Duration.ofMinutes(5));
        metering.tick();
        wallets.credit(projectId, LedgerType.TOP_UP, new Money(new BigDecimal("10"), wallets.currency()), "more",
                null);
        metering.tick();
        assertThat(fixtures.charges(first)).hasSize(2);
        assertThat(fixtures.charges(second)).hasSize(1);
        assertThat(fixtures.balance(projectId)).isEqualByComparingTo("10");
        assertBalanced(projectId);
    }

    @Test
    void managersAndOwnersAreWarnedOnceBeforeTheWalletRunsOut() {
        long projectId = projectWith("2.00");
        long adminId = accounts.signInAsAdmin().id();
        long otherOwner = accounts.create(TestAccounts.uniqueName("mt"), PresetRole.USER);
        fixtures.running(projectId, ownerId, minute, "3.00");
        fixtures.running(projectId, otherOwner, minute, "3.00");
        clock.set(minute.plus(Duration.ofMinutes(1)));

        metering.tick();
        clock.advance(Duration.ofMinutes(1));
        metering.tick();
        metering.tick();

        // 6.00 an hour from 1.80: 18 minutes, within the 30-minute warning.
        var sent = db.selectFrom(NOTICE).where(NOTICE.DEDUP_KEY.startsWith("wallet-low:" + projectId + ":"))
                .orderBy(NOTICE.USER_ID).fetch();
        assertThat(sent).extracting(n -> n.getUserId()).containsExactlyInAnyOrder(adminId, ownerId, otherOwner);
        assertThat(sent).allSatisfy(n -> {
            assertThat(n.getMessageKey()).isEqualTo(Metering.WARNING);
            assertThat(n.getLink()).isEqualTo("account/wallet");
            assertThat(n.getArguments()).contains("1.90", "CNY", "19", "6.00");
        });
    }

    @Test
    void aWalletThatLastsBeyondTheWarningTimeWarnsNobody() {
        long projectId = projectWith("4.00");
        fixtures.running(projectId, ownerId, minute, "6.00");
        clock.set(minute.plus(Duration.ofMinutes(1)));

        metering.tick();

        // 3.90 at 6.00 an hour: 39 minutes.
        assertThat(db.fetchCount(NOTICE, NOTICE.DEDUP_KEY.startsWith("wallet-low:" + projectId + ":"))).isZero();
    }

    @Test
    void aRealContainerPaysItsFirstAndLastMinutePartly() {
        AcceleratorSpec spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        long flavorId = cluster.flavors(spec.id()).getFirst().id();
        FrameworkImage image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password"))
                .findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        long projectId = testProjects.create(List.of(new Quota(spec.id(), 1, null)), ownerId);
        clock.set(minute.plusSeconds(20));
        accounts.signInAs(owner);
        Container container = containers.create(new ContainerForm(projectId, "metered", image.id(), spec.id(), 1,
                flavorId, 64, Set.of(), "Container-Pass-1", "Terminal-Pass-1", null, true));
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return containers.container(container.id()).state() == Phase.RUNNING;
        });
        clock.set(minute.plus(Duration.ofMinutes(2)).plusSeconds(45));
        containers.stop(container.id());
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return containers.container(container.id()).state() == Phase.STOPPED;
        });
        accounts.signInAsAdmin();
        Workload ran = workloads.find(container.workloadId()).orElseThrow();
        HourlyRate rate = orders.ofWorkload(ran.id()).orElseThrow().rate();
        assertThat(rate.perHour()).isPositive();
        assertThat(ran.startedAt()).isEqualTo(minute.plusSeconds(20));
        assertThat(ran.endedAt()).isEqualTo(minute.plus(Duration.ofMinutes(2)).plusSeconds(45));
        clock.advance(Duration.ofMinutes(5));

        metering.tick();
        metering.tick();

        List<Charge> charges = fixtures.charges(ran.id());
        assertThat(charges).extracting(Charge::minute).containsExactly(minute, minute.plusSeconds(60),
                minute.plusSeconds(120));
        // 40 s, 60 s and 45 s, each a difference of rounded running totals; together the whole run rounded once.
        assertThat(charges.getFirst().amount()).isEqualByComparingTo(rate.cost(Duration.ofSeconds(40)).amount());
        assertThat(charges.get(2).amount()).isEqualByComparingTo(rate.cost(Duration.ofSeconds(145)).amount()
                .subtract(rate.cost(Duration.ofSeconds(100)).amount()));
        assertThat(charges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(rate.cost(Duration.ofSeconds(145)).amount());
        assertBalanced(projectId);
    }
}
