package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.Needs;
import io.gantry.billing.Wallets;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.local.OpenSshClient;
import io.gantry.runtime.local.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The container journey, in a real Chromium against real processes: a member creates a container with a password
 * image, waits until it runs, signs in with the real ssh client using exactly the command the page shows (a real
 * PTY), types a command into the web terminal and sees its output, opens Jupyter on its own host name (where a
 * planted script can neither read nor drive Gantry, and another site cannot open a terminal), and stops the container; then the container list and the key page in Simplified Chinese and dark mode.
 */
@JourneyTest
// An application of its own: the first-start journey must see the first start of the shared one.
@TestPropertySource(properties =
        "spring.datasource.url=jdbc:h2:mem:container-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
class ContainerJourneyTest {

    private static final String PASSWORD = "Journey-Pass-7";
    private static final String SSH_PASSWORD = "Ssh-Pass-123";
    private static final String TERMINAL_PASSWORD = "Term-Pass-123";
    /** Records what a script on the Jupyter host can do to Gantry at {@code GANTRY}, its base address. */
    private static final String HOSTILE_SCRIPT = """
            (function () {
              var gantry = 'GANTRY';
              var probe = {origin: location.origin, cookie: document.cookie};
              window.gantryProbe = probe;
              fetch(gantry + 'network/keys', {credentials: 'include'})
                .then(function (r) { return r.text(); })
                .then(function (t) { probe.keys = 'read ' + t.length; },
                      function (e) { probe.keys = 'refused: ' + e; });
              fetch(gantry + 'network/keys', {credentials: 'include', mode: 'no-cors'})
                .then(function (r) { probe.noCors = r.type + ' ' + r.status; },
                      function () { probe.noCors = 'refused'; });
              var frame = document.createElement('iframe');
              frame.onload = function () {
                try { probe.frame = 'read ' + frame.contentDocument.documentElement.innerHTML.length; }
                catch (e) { probe.frame = 'refused: ' + e.name; }
              };
              frame.src = gantry + 'network/keys';
              document.documentElement.appendChild(frame);
            })();
            """;
    private static final Pattern SSH_COMMAND = Pattern.compile("ssh (\\S+)@(\\S+) -p (\\d+)");

    /** Whether the script planted as custom.js has run in the page, given the page a few seconds to load it. */
    private static boolean plantedScriptRan(Browser browser) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(browser.evaluate("return !!window.gantryProbe"))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    WorkloadRuntime runtime;

    @Test
    void aMemberCreatesAContainerAndReachesItOverSshTheWebTerminalAndJupyter() throws Exception {
        Needs.tool(Needs.Tool.JUPYTER);
        TestAccounts accounts = new TestAccounts(context);
        long memberId = accounts.activate(accounts.createWithPassword("ml.engineer", PASSWORD, PresetRole.USER));
        long adminId = accounts.signInAsAdmin().id();
        long a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow().id();
        long projectId = projects.create(new ProjectForm("speech-lab", null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of(new Quota(a100, 4, null))), Set.of(adminId));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        TestProjects.fund(context.getBean(Wallets.class), projectId);
        accounts.signOut();
        String base = "http://localhost:" + port + "/";

        try (Browser member = new Browser(base, "en-US")) {
            member.open("login");
            member.signIn("ml.engineer", PASSWORD);
            member.waitForPath("");
            CreateWizard.create(member, "asr-dev", 2, SSH_PASSWORD, TERMINAL_PASSWORD, "c1-create-container");
            // The wizard lands on the list; the container's own page is where it is reached.
            String detail = CreateWizard.pageOf(accounts, context.getBean(io.gantry.container.ContainerService.class),
                    projectId, "asr-dev");
            member.open(detail);

            // The page refreshes itself at the user's interval; reloading is quicker for the journey.
            member.reloadUntilPresent(detail, "#ssh-command", Duration.ofSeconds(60));
            member.waitForText("Running");
            member.screenshot("c2-container-running");
            String shown = member.find("#ssh-command").getText();
            Matcher command = SSH_COMMAND.matcher(shown);
            assertThat(command.matches()).as(shown).isTrue();
            assertThat(command.group(1)).isEqualTo("ml.engineer");

            OpenSshClient.Result login = OpenSshClient.withPassword(SSH_PASSWORD, command.group(1),
                    Integer.parseInt(command.group(3))).ssh(List.of("-tt"), "tty; echo devices=$CUDA_VISIBLE_DEVICES");
            assertThat(login.exitCode()).as(login.errors()).isZero();
            assertThat(login.output()).contains("/dev/pts/").containsPattern("devices=\\d,\\d");

            member.click("#open-terminal");
            member.type("#terminal-password", TERMINAL_PASSWORD);
            member.click("#terminal-connect");
            member.typeInTerminal("echo web-$((6*7))\n");
            member.waitForTerminalLine("web-42");
            member.screenshot("c3-web-terminal");

            // Jupyter comes up in the background, after SSH and the terminal; its link appears once it answers.
            member.reloadUntilPresent(detail, "#jupyter-link", Duration.ofSeconds(60));
            String jupyter = member.find("#jupyter-link").getAttribute("href");
            // The link opens the container's deployment on its own host: /jupyter-open/<deployment id>.
            String workload = jupyter.substring(jupyter.lastIndexOf('/') + 1);
            String jupyterOrigin = "http://" + workload + ".jupyter.localhost:" + port;
            // A hostile script planted where Jupyter loads it into every page (by another container, or shipped in a
            // saved image): it tries to read Gantry's pages with the member's session.
            Path customJs = context.getBean(LocalRuntime.class).home().resolve(Path.of("workloads", workload,
                    "root", ".jupyter", "custom", "custom.js"));
            Files.createDirectories(customJs.getParent());
            Files.writeString(customJs, HOSTILE_SCRIPT.replace("GANTRY", base));
            member.open(jupyter.replace(base, ""));
            member.waitForText("Files");
            assertThat(member.currentUrl()).startsWith(jupyterOrigin + "/jupyter/" + workload + "/tree");
            member.screenshot("c4-jupyter-on-its-own-host");
            if (!plantedScriptRan(member)) {
                // Where Jupyter's configuration is out of the container's reach the planted file is never loaded;
                // any script on a notebook page (an output, an extension) runs where it would have, so the same
                // script is run there to show what it could do.
                member.evaluate(HOSTILE_SCRIPT.replace("GANTRY", base));
            }
            member.waitUntilTrue("hostile-script-done", "return !!(window.gantryProbe && window.gantryProbe.keys"
                    + " && window.gantryProbe.noCors && window.gantryProbe.frame)");
            @SuppressWarnings("unchecked")
            Map<String, Object> probe = (Map<String, Object>) member.evaluate("return window.gantryProbe");
            assertThat(probe.get("origin")).as("the script ran on the Jupyter host").isEqualTo(jupyterOrigin);
            assertThat(String.valueOf(probe.get("cookie"))).doesNotContain("JSESSIONID");
            assertThat(String.valueOf(probe.get("keys"))).as("reading the SSH keys page").startsWith("refused");
            assertThat(String.valueOf(probe.get("noCors"))).as("what no-cors gets").isIn("opaque 0", "refused");
            assertThat(String.valueOf(probe.get("frame"))).as("reading Gantry in a frame").startsWith("refused");
            // A link elsewhere cannot make Jupyter open a terminal: GETs from other sites are refused.
            member.open(detail);
            member.evaluate("location.href = '" + jupyterOrigin + "/jupyter/" + workload + "/terminals/new'");
            member.waitUntilTrue("refused-navigation", "return location.host.startsWith('" + workload + ".')"
                    + " && document.readyState === 'complete'");
            member.open(jupyter.replace(base, ""));
            member.waitForText("Files");
            assertThat(member.evaluate("return fetch('/jupyter/" + workload + "/api/terminals')"
                    + ".then(r => r.text())")).as("terminals opened").isEqualTo("[]");

            member.open(detail);
            member.click("#stop");
            // Stopping asks first; the red button of the confirmation is named after the action.
            member.click("vaadin-button[slot='confirm-button']");
            member.waitForText("Stopped");
            member.screenshot("c5-container-stopped");

            // The same pages in Simplified Chinese and dark mode.
            member.switchToDark("简体中文");
            member.open("containers");
            member.waitForText("已停止");
            assertThat(member.colorScheme()).isEqualTo("dark");
            member.screenshot("c6-containers-chinese-dark");
            member.open("network/keys");
            member.waitForText("密钥");
            member.screenshot("c7-ssh-keys-chinese-dark");
            member.open(detail);
            member.waitForText("事件");
            member.screenshot("c8-container-detail-chinese-dark");
            member.open("containers/new");
            member.waitForText("随选随算");
            member.screenshot("c9-create-container-chinese-dark");
        }
    }
}
