package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import java.time.LocalDate;
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
        long requestId = projects.pendingExtensions().stream().filter(r -> r.projectId() == projectId)
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

    private static void signIn(Browser browser, String username) {
        browser.open("login");
        browser.signIn(username, PASSWORD);
        browser.waitForText("Welcome");
    }
}
