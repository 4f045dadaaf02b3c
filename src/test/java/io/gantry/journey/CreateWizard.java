package io.gantry.journey;

import io.gantry.container.Container;
import io.gantry.container.ContainerService;
import io.gantry.identity.TestAccounts;

/** The journeys' way through the container create wizard, as a user clicks it. */
final class CreateWizard {

    private static final String SPEC = "nvidia-a100-80g";

    private CreateWizard() {
    }

    /**
     * The image step's choice: the image type's label (null keeps the public images offered first), the image, and
     * how its SSH server lets its owner in: a password, or the user's key of that name.
     */
    record Image(String kindLabel, String reference, String sshPassword, String keyName) {

        static Image withPassword(String reference, String sshPassword) {
            return new Image(null, reference, sshPassword, null);
        }

        static Image withKey(String kindLabel, String reference, String keyName) {
            return new Image(kindLabel, reference, null, keyName);
        }
    }

    /**
     * Creates a container of A100s with a password image and no whitelist, step by step; keeps a screenshot of the
     * summary when {@code summaryScreenshot} is given. Ends on the container list, where the wizard lands.
     */
    static void create(Browser member, String name, int devices, String sshPassword, String terminalPassword,
                       String summaryScreenshot) {
        create(member, name, devices, Image.withPassword("gantry/python:3-password", sshPassword), terminalPassword,
                summaryScreenshot);
    }

    /**
     * Creates a container of A100s with the given image and no whitelist, step by step; keeps a screenshot of the
     * summary when {@code summaryScreenshot} is given. Ends on the container list, where the wizard lands.
     */
    static void create(Browser member, String name, int devices, Image image, String terminalPassword,
                       String summaryScreenshot) {
        member.open("containers/new");
        member.type("#name", name);
        member.click("#wizard-next");
        member.click("#container-spec");
        member.clickItem("vaadin-select-item", SPEC);
        member.click("#container-devices");
        // Exactly: a count is short, and the items of the spec's list, still closing, may contain it.
        member.clickItemExactly("vaadin-select-item", String.valueOf(devices));
        member.click("#container-flavor");
        member.clickItem("vaadin-select-item", "small");
        member.click("#wizard-next");
        if (image.kindLabel() != null) {
            member.clickItem("#container-image-kind vaadin-radio-button", image.kindLabel());
        }
        member.click("#container-image");
        member.clickItem("vaadin-select-item", image.reference());
        if (image.sshPassword() != null) {
            member.type("#container-ssh-password", image.sshPassword());
        }
        if (image.keyName() != null) {
            member.type("#container-keys", image.keyName());
            member.clickItem("vaadin-multi-select-combo-box-item", image.keyName());
            member.escape("#container-keys");
        }
        member.type("#container-terminal-password", terminalPassword);
        member.click("#wizard-next");
        // Its label: the field is as wide as its column, and a click on its middle may land beside a short label
        // and miss the box.
        member.click("#container-allow-all label");
        member.click("#wizard-next");
        // A step that refuses stays and says why on its field; the screenshot of a failed wait shows it.
        member.waitUntilTrue("wizard-summary-" + name, "return document.querySelector('#wizard-summary') !== null"
                + " && document.querySelector('#wizard-summary').offsetParent !== null;");
        if (summaryScreenshot != null) {
            member.screenshot(summaryScreenshot);
        }
        member.click("#wizard-create");
        // On the list, not merely under it: "containers/new" starts with "containers" too. Refused, the wizard
        // stays and says why, and this wait's screenshot shows it.
        member.waitUntilTrue("created-" + name, "return location.pathname === '/containers'");
        member.waitForVaadin();
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
