package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.billing.Wallets;
import io.gantry.cluster.ClusterService;
import io.gantry.container.Container;
import io.gantry.container.ContainerFilter;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.local.OpenSshClient;
import io.gantry.shared.NotFound;
import io.gantry.workload.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A new user's life with containers, in a real Chromium against real processes: signs in, generates an SSH key and
 * downloads it, creates a container with it, waits until it runs, logs in with the real ssh client and the downloaded
 * key and sees the devices the container was given, uses the web terminal; then watches the charts move, uploads a
 * file and finds it over SSH, saves the container as an image, and, in Traditional Chinese and the dark theme, starts
 * a second container from the image (which carries the first one's files) and deletes both.
 * <p>
 * The two tests are one journey in two halves, in order, in one browser. Each step is a small method, so that a
 * change of a page changes one method.
 */
@JourneyTest
// A database of its own: the journeys on the shared one count what they find there. Samples every two seconds
// rather than fifteen, so that the charts move while the journey watches them.
@TestPropertySource(properties = {
        "spring.datasource.url="
                + "jdbc:h2:mem:container-life-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "gantry.containers.metrics-interval=2s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerLifeJourneyTest {

    private static final String USER = "new.researcher";
    private static final String PASSWORD = "Journey-Pass-7";
    private static final String TERMINAL_PASSWORD = "Term-Pass-123";
    private static final String KEY = "laptop";
    private static final String SPEC = "nvidia-a100-80g";
    private static final String KEY_IMAGE = "gantry/python:3-key";
    private static final String SAVED_IMAGE = "llm-dev-image";
    private static final String SAVED_TAG = "v1";
    private static final Pattern SSH_COMMAND = Pattern.compile("ssh (\\S+)@(\\S+) -p (\\d+)");

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

    TestAccounts accounts;
    long projectId;
    Browser browser;
    Path downloads;
    /** The private key as the browser downloaded it. */
    Path privateKey;
    /** The file the user writes outside the workspace in the first container; only a saved image carries it on. */
    final String madeInFirst = "made-in-first-" + UUID.randomUUID();
    final List<Long> created = new ArrayList<>();
    long first;

    @BeforeAll
    void aNewUserInAFundedProject() throws IOException {
        accounts = new TestAccounts(context);
        long userId = accounts.activate(accounts.createWithPassword(USER, PASSWORD, PresetRole.USER));
        long adminId = accounts.signInAsAdmin().id();
        long a100 = cluster.specs().stream().filter(s -> s.name().equals(SPEC)).findFirst().orElseThrow().id();
        projectId = projects.create(new ProjectForm("llm-lab", null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of(new Quota(a100, 4, null))), Set.of(adminId));
        projects.addMembers(projectId, Set.of(userId), ProjectRole.MEMBER);
        TestProjects.fund(context.getBean(Wallets.class), projectId);
        accounts.signOut();
        downloads = Files.createTempDirectory("gantry-downloads");
        browser = new Browser("http://localhost:" + port + "/", "en-US");
        browser.downloadInto(downloads);
    }

    /** Nothing keeps running after the journey, whichever step it stopped at: the local runtime's processes are real. */
    @AfterAll
    void deleteWhatIsLeft() throws Exception {
        if (browser != null) {
            browser.close();
        }
        accounts.signInAsAdmin();
        for (long id : created) {
            if (state(id).isPresent()) {
                containers.delete(id);
            }
        }
        for (long id : created) {
            awaitDeleted(id);
        }
        accounts.signOut();
        if (downloads != null) {
            try (var files = Files.list(downloads)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(downloads);
        }
    }

    @Test
    @Order(1)
    void aNewUserDownloadsAKeyAndReachesTheirContainerOverSshAndTheWebTerminal() throws Exception {
        signIn();
        privateKey = generateAndDownloadKey(KEY);
        first = createContainer("llm-dev", 2, null, KEY_IMAGE);
        String detail = awaitRunning(first, "Running");
        browser.screenshot("cl3-container-running");
        String devices = devicesGiven(first);
        assertThat(devices).as("two devices, by index").matches("\\d,\\d");
        SshLogin login = sshLogin(detail);
        OpenSshClient.Result echo = login.run("echo $CUDA_VISIBLE_DEVICES");
        assertThat(echo.exitCode()).as(echo.errors()).isZero();
        assertThat(echo.output().strip()).isEqualTo(devices);
        openWebTerminal(detail, "echo $CUDA_VISIBLE_DEVICES", devices);
        browser.screenshot("cl4-web-terminal");
    }

    @Test
    @Order(2)
    void thenWatchesTheChartsUploadsCodeSavesAnImageStartsASecondContainerFromItAndDeletesBoth() throws Exception {
        // What the journey reads back through the application it reads as the user; each test signs in anew.
        accounts.signInAs(USER);
        String detail = "containers/" + first;
        SshLogin login = sshLogin(detail);
        refreshEvery(5);
        awaitChartsMove(detail);
        showInScreenshot("#chart-cpu");
        browser.screenshot("cl5-charts-moving");

        Path code = Files.createTempFile("train", ".py");
        String content = "print('" + UUID.randomUUID() + "')\n";
        Files.writeString(code, content);
        uploadFile(detail, code);
        showInScreenshot("#workspace-upload");
        browser.screenshot("cl6-file-uploaded");
        String fileName = code.getFileName().toString();
        Files.delete(code);
        // Found where the upload put it, the workspace, with what was uploaded.
        OpenSshClient.Result found = login.run("cat \"$(find ~/Workspace/ -name " + fileName + ")\"");
        assertThat(found.exitCode()).as(found.errors()).isZero();
        assertThat(found.output()).isEqualTo(content);

        OpenSshClient.Result written = login.run("echo " + madeInFirst + " > ~/made-in-first.txt");
        assertThat(written.exitCode()).as(written.errors()).isZero();
        saveImage(detail, SAVED_IMAGE, SAVED_TAG);
        browser.screenshot("cl7-image-saved");

        // The rest in Traditional Chinese and the dark theme.
        browser.switchToDark("繁體中文");
        assertThat(browser.colorScheme()).isEqualTo("dark");
        browser.open("containers/images");
        browser.waitForText(SAVED_IMAGE);
        browser.screenshot("cl8-custom-images-zh-tw-dark");
        long second = createContainer("llm-dev-2", 1, "自定義鏡像", SAVED_IMAGE + ":" + SAVED_TAG);
        String secondDetail = awaitRunning(second, "運行中");
        browser.screenshot("cl9-second-container-zh-tw-dark");
        SshLogin secondLogin = sshLogin(secondDetail);
        OpenSshClient.Result carried = secondLogin.run("cat ~/made-in-first.txt; echo $CUDA_VISIBLE_DEVICES");
        assertThat(carried.exitCode()).as(carried.errors()).isZero();
        assertThat(carried.output().lines().toList()).containsExactly(madeInFirst, devicesGiven(second));

        delete(first);
        delete(second);
        awaitDeleted(first);
        awaitDeleted(second);
        browser.open("containers");
        browser.waitForText("建立容器");
        assertThat(browser.bodyText()).doesNotContain("llm-dev");
        browser.screenshot("cl10-both-deleted-zh-tw-dark");
    }

    // The steps. Each says what a user does on today's pages; when a page changes, its step changes.

    private void signIn() {
        browser.open("login");
        browser.signIn(USER, PASSWORD);
        browser.waitForPath("");
        accounts.signInAs(USER);
    }

    /**
     * Generates a key on the SSH keys page and downloads its private key through the dialog's link, as a user's
     * browser saves it; the file is then kept where only its owner reads it, as the dialog says to.
     */
    private Path generateAndDownloadKey(String name) throws IOException {
        browser.open("network/keys");
        browser.click("#create-key");
        browser.type("#keyName", name);
        browser.click("#key-generate");
        browser.find("#private-key-warning");
        browser.screenshot("cl1-key-generated");
        browser.click("#download-private-key");
        Path key = browser.awaitDownload(downloads);
        assertThat(Files.readString(key)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        browser.click("#key-done");
        browser.waitForText(name);
        return key;
    }

    /**
     * Creates a container through the create wizard with the key generated before; {@code imageKind} is the label of
     * the image type to choose, null for the public images offered first. Returns the container's id.
     */
    private long createContainer(String name, int devices, String imageKind, String image) {
        CreateWizard.create(browser, name, devices, CreateWizard.Image.withKey(imageKind, image, KEY),
                TERMINAL_PASSWORD, created.isEmpty() ? "cl2-create-container" : "cl2b-create-from-image-zh-tw-dark");
        long id = mine(name).id();
        created.add(id);
        return id;
    }

    /** Waits on the container's page until it runs and shows how to log in; returns the page's path. */
    private String awaitRunning(long id, String runningLabel) throws InterruptedException {
        String detail = "containers/" + id;
        // The page refreshes itself at the user's interval; reloading is quicker for the journey.
        browser.reloadUntilPresent(detail, "#ssh-command", Duration.ofSeconds(60));
        browser.waitForText(runningLabel);
        return detail;
    }

    /** The SSH login the container's page shows, with the downloaded key. */
    private SshLogin sshLogin(String detail) {
        browser.open(detail);
        String shown = browser.find("#ssh-command").getText();
        Matcher command = SSH_COMMAND.matcher(shown);
        assertThat(command.matches()).as(shown).isTrue();
        assertThat(command.group(1)).isEqualTo(USER);
        return new SshLogin(OpenSshClient.withKey(privateKey, command.group(1), Integer.parseInt(command.group(3))));
    }

    /** Opens the web terminal from the container's page, types a command and waits for the line it prints. */
    private void openWebTerminal(String detail, String command, String printed) {
        browser.open(detail);
        browser.click("#open-terminal");
        browser.type("#terminal-password", TERMINAL_PASSWORD);
        browser.click("#terminal-connect");
        browser.typeInTerminal(command + "\n");
        browser.waitForTerminalLine(printed);
    }

    /** Scrolls the page so that the screenshot shows the element: the page scrolls inside its layout. */
    private void showInScreenshot(String css) {
        browser.evaluate("arguments[0].scrollIntoView({block: 'center'})", browser.find(css));
    }

    /** Chooses how often the pages that follow running work refresh themselves, in the user's settings. */
    private void refreshEvery(int seconds) {
        browser.open("account/settings");
        browser.click("#refresh");
        browser.clickItem("vaadin-select-item", seconds + " seconds");
        browser.click("#save-settings");
    }

    /**
     * Waits on the container's page until its CPU and memory charts have drawn a newer point than when the page
     * opened: the page refreshes them by itself. The disk chart is there too, and the network and GPU charts or,
     * where the runtime cannot tell those, the words saying so.
     */
    private void awaitChartsMove(String detail) {
        browser.open(detail);
        for (String chart : List.of("cpu", "memory", "disk")) {
            browser.find("gantry-chart#chart-" + chart);
        }
        // Network and GPU where the runtime can tell them; otherwise the page says it cannot.
        for (String chart : List.of("network", "gpu")) {
            browser.waitUntilTrue("chart-" + chart + "-or-why-not", "return ['gantry-chart#chart-" + chart
                    + "', '#chart-" + chart + "-none'].some(c => { const e = document.querySelector(c);"
                    + " return e !== null && e.offsetParent !== null; });");
        }
        Map<String, Object> before = new LinkedHashMap<>();
        for (String chart : List.of("cpu", "memory")) {
            before.put(chart, browser.evaluate(latestTime(chart) + " return t.length ? t[t.length - 1] : 0;"));
        }
        // Both from the same refresh: the second chart's wait does not start a new interval.
        before.forEach((chart, latest) -> browser.waitUntilTrue("chart-" + chart + "-moved",
                latestTime(chart) + " return t.length > 0 && t[t.length - 1] > " + latest + ";"));
    }

    /** A script's start that puts the chart's drawn times in {@code t}. */
    private static String latestTime(String chart) {
        return "const m = document.querySelector('#chart-" + chart + "').model;"
                + " const t = m ? JSON.parse(m).times : [];";
    }

    /** Uploads a file into the workspace on the container's page and waits until the upload says it is done. */
    private void uploadFile(String detail, Path file) {
        browser.open(detail);
        browser.chooseFile("#workspace-upload", file);
        browser.waitUntilTrue("upload-complete", "const files = document.querySelector('#workspace-upload').files;"
                + " return files.length > 0 && files.every(f => f.complete);");
    }

    /** Saves the container as an image of its own (private), from its page. */
    private void saveImage(String detail, String imageName, String tag) {
        browser.open(detail);
        browser.click("#save-image");
        browser.typeInLabelled("vaadin-text-field", "Name", "LLM dev");
        browser.type("#image-name", imageName);
        browser.type("#image-tag", tag);
        browser.clickItem("#image-visibility vaadin-radio-button", "rivate");
        browser.click("#save-image-submit");
        browser.waitForText(imageName + ":" + tag);
    }

    /** Deletes the container from its page, confirming. */
    private void delete(long id) {
        browser.open("containers/" + id);
        browser.click("#delete");
        browser.click("vaadin-button[slot='confirm-button']");
    }

    // What the journey reads back through the application, as the user.

    /** The user's container of this name. */
    private Container mine(String name) {
        return containers.list(projectId, new ContainerFilter(name, null, true), List.of(), 0, 10).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The devices the container was given, as the runtime tells a process: indexes joined by commas. */
    private String devicesGiven(long id) {
        return containers.container(id).deviceIndexes().stream().map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    /** The container's state; empty once it is deleted (a deleted container is no longer found). */
    private Optional<Phase> state(long id) {
        try {
            return Optional.of(containers.container(id).state());
        } catch (NotFound deleted) {
            return Optional.empty();
        }
    }

    /** Waits until the container is deleted: stopped, its processes ended, its files gone. */
    private void awaitDeleted(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (state(id).isPresent()) {
            assertThat(System.nanoTime()).as("container %d deleted", id).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private record SshLogin(OpenSshClient client) {

        OpenSshClient.Result run(String command) throws IOException, InterruptedException {
            return client.ssh(List.of(), command);
        }
    }
}
