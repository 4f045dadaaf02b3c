package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.i18n.I18NProvider;
import io.gantry.billing.Wallets;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectExtensionService;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import io.gantry.project.Quota;
import java.time.LocalDate;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The projects journey, in a real Chromium: an administrator creates a project with a quota and relates a user as its
 * manager; the manager adds a member; the member asks for more days; the administrator approves, and the end date
 * moves.
 */
@JourneyTest
class ProjectJourneyTest {

    private static final String PASSWORD = "Journey-Pass-7";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ProjectExtensionService extensions;
    @Autowired
    ClusterService cluster;
    @Autowired
    ContainerService containers;

    @Test
    void aProjectIsCreatedStaffedAndExtended() {
        TestAccounts accounts = new TestAccounts(context);
        accounts.createWithPassword("ops.chief", PASSWORD, PresetRole.SYSTEM_ADMIN);
        accounts.createWithPassword("team.lead", PASSWORD, PresetRole.USER);
        accounts.createWithPassword("team.member", PASSWORD, PresetRole.USER);
        String base = "http://localhost:" + port + "/";
        long projectId;

        try (Browser admin = new Browser(base, "en-US")) {
            signIn(admin, "ops.chief");
            admin.open("admin/projects/edit");
            admin.type("#name", "vision-lab");
            admin.type("#managers", "team.lead");
            admin.clickItem("vaadin-multi-select-combo-box-item", "team.lead");
            admin.escape("#managers");
            admin.type("#quota-nvidia-a100-80g", "4");
            admin.screenshot("p1-project-form");
            admin.click("#save-project");
            admin.waitForPath("project/");
            projectId = Long.parseLong(admin.currentPath().replaceAll("\\D+", ""));
            admin.waitForText("team.lead");
            admin.screenshot("p2-project-with-manager");

            // A delete dialog opens with Cancel focused, so that Enter never deletes by accident.
            admin.click("#delete-project");
            admin.waitUntilTrue("cancel-focused",
                    "return document.activeElement !== null && document.activeElement.id === 'confirm-cancel'");
            admin.click("#confirm-cancel");
        }

        try (Browser lead = new Browser(base, "en-US")) {
            signIn(lead, "team.lead");
            lead.open("project/" + projectId);
            lead.click("#add-members");
            lead.type("#member-choice", "team.member");
            lead.clickItem("vaadin-multi-select-combo-box-item", "team.member");
            lead.escape("#member-choice");
            lead.click("#dialog-save");
            lead.waitForText("team.member");
            lead.screenshot("p3-manager-added-member");

            // The manager's own operation log, in Simplified Chinese: the line names the role and the member.
            lead.click("#language-switch");
            lead.clickItem("vaadin-select-item", "简体中文");
            lead.open("account/operation-log");
            String line = zh("oplog.details.members", zh("project.role.member"), "team.member");
            assertThat(line).isEqualTo("成员：team.member");
            lead.waitForText(line);
            lead.waitForText(zh("oplog.target.project", "vision-lab"));
            assertThat(lead.bodyText()).contains(zh("oplog.action.project.add-members"))
                    .doesNotContain("MEMBER").doesNotContain("project:").doesNotContain("[team.member]");
            lead.screenshot("p3b-operation-log-zh-cn");
        }

        try (Browser member = new Browser(base, "en-US")) {
            signIn(member, "team.member");
            member.open("projects");
            member.click("#extend-" + projectId);
            member.type("#extension-days", "30");
            member.find("#extension-reason textarea").sendKeys("The training runs need another month");
            member.click("#extension-submit");
            member.open("project/" + projectId);
            member.waitForText("Waiting for approval");
            member.screenshot("p4-extension-requested");
        }

        accounts.signInAsAdmin();
        LocalDate endBefore = projects.overview(projectId).project().endDate();
        long requestId = extensions.pendingExtensions().stream().filter(r -> r.projectId() == projectId)
                .findFirst().orElseThrow().id();
        accounts.signOut();

        try (Browser admin = new Browser(base, "en-US")) {
            signIn(admin, "ops.chief");
            admin.open("admin/extensions");
            admin.click("#approve-" + requestId);
            admin.find("#decision-message textarea").sendKeys("Approved for the next milestone");
            admin.click("#decision-confirm");
            admin.waitForText("No requests are waiting");
            admin.open("project/" + projectId);
            admin.waitForText("Approved");
            admin.screenshot("p5-extension-approved");
            // The decided request stays on the admins' page, in the history that the address asks for.
            admin.open("admin/extensions?show=decided");
            admin.waitForText("Approved for the next milestone");

            // The administrator's inventory and monitoring, also in Traditional Chinese and dark mode.
            admin.open("admin/specs");
            admin.waitForText("nvidia-a100-80g");
            admin.screenshot("p6-specs");
            admin.switchToDark("繁體中文");
            admin.open("admin/nodes");
            admin.waitForText("sim-ascend-2");
            assertThat(admin.colorScheme()).isEqualTo("dark");
            admin.screenshot("p7-nodes-zh-tw-dark");
            admin.open("monitoring");
            admin.waitForText("vision-lab");
            admin.screenshot("p8-monitoring-zh-tw-dark");
        }

        accounts.signInAsAdmin();
        try {
            assertThat(projects.overview(projectId).project().endDate()).isEqualTo(endBefore.plusDays(30));
            assertThat(projects.members(projectId)).extracting(m -> m.username() + ":" + m.role())
                    .containsExactlyInAnyOrder("team.lead:" + ProjectRole.MANAGER, "team.member:" + ProjectRole.MEMBER);
            assertThat(projects.quotas(projectId)).singleElement().satisfies(q -> assertThat(q.devices()).isEqualTo(4));
        } finally {
            accounts.signOut();
        }
    }

    private String zh(String key, Object... arguments) {
        return context.getBean(I18NProvider.class).getTranslation(key, Locale.SIMPLIFIED_CHINESE, arguments);
    }

    /**
     * The first column's texts of a grid's rows (after the selection column, where the grid has one), in the order the
     * rows show (the grid reuses its row elements).
     */
    private static final String FIRST_COLUMN = """
            const grid = document.querySelector(arguments[0]);
            const at = r => r.index != null ? r.index : parseInt(r.getAttribute('aria-rowindex'));
            return [...grid.shadowRoot.querySelectorAll('#items tr')]
                .filter(r => !r.hidden)
                .sort((a, b) => at(a) - at(b))
                .slice(0, grid.size)
                .map(r => [...r.querySelectorAll('td slot')].map(s => s.assignedNodes()[0])
                    .find(cell => cell && !cell.querySelector('vaadin-checkbox')).textContent.trim());
            """;
    /** By how many pixels the right edge of the grid's furthest column lies beyond the grid's visible width. */
    private static final String OVERHANG = """
            const grid = document.querySelector(arguments[0]);
            const table = grid.shadowRoot.querySelector('#table');
            const visible = table.getBoundingClientRect().left + table.clientWidth;
            const edges = [...grid.shadowRoot.querySelectorAll('#header tr th')]
                .filter(th => !th.hidden).map(th => th.getBoundingClientRect().right);
            return Math.max(Math.max(...edges) - visible, table.scrollWidth - table.clientWidth);
            """;

    @Test
    void aFilteredSortedListIsKeptInItsAddressAndListsFitA1440PixelScreenInEveryLanguage() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        accounts.createWithPassword("list.admin", PASSWORD, PresetRole.SYSTEM_ADMIN);
        long memberId = accounts.activate(accounts.createWithPassword("list.member", PASSWORD, PresetRole.USER));
        accounts.signInAsAdmin();
        AcceleratorSpec a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        long flavor = cluster.flavors(a100.id()).getFirst().id();
        long image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password"))
                .findFirst().orElseThrow().id();
        long managerId = accounts.createWithPassword("list.manager", PASSWORD, PresetRole.USER);
        long projectId = projects.create(new ProjectForm("list-lab", null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of(new Quota(a100.id(), 1, null))),
                Set.of(managerId));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        TestProjects.fund(wallets, projectId);
        accounts.signInAs("list.member");
        // The first holds the project's whole quota, so the three after it wait in the queue.
        for (String name : List.of("nb-holder", "nb-beta", "nb-alpha", "nb-gamma-with-a-name-long-enough-to-be-cut")) {
            containers.create(new ContainerForm(projectId, name, image, a100.id(), 1, flavor, 64, Set.of(),
                    "Ssh-Pass-123", "Term-Pass-123", null, true));
        }
        accounts.signOut();
        String base = "http://localhost:" + port + "/";

        try (Browser member = new Browser(base, "en-US")) {
            member.viewport(1440, 900);
            signIn(member, "list.member");
            member.open("containers?state=QUEUED&sort=-name");
            member.waitForText("nb-alpha");
            List<String> sorted = List.of("nb-gamma-with-a-name-long-enough-to-be-cut", "nb-beta", "nb-alpha");
            assertThat(member.evaluate(FIRST_COLUMN, "#containers")).isEqualTo(sorted);
            member.screenshot("p9-containers-filtered-sorted");
            member.reload();
            member.waitForText("nb-alpha");
            assertThat(member.evaluate(FIRST_COLUMN, "#containers")).isEqualTo(sorted);
            // A change of filter is written into the address, so that a reload (or a bookmark) keeps it.
            member.type("#search", "gamma");
            member.waitUntilTrue("search-in-url", "return location.search.includes('q=gamma')");
            assertThat(member.currentUrl()).contains("state=QUEUED").contains("sort=-name");
            member.reload();
            member.waitForText("nb-gamma");
            assertThat(member.evaluate(FIRST_COLUMN, "#containers"))
                    .isEqualTo(List.of("nb-gamma-with-a-name-long-enough-to-be-cut"));

            member.open("containers");
            member.waitForText("State");
            assertThat(member.evaluate("return !!customElements.get('vaadin-combo-box')"
                    + " && document.querySelector('#state-filter').getBoundingClientRect().width > 0"))
                    .as("the state filter is drawn").isEqualTo(true);
            assertThat(overhang(member, "#containers")).as("containers, en").isLessThanOrEqualTo(1);
            member.switchLanguage("简体中文", "状态");
            assertThat(overhang(member, "#containers")).as("containers, zh-CN").isLessThanOrEqualTo(1);
            member.screenshot("p10-containers-1440-zh-cn");
            member.switchLanguage("繁體中文", "狀態");
            assertThat(overhang(member, "#containers")).as("containers, zh-TW").isLessThanOrEqualTo(1);
        }

        try (Browser admin = new Browser(base, "en-US")) {
            admin.viewport(1440, 900);
            signIn(admin, "list.admin");
            admin.open("admin/specs");
            admin.waitForText("Pod limits");
            double english = overhang(admin, "#specs");
            admin.screenshot("p11-specs-1440-en");
            assertThat(english).as("specs, en").isLessThanOrEqualTo(1);
            admin.switchLanguage("简体中文", "Pod 资源限制");
            assertThat(overhang(admin, "#specs")).as("specs, zh-CN").isLessThanOrEqualTo(1);
            admin.switchLanguage("繁體中文", "Pod 資源限制");
            double traditional = overhang(admin, "#specs");
            admin.screenshot("p12-specs-1440-zh-tw");
            assertThat(traditional).as("specs, zh-TW").isLessThanOrEqualTo(1);
        }
    }

    private static double overhang(Browser browser, String grid) throws InterruptedException {
        browser.find(grid);
        browser.waitUntilTrue("grid-loaded", "return !document.querySelector('" + grid + "').hasAttribute('loading')");
        // The grid sizes its auto-width columns in the frame after its rows arrive.
        Thread.sleep(500);
        return ((Number) browser.evaluate(OVERHANG, grid)).doubleValue();
    }

    private static void signIn(Browser browser, String username) {
        browser.open("login");
        browser.signIn(username, PASSWORD);
        browser.waitForText("Welcome");
    }
}
