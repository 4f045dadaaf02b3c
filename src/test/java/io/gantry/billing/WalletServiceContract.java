package io.gantry.billing;

import static io.gantry.db.Tables.LEDGER_LINE;
import static io.gantry.db.Tables.OPERATION_LOG;
import static io.gantry.db.Tables.PURCHASE_ORDER;
import static io.gantry.db.Tables.WALLET;
import static io.gantry.db.Tables.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.workload.Phase;
import com.vaadin.flow.i18n.I18NProvider;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/**
 * A project's wallet for people: top-ups and refunds with their checks, the ledger filtered, paged and exported, who
 * sees which wallet, and an order refused for lack of balance; run on H2 and on PostgreSQL.
 */
abstract class WalletServiceContract {

    static final Locale SIMPLIFIED = Locale.SIMPLIFIED_CHINESE;

    @Autowired
    ApplicationContext context;
    @Autowired
    WalletService service;
    @Autowired
    Wallets wallets;
    @Autowired
    ProjectService projects;
    @Autowired
    ContainerService containers;
    @Autowired
    ClusterService cluster;
    @Autowired
    DSLContext db;
    @Autowired
    Clock clock;

    TestAccounts accounts;
    String member;
    long memberId;
    String outsider;
    long projectId;
    String projectName;
    long otherProjectId;

    @BeforeEach
    void aProjectWithAMemberAndAnotherProject() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        member = TestAccounts.uniqueName("wm");
        memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        outsider = TestAccounts.uniqueName("wo");
        long outsiderId = accounts.create(outsider, PresetRole.USER);
        TestProjects testProjects = new TestProjects(projects);
        projectId = testProjects.create(List.of(), memberId);
        projectName = projects.overview(projectId).project().name();
        otherProjectId = testProjects.create(List.of(), outsiderId);
    }

    @AfterEach
    void stopWorkAndSignOut() {
        if (fundedProject != 0) {
            accounts.signInAsAdmin();
            for (Container c : containers.list(fundedProject, null, 0, 100)) {
                if (c.state().isLive()) {
                    containers.stop(c.id());
                }
            }
        }
        accounts.signOut();
    }

    BigDecimal storedBalance() {
        return db.select(WALLET.BALANCE).from(WALLET).where(WALLET.PROJECT_ID.eq(projectId))
                .fetchOptional(WALLET.BALANCE).orElse(BigDecimal.ZERO);
    }

    BigDecimal ledgerSum() {
        BigDecimal sum = db.select(org.jooq.impl.DSL.sum(LEDGER_LINE.AMOUNT)).from(LEDGER_LINE)
                .where(LEDGER_LINE.PROJECT_ID.eq(projectId)).fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    int logLines(String action) {
        return db.fetchCount(OPERATION_LOG, OPERATION_LOG.ACTION.eq(action)
                .and(OPERATION_LOG.TARGET.eq("project:" + projectName)));
    }

    /** A usage charge as metering appends it, for the filters and the demo credit's count. */
    void charge(String amount, ServiceType serviceType) {
        TestCharges.charge(context, projectId, amount, serviceType, memberId);
    }

    /** The bundle's text, as a page in that language shows it. */
    String words(Locale locale, String key, Object... arguments) {
        return context.getBean(I18NProvider.class).getTranslation(key, locale, arguments);
    }

    String english(String key, Object... arguments) {
        return words(Locale.ENGLISH, key, arguments);
    }

    // top-ups and refunds

    @Test
    void theBalanceIsTheSumOfTheLedgerAfterTopUpsAndRefunds() {
        service.adjust(projectId, LedgerType.TOP_UP, "100.50", "first top-up");
        service.adjust(projectId, LedgerType.TOP_UP, " 20 ", "实验室经费");
        service.adjust(projectId, LedgerType.REFUND, "30.25", "paid back");

        assertThat(service.summary(projectId).balance()).isEqualTo(new Money(new BigDecimal("90.25"),
                service.currency()));
        assertThat(storedBalance()).isEqualByComparingTo("90.25");
        assertThat(ledgerSum()).isEqualByComparingTo(storedBalance());
        List<LedgerEntry> lines = service.ledger(projectId, LedgerFilter.ALL, 0, 10);
        assertThat(lines).extracting(l -> l.amount().amount().toPlainString())
                .containsExactly("-30.25", "20.00", "100.50");
        assertThat(lines).extracting(LedgerEntry::type)
                .containsExactly(LedgerType.REFUND, LedgerType.TOP_UP, LedgerType.TOP_UP);
        assertThat(lines).extracting(LedgerEntry::note).containsExactly("paid back", "实验室经费", "first top-up");
        assertThat(lines).extracting(LedgerEntry::createdBy).containsOnly(TestAccounts.ADMIN);
        assertThat(logLines("wallet.top-up")).isEqualTo(2);
        assertThat(logLines("wallet.refund")).isEqualTo(1);
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "0|wallet.amount.not-positive",
            "0.00|wallet.amount.not-positive",
            "-5|wallet.amount.not-positive",
            "ten|wallet.amount.not-a-number",
            "1,000|wallet.amount.not-a-number",
            "1e3|wallet.amount.not-a-number",
            "12.345|wallet.amount.too-many-decimals",
            "1000000000000|wallet.amount.too-large",
            "''|field.required"})
    void aBadAmountIsRefusedOnItsFieldAndNothingIsSaved(String amount, String key) {
        service.adjust(projectId, LedgerType.TOP_UP, "10", "start");
        int lines = service.countLedger(projectId, LedgerFilter.ALL);

        for (LedgerType type : List.of(LedgerType.TOP_UP, LedgerType.REFUND)) {
            assertThatThrownBy(() -> service.adjust(projectId, type, amount, "a note"))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                            .extracting(FieldProblem::field, FieldProblem::messageKey)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("amount", key)));
        }
        assertThat(service.countLedger(projectId, LedgerFilter.ALL)).isEqualTo(lines);
        assertThat(storedBalance()).isEqualByComparingTo("10");
        assertThat(logLines("wallet.top-up")).isEqualTo(1);
        assertThat(logLines("wallet.refund")).isZero();
    }

    @Test
    void theMessagesSayWhatIsAllowed() {
        assertThatThrownBy(() -> service.adjust(projectId, LedgerType.TOP_UP, "12.345", "n"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(english(e.messageKey(),
                        e.arguments())).isEqualTo("CNY has at most 2 decimals."));
        assertThatThrownBy(() -> service.adjust(projectId, LedgerType.TOP_UP, "1000000000000", "n"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(english(e.messageKey(),
                        e.arguments())).isEqualTo("Enter an amount below 1000000000000 CNY."));
    }

    @Test
    void aNoteIsRequiredAndBothProblemsAreToldAtOnce() {
        assertThatThrownBy(() -> service.adjust(projectId, LedgerType.TOP_UP, "-1", "  "))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("amount", "wallet.amount.not-positive"),
                                org.assertj.core.groups.Tuple.tuple("note", "wallet.note.required")));
        assertThatThrownBy(() -> service.adjust(projectId, LedgerType.TOP_UP, "5", "x".repeat(501)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).contains("note"));
        assertThat(service.countLedger(projectId, LedgerFilter.ALL)).isZero();
        assertThat(storedBalance()).isEqualByComparingTo("0");
    }

    @Test
    void aRefundCannotTakeTheBalanceBelowZero() {
        service.adjust(projectId, LedgerType.TOP_UP, "50", "start");

        assertThatThrownBy(() -> service.adjust(projectId, LedgerType.REFUND, "50.01", "too much"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).contains("amount");
                    assertThat(english(e.messageKey(), e.arguments())).isEqualTo(
                            "A refund cannot take the balance below zero: at most 50.00 CNY.");
                });
        assertThat(storedBalance()).isEqualByComparingTo("50");
        assertThat(logLines("wallet.refund")).isZero();

        service.adjust(projectId, LedgerType.REFUND, "50", "all of it");
        assertThat(storedBalance()).isEqualByComparingTo("0");
        assertThat(ledgerSum()).isEqualByComparingTo("0");
    }

    @Test
    void onlyBillingManagersTopUp() {
        accounts.signInAs(member);
        assertThatThrownBy(() -> service.adjust(projectId, LedgerType.TOP_UP, "10", "mine"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(service.canAdjust()).isFalse();
        accounts.signInAsAdmin();
        assertThat(service.countLedger(projectId, LedgerFilter.ALL)).isZero();
    }

    // who sees the wallet

    @Test
    void membersSeeTheirProjectsWalletAndAdminsEveryProjects() {
        service.adjust(projectId, LedgerType.TOP_UP, "10", "for the member");
        accounts.signInAs(member);
        assertThat(service.projects()).extracting(p -> p.id()).containsExactly(projectId);
        assertThat(service.summary(projectId).balance().amount()).isEqualByComparingTo("10");
        assertThat(service.ledger(projectId, LedgerFilter.ALL, 0, 10)).hasSize(1);

        accounts.signInAsAdmin();
        assertThat(service.projects()).extracting(p -> p.id()).contains(projectId, otherProjectId);
    }

    @Test
    void anAccountWithoutBillingRightsIsRefusedAtTheDoor() {
        String annotator = TestAccounts.uniqueName("wa");
        accounts.create(annotator, PresetRole.ANNOTATOR);
        accounts.signInAs(annotator);
        assertThatThrownBy(() -> service.projects()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.summary(projectId)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void membersOfAnotherProjectCannotSeeThisWallet() {
        service.adjust(projectId, LedgerType.TOP_UP, "10", "secret");
        accounts.signInAs(outsider);

        assertThat(service.projects()).extracting(p -> p.id()).containsExactly(otherProjectId);
        assertThatThrownBy(() -> service.summary(projectId)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.ledger(projectId, LedgerFilter.ALL, 0, 10)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.countLedger(projectId, LedgerFilter.ALL)).isInstanceOf(NotFound.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> service.exportCsv(projectId, LedgerFilter.ALL, WalletServiceContract.this::english,
                ZoneId.of("UTC"), out)).isInstanceOf(NotFound.class);
        assertThat(out.size()).isZero();
    }

    // the ledger, its filters and its CSV

    @Test
    void filtersByTimeTypeAndServiceTypeNewestFirst() throws Exception {
        service.adjust(projectId, LedgerType.TOP_UP, "100", "early");
        Thread.sleep(20);
        Instant middle = clock.instant();
        Thread.sleep(20);
        charge("1.50", ServiceType.CONTAINER);
        charge("2.25", ServiceType.TASK);
        service.adjust(projectId, LedgerType.TOP_UP, "5", "late");

        assertThat(service.ledger(projectId, new LedgerFilter(middle, null, null, null), 0, 10))
                .extracting(LedgerEntry::note).containsExactly("late", null, null);
        assertThat(service.ledger(projectId, new LedgerFilter(null, middle, null, null), 0, 10))
                .extracting(LedgerEntry::note).containsExactly("early");
        assertThat(service.ledger(projectId, new LedgerFilter(null, null, LedgerType.CHARGE, null), 0, 10))
                .extracting(l -> l.amount().amount().toPlainString()).containsExactly("-2.25", "-1.50");
        assertThat(service.ledger(projectId, new LedgerFilter(null, null, null, ServiceType.CONTAINER), 0, 10))
                .singleElement().satisfies(l -> {
                    assertThat(l.amount().amount()).isEqualByComparingTo("-1.50");
                    assertThat(l.username()).isEqualTo(member);
                });
        assertThat(service.countLedger(projectId, new LedgerFilter(null, null, LedgerType.TOP_UP, null)))
                .isEqualTo(2);
        assertThat(service.ledger(projectId, LedgerFilter.ALL, 1, 2)).extracting(LedgerEntry::type)
                .containsExactly(LedgerType.CHARGE, LedgerType.CHARGE);
        assertThat(ledgerSum()).isEqualByComparingTo(storedBalance()).isEqualByComparingTo("101.25");
    }

    @Test
    void theCsvIsUtf8WithAByteOrderMarkInTheReadersWordsAndFilters() throws Exception {
        service.adjust(projectId, LedgerType.TOP_UP, "88.80", "实验室经费");
        service.adjust(projectId, LedgerType.REFUND, "8.80", "=1+1 退回");
        charge("3", ServiceType.CONTAINER);

        byte[] all = csv(LedgerFilter.ALL);
        assertThat(all).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows = parse(all);
        assertThat(rows.getFirst().toList()).containsExactly("交易时间", "交易类型", "服务类型", "金额（CNY）", "服务",
                "规格", "用户", "备注", "操作人");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(1) + " " + r.get(2) + " " + r.get(3) + " "
                + r.get(6) + " " + r.get(7) + " " + r.get(8)).containsExactly(
                "使用扣费 容器 -3.00 " + member + "  平台",
                "退款  -8.80  '=1+1 退回 " + TestAccounts.ADMIN,
                "充值  88.80  实验室经费 " + TestAccounts.ADMIN);
        assertThat(rows.get(1).get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

        List<CSVRecord> refunds = parse(csv(new LedgerFilter(null, null, LedgerType.REFUND, null)));
        assertThat(refunds).hasSize(2);
        assertThat(refunds.get(1).get(3)).isEqualTo("-8.80");
    }

    @Test
    void theCsvGivesTheDemoCreditsNoteInTheReadersWords() throws Exception {
        wallets.credit(projectId, LedgerType.DEMO_CREDIT, new Money(new BigDecimal("1000"), service.currency()),
                DemoProject.NOTE, null);
        List<CSVRecord> rows = parse(csv(LedgerFilter.ALL));
        assertThat(rows.get(1).toList()).containsSubsequence("演示额度", "1000.00", "用于试用 Gantry 的演示额度，并非付费金额",
                "平台");
    }

    @Test
    void theCsvReadsALongLedgerAPageAtATime() throws Exception {
        service.adjust(projectId, LedgerType.TOP_UP, "100", "first");
        for (int i = 0; i < WalletService.EXPORT_PAGE + 5; i++) {
            charge("0.01", ServiceType.CONTAINER);
        }
        List<CSVRecord> rows = parse(csv(LedgerFilter.ALL));
        assertThat(rows).hasSize(WalletService.EXPORT_PAGE + 7);
        assertThat(rows.subList(1, rows.size() - 1)).extracting(r -> r.get(3)).containsOnly("-0.01");
        assertThat(rows.getLast().get(3)).isEqualTo("100.00");
    }

    private byte[] csv(LedgerFilter filter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        service.exportCsv(projectId, filter, (key, arguments) -> words(SIMPLIFIED, key, arguments), ZoneId.of("Asia/Shanghai"), out);
        return out.toByteArray();
    }

    private List<CSVRecord> parse(byte[] csv) throws Exception {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text.charAt(0)).isEqualTo('\uFEFF');
        return CSVFormat.RFC4180.parse(new java.io.StringReader(text.substring(1))).getRecords();
    }

    @Test
    void anEmptyLedgerHasNoLines() {
        assertThat(service.ledger(projectId, LedgerFilter.ALL, 0, 10)).isEmpty();
        assertThat(service.countLedger(projectId, LedgerFilter.ALL)).isZero();
        assertThat(service.summary(projectId).balance().isZero()).isTrue();
    }

    // balance, burn rate, time until empty, demo credit

    @Test
    void withNothingRunningThereIsNoBurnAndNoTimeUntilEmpty() {
        service.adjust(projectId, LedgerType.TOP_UP, "10", "t");
        WalletSummary summary = service.summary(projectId);
        assertThat(summary.burnPerHour().isZero()).isTrue();
        assertThat(summary.timeLeft()).isEmpty();
        assertThat(summary.projectName()).isEqualTo(projectName);
        assertThat(summary.canAdjust()).isTrue();
    }

    @Test
    void demoCreditIsSpentFirstAndItsLabelGoesWhenUsedUp() {
        wallets.credit(projectId, LedgerType.DEMO_CREDIT, new Money(new BigDecimal("100"), service.currency()),
                "demo", null);
        charge("30", ServiceType.CONTAINER);
        assertThat(service.summary(projectId).demoCreditLeft().amount()).isEqualByComparingTo("70");
        service.adjust(projectId, LedgerType.TOP_UP, "50", "paid");
        assertThat(service.summary(projectId).demoCreditLeft().amount()).isEqualByComparingTo("70");
        charge("80", ServiceType.CONTAINER);
        WalletSummary spent = service.summary(projectId);
        assertThat(spent.balance().amount()).isEqualByComparingTo("40");
        assertThat(spent.demoCreditLeft().amount()).isEqualByComparingTo("0");
        assertThat(spent.hasDemoCredit()).isFalse();
    }

    // running work and orders

    AcceleratorSpec spec;
    Flavor flavor;
    FrameworkImage image;
    long fundedProject;

    /** A project with a quota of the A100 spec, its member the same as the other project's. */
    void aProjectWithQuota() {
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavor = cluster.flavors(spec.id()).getFirst();
        image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password"))
                .findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects);
        testProjects.releaseAllQuotas();
        fundedProject = testProjects.create(List.of(new Quota(spec.id(), 2, null)), memberId);
    }


    Money firstHour() {
        return HourlyRate.of(new io.gantry.billing.money.UnitPrices(spec.prices().perDeviceHour(),
                spec.prices().perCoreHour(), spec.prices().perGibHour()), 1, flavor.cpuCores(),
                flavor.memoryMib(), service.currency()).hour();
    }

    ContainerForm form(String name) {
        return new ContainerForm(fundedProject, name, image.id(), spec.id(), 1, flavor.id(), 0, Set.of(),
                "Wallet-Pass-1", "Wallet-Pass-2", null, true);
    }

    @Test
    void anOrderTheBalanceCannotStartIsRefusedWithTheNumbersAndCreatesNothing() {
        aProjectWithQuota();
        service.adjust(fundedProject, LedgerType.TOP_UP, "5", "too little");
        Money firstHour = firstHour();
        accounts.signInAs(member);

        assertThatThrownBy(() -> containers.create(form("short"))).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo(Orders.BALANCE_SHORT);
            assertThat(e.arguments()).containsExactly(firstHour.amount().toPlainString(), "5.00", "CNY");
            assertThat(english(e.messageKey(), e.arguments())).contains(
                    "(5.00 CNY)", "(" + firstHour.amount().toPlainString() + " CNY)",
                    "A platform administrator can top up", "Wallet page");
        });
        assertThat(db.fetchCount(WORKLOAD, WORKLOAD.PROJECT_ID.eq(fundedProject))).isZero();
        assertThat(db.fetchCount(PURCHASE_ORDER, PURCHASE_ORDER.PROJECT_ID.eq(fundedProject))).isZero();
        accounts.signInAsAdmin();
        assertThat(service.summary(fundedProject).balance().amount()).isEqualByComparingTo("5");
    }

    @Test
    void runningWorkBurnsAtItsOrdersRateAndTheBalanceLastsAccordingly() {
        aProjectWithQuota();
        Money firstHour = firstHour();
        // Exactly ten hours of it.
        service.adjust(fundedProject, LedgerType.TOP_UP, firstHour.amount().multiply(BigDecimal.TEN)
                .toPlainString(), "ten hours");
        accounts.signInAs(member);
        Container created = containers.create(form("burning"));
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(created.id()).state() == Phase.RUNNING);

        WalletSummary summary = service.summary(fundedProject);
        assertThat(summary.burnPerHour()).isEqualTo(firstHour);
        assertThat(summary.timeLeft()).hasValueSatisfying(left -> assertThat(left)
                .isBetween(Duration.ofHours(10).minusSeconds(1), Duration.ofHours(10)));
        assertThat(summary.canAdjust()).isFalse();
    }
}
