package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.AdjustableClock;
import io.gantry.TestClock;
import io.gantry.billing.Metering;
import io.gantry.billing.Order;
import io.gantry.billing.Orders;
import io.gantry.billing.Wallets;
import io.gantry.cluster.ClusterService;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Money and approvals in a real Chromium: a member orders above the project's approval threshold, the manager
 * rejects with a message, the member reads it and orders again, the manager approves, the container runs; with the
 * clock moved on, its charges appear in the wallet and the cost analysis; an admin tops the wallet up. In English and
 * light, then the manager's pages in Simplified Chinese and dark.
 */
@JourneyTest
@Import(TestClock.class)
@TestPropertySource(properties =
        "spring.datasource.url=jdbc:h2:mem:billing-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
class BillingJourneyTest {

    private static final String PASSWORD = "Journey-Pass-7";
    private static final String REJECTION = "Two A100s only after the dataset is cleaned; try one for now";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    ContainerService containers;
    @Autowired
    Wallets wallets;
    @Autowired
    Orders orders;
    @Autowired
    Metering metering;
    @Autowired
    AdjustableClock clock;

    @Test
    void anOrderAboveTheThresholdIsRejectedThenApprovedRunsAndIsChargedAndTheWalletToppedUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        long memberId = accounts.createWithPassword("ana.member", PASSWORD, PresetRole.USER);
        long managerId = accounts.createWithPassword("li.manager", PASSWORD, PresetRole.USER);
        accounts.createWithPassword("pay.admin", PASSWORD, PresetRole.SYSTEM_ADMIN);
        accounts.signInAsAdmin();
        long a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow().id();
        // Orders for more than one device wait for a manager.
        long projectId = projects.create(new ProjectForm("vision-lab", null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), new ProjectLimits(null, null, null, null, 1, false),
                List.of(new Quota(a100, 4, null))), Set.of(managerId));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        TestProjects.fund(wallets, projectId);
        accounts.signOut();
        String base = "http://localhost:" + port + "/";

        try (Browser member = new Browser(base, "en-US"); Browser manager = new Browser(base, "en-US")) {
            member.open("login");
            member.signIn("ana.member", PASSWORD);
            member.waitForPath("");
            // Nothing can be ordered before the workspace is activated (AI-Stack 八.1).
            member.open("account/platform");
            member.waitForText("Not activated");
            member.click("#activate-workspace");
            member.waitForText("Activated on");

            String first = order(member, projectId, "detector-big");
            member.waitForText("Waiting for approval");
            member.screenshot("m1-order-waiting-for-approval");

            manager.open("login");
            manager.signIn("li.manager", PASSWORD);
            manager.waitForPath("");
            manager.open("account/approvals");
            assertThat(manager.find("#approvals-waiting").getText()).isEqualTo("1");
            manager.waitForText("detector-big");
            manager.screenshot("m2-approvals-waiting");
            manager.open("account/approvals/" + orderOf(accounts, first).id());
            manager.click("#reject-order");
            // A rejection needs a message.
            manager.click("#confirm-reject");
            manager.waitForText("required");
            manager.find("#reject-message textarea").sendKeys(REJECTION);
            manager.screenshot("m3-reject-with-a-message");
            manager.click("#confirm-reject");
            manager.waitForText("Rejected");

            member.open(first);
            member.waitForText(REJECTION);
            member.screenshot("m4-rejection-read-by-the-member");
            member.open("account/orders");
            member.waitForText("detector-big");

            String second = order(member, projectId, "detector-again");
            member.waitForText("Waiting for approval");
            manager.open("account/approvals/" + orderOf(accounts, second).id());
            manager.click("#approve-order");
            manager.waitForText("Approved");
            member.reloadUntilPresent(second, "#ssh-command", Duration.ofSeconds(60));
            member.waitForText("Running");

            // Ten minutes later by the application's clock, the metering job has charged them.
            clock.advance(Duration.ofMinutes(10));
            assertThat(metering.tick().lines()).isGreaterThanOrEqualTo(9);
            manager.open("account/wallet?project=" + projectId);
            manager.waitForText("Usage charge");
            assertThat(wallets.balance(projectId).amount()).isLessThan(new BigDecimal(TestProjects.FUNDS));
            manager.screenshot("m5-wallet-with-charges");
            manager.open("account/costs");
            manager.find("#costs-chart");
            manager.waitForText("Containers");
            manager.screenshot("m6-cost-analysis");

            try (Browser admin = new Browser(base, "en-US")) {
                admin.open("login");
                admin.signIn("pay.admin", PASSWORD);
                admin.waitForPath("");
                admin.open("account/wallet?project=" + projectId);
                admin.click("#top-up");
                admin.type("#top-up-amount", "0.005");
                admin.find("#top-up-note textarea").sendKeys("Grant for the vision lab");
                admin.click("#confirm-top-up");
                // More decimals than the currency has: refused on the field, nothing saved.
                admin.waitForText("decimals");
                admin.type("#top-up-amount", "500");
                admin.click("#confirm-top-up");
                admin.waitForText("Grant for the vision lab");
                admin.screenshot("m7-admin-topped-up");
            }

            // The manager's pages in Simplified Chinese and dark mode.
            manager.switchToDark("简体中文");
            manager.open("account/wallet?project=" + projectId);
            manager.waitForText("钱包");
            assertThat(manager.colorScheme()).isEqualTo("dark");
            manager.screenshot("m8-wallet-chinese-dark");
            manager.open("account/costs");
            manager.find("#costs-chart");
            manager.screenshot("m9-cost-analysis-chinese-dark");
            manager.open("account/approvals");
            manager.screenshot("m10-approvals-chinese-dark");

            member.open(second);
            member.click("#stop");
            member.click("vaadin-button[slot='confirm-button']");
            member.waitForText("Stopped");
        } finally {
            clock.reset();
        }
    }

    /** Creates a container of two A100s with the create wizard; returns the address of its page, opened. */
    private String order(Browser member, long projectId, String name) {
        CreateWizard.create(member, name, 2, "Ssh-Pass-123", "Term-Pass-123", null);
        String page = CreateWizard.pageOf(new TestAccounts(context), containers, projectId, name);
        member.open(page);
        return page;
    }

    /** The order of the container whose page this is. */
    private Order orderOf(TestAccounts accounts, String containerPage) {
        long containerId = Long.parseLong(containerPage.substring(containerPage.lastIndexOf('/') + 1));
        accounts.signInAsAdmin();
        try {
            return orders.ofWorkload(containers.container(containerId).workloadId()).orElseThrow();
        } finally {
            accounts.signOut();
        }
    }
}
