package io.gantry.billing;

import static io.gantry.db.Tables.COST_HOUR;
import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import io.gantry.shared.InvalidInput;
import io.gantry.billing.money.Money;
import io.gantry.shared.NotAllowed;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Cost analysis on H2 and PostgreSQL, in Gantry's zone Asia/Shanghai (UTC+8, so that a day's edge in the zone is
 * not one in UTC): charges summed by ISO week, month and year on the zone's calendar, split by service type, spec,
 * member and project, and what each viewer may see.
 *
 * <p>The charges of member {@code alice} in project {@code lab}, at instants just around the edges (local times):
 * <pre>
 *  1.00  Sun 2025-12-28 23:59  week 2025-W52, December 2025
 *  2.00  Mon 2025-12-29 00:00  week 2026-W01, December 2025
 *  4.00  Thu 2026-01-01 00:30  week 2026-W01, January 2026 (a task; 2025-12-31 16:30 in UTC)
 *  8.00  Sat 2026-01-31 23:59  week 2026-W05, January 2026
 * 16.00  Sun 2026-02-01 00:00  week 2026-W05, February 2026 (on another spec)
 * </pre>
 * and {@code bob}'s 32.00 in {@code lab} on 2026-01-15 and 64.00 in {@code other} on 2026-01-16.
 */
abstract class CostServiceContract {

    static final LocalDate FROM = LocalDate.parse("2025-12-22");
    static final LocalDate TO = LocalDate.parse("2026-02-28");

    @Autowired
    ApplicationContext context;
    @Autowired
    CostService costs;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;

    TestAccounts accounts;
    String alice;
    String bob;
    String manager;
    long aliceId;
    long bobId;
    long lab;
    long other;
    AcceleratorSpec a100;
    AcceleratorSpec ascend;

    @BeforeEach
    void chargesAroundThePeriodsEdges() {
        accounts = new TestAccounts(context);
        alice = uniqueName("alice");
        bob = uniqueName("bob");
        manager = uniqueName("boss");
        aliceId = accounts.create(alice, PresetRole.USER);
        bobId = accounts.create(bob, PresetRole.USER);
        long managerId = accounts.create(manager, PresetRole.USER);
        accounts.signInAsAdmin();
        a100 = spec("nvidia-a100-80g");
        ascend = spec("huawei-ascend910");
        lab = new TestProjects(projects).create(List.of(), aliceId, bobId);
        projects.addMembers(lab, Set.of(managerId), ProjectRole.MANAGER);
        other = new TestProjects(projects).create(List.of(), bobId);

        TestLedger ledger = new TestLedger(context);
        ledger.charge(lab, aliceId, ServiceType.CONTAINER, a100.id(), Instant.parse("2025-12-28T15:59:00Z"), "1.00");
        ledger.charge(lab, aliceId, ServiceType.CONTAINER, a100.id(), Instant.parse("2025-12-28T16:00:00Z"), "2.00");
        ledger.charge(lab, aliceId, ServiceType.TASK, a100.id(), Instant.parse("2025-12-31T16:30:00Z"), "4.00");
        ledger.charge(lab, aliceId, ServiceType.CONTAINER, a100.id(), Instant.parse("2026-01-31T15:59:00Z"), "8.00");
        ledger.charge(lab, aliceId, ServiceType.CONTAINER, ascend.id(), Instant.parse("2026-01-31T16:00:00Z"),
                "16.00");
        ledger.charge(lab, bobId, ServiceType.CONTAINER, a100.id(), Instant.parse("2026-01-15T04:00:00Z"), "32.00");
        ledger.charge(other, bobId, ServiceType.CONTAINER, a100.id(), Instant.parse("2026-01-16T04:00:00Z"), "64.00");
        accounts.signOut();
    }

    /**
     * The migration that made the summary for the charges already in the ledger, run again over them in a transaction
     * rolled back: it makes the same summary as the charges' own writes kept, and both are the ledger's sums.
     */
    @Test
    void theMigrationSummarisesChargesAlreadyInTheLedgerAsTheyAreKept() throws Exception {
        DSLContext db = context.getBean(DSLContext.class);
        MeteringFixtures fixtures = new MeteringFixtures(db);
        var kept = List.of(fixtures.spendingSummaryAndLedger(lab), fixtures.spendingSummaryAndLedger(other));
        assertThat(kept.getFirst().getFirst()).hasSize(6).isEqualTo(kept.getFirst().getLast());
        assertThat(kept.getLast().getFirst()).hasSize(1).isEqualTo(kept.getLast().getLast());
        String dbms = db.dialect().family() == SQLDialect.H2 ? "h2" : "postgresql";
        String migration = migrationSql(dbms);

        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            db.deleteFrom(COST_HOUR).execute();
            db.execute(migration);
            assertThat(List.of(fixtures.spendingSummaryAndLedger(lab), fixtures.spendingSummaryAndLedger(other)))
                    .isEqualTo(kept);
            status.setRollbackOnly();
        });
    }

    @SuppressWarnings("unchecked")
    private static String migrationSql(String dbms) throws Exception {
        Map<String, Object> changelog = new Yaml().load(Files.readString(Path.of("db/changelog/021-cost-hours.yaml")));
        var changeSet = (Map<String, Object>) ((List<Map<String, Object>>) changelog.get("databaseChangeLog"))
                .getFirst().get("changeSet");
        return ((List<Map<String, Object>>) changeSet.get("changes")).stream()
                .map(change -> (Map<String, Object>) change.get("sql")).filter(sql -> sql != null)
                .filter(sql -> dbms.equals(sql.get("dbms"))).map(sql -> (String) sql.get("sql"))
                .findFirst().orElseThrow();
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    @Test
    void aYearIsTheZonesCalendarYear() {
        accounts.signInAs(alice);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.SERVICE_TYPE));

        assertThat(report.periods()).containsExactly(LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-01"));
        assertThat(byPeriod(report)).containsExactly(entry("2025-01-01", "3.00"), entry("2026-01-01", "28.00"));
        assertThat(report.total().amount()).isEqualByComparingTo("31.00");
    }

    @Test
    void aMonthStartsAtMidnightInTheZone() {
        accounts.signInAs(alice);
        CostReport report = costs.analyse(query(CostPeriod.MONTH, CostDimension.SERVICE_TYPE));

        assertThat(report.periods()).extracting(LocalDate::toString)
                .containsExactly("2025-12-01", "2026-01-01", "2026-02-01");
        assertThat(byPeriod(report)).containsExactly(entry("2025-12-01", "3.00"), entry("2026-01-01", "12.00"),
                entry("2026-02-01", "16.00"));
    }

    @Test
    void aWeekIsAnIsoWeekFromMondayAcrossMonthsAndYears() {
        accounts.signInAs(alice);
        CostReport report = costs.analyse(query(CostPeriod.WEEK, CostDimension.SERVICE_TYPE));

        assertThat(report.periods()).hasSize(10).first().isEqualTo(LocalDate.parse("2025-12-22"));
        assertThat(report.periods()).allMatch(d -> d.getDayOfWeek() == java.time.DayOfWeek.MONDAY);
        assertThat(byPeriod(report)).containsExactly(entry("2025-12-22", "1.00"), entry("2025-12-29", "6.00"),
                entry("2026-01-26", "24.00"));
        assertThat(CostPeriod.WEEK.label(LocalDate.parse("2025-12-29"))).isEqualTo("2026-W01");
    }

    @Test
    void theRangesDaysAreTheZonesDays() {
        accounts.signInAs(alice);
        // From Monday 2025-12-29 in Shanghai: the charge one minute before its midnight falls outside.
        CostReport report = costs.analyse(new CostQuery(LocalDate.parse("2025-12-29"),
                LocalDate.parse("2026-01-31"), CostPeriod.MONTH, CostDimension.SERVICE_TYPE));

        assertThat(byPeriod(report)).containsExactly(entry("2025-12-01", "2.00"), entry("2026-01-01", "12.00"));
        assertThat(report.total().amount()).isEqualByComparingTo("14.00");
    }

    @Test
    void onlyChargesCountAndAsPositiveAmounts() {
        accounts.signInAs(alice);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.SERVICE_TYPE));

        // The top-ups written before each charge are in the same ledger and range of ids, but are no spending.
        assertThat(report.cells()).allMatch(c -> c.amount().amount().signum() > 0);
        assertThat(report.total().amount()).isEqualByComparingTo("31.00");
    }

    @Test
    void byServiceTypeTheLargestFirst() {
        accounts.signInAs(alice);
        CostReport report = costs.analyse(query(CostPeriod.MONTH, CostDimension.SERVICE_TYPE));

        assertThat(report.groups()).extracting(CostReport.Group::key).containsExactly("CONTAINER", "TASK");
        assertThat(report.groups()).extracting(g -> g.total().amount().toPlainString())
                .containsExactly("27.00", "4.00");
        assertThat(report.cells()).extracting(c -> c.period() + " " + c.group() + " " + c.amount().amount())
                .containsExactly("2025-12-01 CONTAINER 3.00", "2026-01-01 CONTAINER 8.00",
                        "2026-01-01 TASK 4.00", "2026-02-01 CONTAINER 16.00");
    }

    @Test
    void bySpecWithTheSpecsNames() {
        accounts.signInAs(alice);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.SPEC));

        assertThat(report.groups()).extracting(CostReport.Group::name, g -> g.total().amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ascend.name(), "16.00"),
                        org.assertj.core.groups.Tuple.tuple(a100.name(), "15.00"));
    }

    @Test
    void byMemberWithTheirNames() {
        accounts.signInAs(manager);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.MEMBER));

        assertThat(report.groups()).extracting(CostReport.Group::name, g -> g.total().amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Nick " + bob + " (" + bob + ")", "32.00"),
                        org.assertj.core.groups.Tuple.tuple("Nick " + alice + " (" + alice + ")", "31.00"));
    }

    @Test
    void byProjectOnlyForPlatformAdmins() {
        accounts.signInAsAdmin();
        assertThat(costs.dimensions()).contains(CostDimension.PROJECT);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.PROJECT));
        Map<String, CostReport.Group> groups = report.groups().stream()
                .collect(Collectors.toMap(CostReport.Group::key, g -> g));

        assertThat(groups.get(Long.toString(lab)).total().amount()).isEqualByComparingTo("63.00");
        assertThat(groups.get(Long.toString(other)).total().amount()).isEqualByComparingTo("64.00");
        assertThat(groups.get(Long.toString(lab)).name()).isEqualTo(projects.overview(lab).project().name());

        accounts.signInAs(manager);
        assertThat(costs.dimensions()).doesNotContain(CostDimension.PROJECT);
        assertThatThrownBy(() -> costs.analyse(query(CostPeriod.YEAR, CostDimension.PROJECT)))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void aMemberSeesTheirOwnSpendingOnly() {
        accounts.signInAs(bob);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.MEMBER));

        // Both projects, but not alice's spending in the project they share.
        assertThat(report.groups()).extracting(CostReport.Group::key).containsExactly(Long.toString(bobId));
        assertThat(report.total().amount()).isEqualByComparingTo("96.00");
    }

    @Test
    void aManagerSeesEveryonesSpendingInTheirProjectsOnly() {
        accounts.signInAs(manager);
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.MEMBER));

        // Bob's 64.00 in the other project is not the manager's to see.
        assertThat(report.total().amount()).isEqualByComparingTo("63.00");
    }

    @Test
    void aPlatformAdminSeesEverything() {
        accounts.signInAsAdmin();
        CostReport report = costs.analyse(query(CostPeriod.YEAR, CostDimension.MEMBER));
        Map<String, BigDecimal> byMember = report.groups().stream()
                .collect(Collectors.toMap(CostReport.Group::key, g -> g.total().amount()));

        assertThat(byMember.get(Long.toString(aliceId))).isEqualByComparingTo("31.00");
        assertThat(byMember.get(Long.toString(bobId))).isEqualByComparingTo("96.00");
    }

    @Test
    void costsNeedTheBillingPermission() {
        String annotator = uniqueName("annot");
        accounts.create(annotator, PresetRole.ANNOTATOR);
        accounts.signInAs(annotator);
        assertThatThrownBy(() -> costs.analyse(query(CostPeriod.YEAR, CostDimension.MEMBER)))
                .isInstanceOf(AccessDeniedException.class);

        accounts.signOut();
        assertThatThrownBy(() -> costs.analyse(query(CostPeriod.YEAR, CostDimension.MEMBER)))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedOnItsLastDay() {
        accounts.signInAs(alice);
        assertThatThrownBy(() -> costs.analyse(new CostQuery(TO, FROM, CostPeriod.MONTH,
                CostDimension.SERVICE_TYPE))).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(p -> p.field() + " " + p.messageKey())
                        .containsExactly("to cost.to.before-from"));
    }

    @Test
    void missingDaysAndChoicesAreEachNamed() {
        accounts.signInAs(alice);
        assertThatThrownBy(() -> costs.analyse(new CostQuery(null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e ->
                        assertThat(e.problems()).extracting(p -> p.field())
                                .containsExactly("from", "to", "period", "dimension"));
    }

    @Test
    void aRangeOfMoreThanTenYearsIsRefused() {
        accounts.signInAs(alice);
        assertThatThrownBy(() -> costs.analyse(new CostQuery(FROM, FROM.plusYears(10).plusDays(1),
                CostPeriod.WEEK, CostDimension.SERVICE_TYPE))).isInstanceOf(InvalidInput.class);
        assertThat(costs.analyse(new CostQuery(FROM, FROM.plusYears(10), CostPeriod.WEEK,
                CostDimension.SERVICE_TYPE)).total().amount()).isEqualByComparingTo("31.00");
    }

    static CostQuery query(CostPeriod period, CostDimension dimension) {
        return new CostQuery(FROM, TO, period, dimension);
    }

    /** The spending of each period summed over the groups, by the period's first day. */
    static Map<String, String> byPeriod(CostReport report) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (LocalDate period : report.periods()) {
            Money total = report.totalOf(period);
            if (!total.isZero()) {
                sums.put(period.toString(), total.amount().toPlainString());
            }
        }
        return sums;
    }

    static Map.Entry<String, String> entry(String period, String amount) {
        return Map.entry(period, amount);
    }

    private AcceleratorSpec spec(String name) {
        return cluster.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
