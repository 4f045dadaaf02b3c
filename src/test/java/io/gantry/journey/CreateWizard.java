package io.gantry.journey;

import io.gantry.container.Container;
import io.gantry.container.ContainerService;
import io.gantry.identity.TestAccounts;

/** The journeys' way through the container create wizard, as a user clicks it. */
final class CreateWizard {

    private CreateWizard() {
    }

    /**
     * Creates a container of A100s with a password image and no whitelist, step by step; keeps a screenshot of the
     * summary when {@code summaryScreenshot} is given. Ends on the container list, where the wizard lands.
     */
    static void create(Browser member, String name, int devices, String sshPassword, String terminalPassword,
                       String summaryScreenshot) {
        member.open("containers/new");
        member.type("#name", name);
        member.click("#wizard-next");
        member.click("#container-spec");
        member.clickItem("vaadin-select-item", "nvidia-a100-80g");
        member.click("#container-devices");
        member.clickItem("vaadin-select-item", String.valueOf(devices));
        member.click("#container-flavor");
        member.clickItem("vaadin-select-item", "small");
        member.click("#wizard-next");
        member.click("#container-image");
        member.clickItem("vaadin-select-item", "gantry/python:3-password");
        member.type("#container-ssh-password", sshPassword);
        member.type("#container-terminal-password", terminalPassword);
        member.click("#wizard-next");
        member.click("#container-allow-all");
        member.click("#wizard-next");
        member.find("#wizard-summary");
        if (summaryScreenshot != null) {
            member.screenshot(summaryScreenshot);
        }
        member.click("#wizard-create");
        member.waitForPath("containers");
    }

    /** The page of the project's container of that name, looked up as the administrator. */
    static String pageOf(TestAccounts accounts, ContainerService containers, long projectId, String name) {
        accounts.signInAsAdmin();
        try {
            Container container = containers.list(projectId, name, 0, 10).stream()
                    .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            return "containers/" + container.id();
        } finally {
            accounts.signOut();
        }
    }
}
