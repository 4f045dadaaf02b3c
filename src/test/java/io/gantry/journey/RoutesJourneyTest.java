package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServlet;
import io.gantry.billing.OrderService;
import io.gantry.billing.ServiceType;
import io.gantry.billing.TestLedger;
import io.gantry.billing.Wallets;
import io.gantry.billing.ui.ApprovalDetailView;
import io.gantry.billing.ui.OrderDetailView;
import io.gantry.runtime.WorkloadActivity;
import io.gantry.runtime.local.LocalRuntime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import io.gantry.GantryApplication;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.workload.Phase;
import io.gantry.container.ui.ContainerDetailView;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskService;
import io.gantry.schedule.ScheduleForm;
import io.gantry.schedule.ScheduleService;
import io.gantry.schedule.cron.Trigger;
import io.gantry.schedule.ui.RunAsScheduledView;
import io.gantry.schedule.ui.ScheduleDetailView;
import io.gantry.schedule.ui.ScheduleFormView;
import io.gantry.task.TemplateService;
import io.gantry.task.ui.TaskDetailView;
import io.gantry.task.ui.TemplateEditView;
import io.gantry.container.ui.TerminalView;
import io.gantry.identity.GroupService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleService;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.ui.GroupDetailView;
import io.gantry.identity.ui.RoleEditorView;
import io.gantry.identity.ui.UserDetailView;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import io.gantry.project.Quota;
import io.gantry.project.ui.ProjectDetailView;
import io.gantry.project.ui.ProjectFormView;
import io.gantry.shared.Permission;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * Every route of the application, opened directly in a fresh page as an administrator (as a reload, a bookmark or a
 * new tab does), against demo data with real ids: no page may report an uncaught error, an unhandled rejection or a
 * console error, and no custom element in it may lack its definition (a web component missing from the front-end
 * bundle). The routes come from Vaadin's route registry, so a new route is covered as soon as it exists; a new route
 * with a parameter fails here until the demo data below gives it a real id. Then the side navigation, clicked through
 * faster than the server answers.
 */
@JourneyTest
// An application of its own, with the demo data below and nothing else.
@TestPropertySource(properties =
        "spring.datasource.url=jdbc:h2:mem:routes-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RoutesJourneyTest {

    private static final String PASSWORD = "Journey-Pass-7";
    private static final String ADMIN = "routes.admin";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;
    @Autowired
    GroupService groups;
    @Autowired
    RoleService roles;
    @Autowired
    ContainerService containers;

    private TestAccounts accounts;
    /** The real id each route with a parameter is opened with, by the view it shows. */
    private final Map<Class<?>, Long> ids = new LinkedHashMap<>();
    private long containerId;
    private long pendingId;
    private long projectId;
    private String runtimeId;
    /** The UIs the server holds, as Vaadin's own service reports them, and the one it made last. */
    private final Set<UI> serverUis = ConcurrentHashMap.newKeySet();
    private final AtomicReference<UI> newestUi = new AtomicReference<>();
    private boolean countingUis;

    @BeforeAll
    void demoData() {
        accounts = new TestAccounts(context);
        accounts.createWithPassword(ADMIN, PASSWORD, PresetRole.SYSTEM_ADMIN);
        long memberId = accounts.activate(accounts.createWithPassword("routes.member", PASSWORD, PresetRole.USER));
        long managerId = accounts.createWithPassword("routes.manager", PASSWORD, PresetRole.USER);
        accounts.signInAsAdmin();
        AcceleratorSpec a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g"))
                .findFirst().orElseThrow();
        projectId = projects.create(new ProjectForm("routes-lab", "Every page, opened directly",
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30), ProjectLimits.NONE,
                List.of(new Quota(a100.id(), 2, null))), Set.of(managerId));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        TestProjects.fund(wallets, projectId);
        long roleId = roles.create("routes-role", "Looks at monitoring", Set.of(Permission.OVERVIEW_VIEW));
        roles.relateUsers(roleId, Set.of(memberId));
        long groupId = groups.create("routes-group", "Members of the routes lab", Set.of(roleId));
        groups.addMembers(groupId, Set.of(memberId));
        FrameworkImage image = cluster.images().stream()
                .filter(i -> i.reference().equals("gantry/python:3-password")).findFirst().orElseThrow();
        long flavorId = cluster.flavors(a100.id()).getFirst().id();

        accounts.signInAs("routes.member");
        containerId = containers.create(new ContainerForm(projectId, "routes-box", image.id(), a100.id(), 1,
                flavorId, 64, Set.of(), "Ssh-Pass-123", "Term-Pass-123", null, true)).id();
        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
            Phase state = containers.container(containerId).state();
            return state != Phase.QUEUED && state != Phase.CREATING;
        });
        Container container = containers.container(containerId);
        runtimeId = container.runtimeId();
        // A task that ends at once, without devices, and a template, for their pages.
        long taskId = context.getBean(TaskService.class).create(new TaskForm(projectId, "routes-task", a100.id(), 0,
                1, flavorId, 0, image.id(), "echo routes", false, null)).id();
        long templateId = context.getBean(TemplateService.class).create(new TaskForm(projectId, "routes-template",
                a100.id(), 0, 1, flavorId, 0, image.id(), "echo routes", false, null)).id();
        // A schedule of the template that starts in a month, so that it never fires while the pages are opened.
        long scheduleId = context.getBean(ScheduleService.class).create(new ScheduleForm(projectId, "routes-schedule",
                null, new Trigger.Daily(LocalTime.of(20, 0)), "UTC", java.time.Instant.now().plus(Duration.ofDays(30)),
                null, false, List.of(templateId))).id();
        assertThat(container.state()).as("state, reason %s", container.reason()).isEqualTo(Phase.RUNNING);
        // An order that waits for the manager, for the approvals page.
        accounts.signInAsAdmin();
        projects.update(projectId, new ProjectForm("routes-lab", "Every page, opened directly",
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30), new ProjectLimits(null, null, null, null,
                1, false), List.of(new Quota(a100.id(), 2, null))));
        accounts.signInAs("routes.member");
        pendingId = containers.create(new ContainerForm(projectId, "routes-big", image.id(), a100.id(), 2,
                flavorId, 64, Set.of(), "Ssh-Pass-123", "Term-Pass-123", null, true)).id();
        OrderService orders = context.getBean(OrderService.class);
        long runningOrder = orders.mine(null, null, 0, 10).stream().filter(r -> r.order().name().equals("routes-box"))
                .findFirst().orElseThrow().order().id();
        long pendingOrder = orders.mine(null, null, 0, 10).stream().filter(r -> r.order().name().equals("routes-big"))
                .findFirst().orElseThrow().order().id();
        accounts.signOut();

        ids.put(UserDetailView.class, memberId);
        ids.put(GroupDetailView.class, groupId);
        ids.put(RoleEditorView.class, roleId);
        ids.put(ProjectDetailView.class, projectId);
        ids.put(ProjectFormView.class, projectId);
        ids.put(ContainerDetailView.class, containerId);
        ids.put(TerminalView.class, containerId);
        ids.put(OrderDetailView.class, runningOrder);
        ids.put(ApprovalDetailView.class, pendingOrder);
        ids.put(TaskDetailView.class, taskId);
        ids.put(TemplateEditView.class, templateId);
        ids.put(RunAsScheduledView.class, templateId);
        ids.put(ScheduleDetailView.class, scheduleId);
        ids.put(ScheduleFormView.class, scheduleId);
    }

    @AfterAll
    void stopTheContainer() {
        if (containerId == 0) {
            return;
        }
        accounts.signInAs("routes.member");
        try {
            containers.stop(containerId);
            if (pendingId != 0) {
                containers.stop(pendingId);
            }
        } finally {
            accounts.signOut();
        }
    }

    @Test
    void everyRouteOpensDirectlyWithoutErrorsOrUndefinedElements() {
        List<String> paths = paths();
        assertThat(paths).as("the registry's routes, with ids filled in").contains("admin/user/" + ids.get(
                UserDetailView.class), "containers/" + containerId, "");
        Map<String, List<String>> broken = new LinkedHashMap<>();
        try (Browser admin = new Browser("http://localhost:" + port + "/", "en-US")) {
            admin.open("login");
            admin.signIn(ADMIN, PASSWORD);
            admin.waitForText("Welcome");
            for (String path : paths) {
                admin.open(path);
                List<String> found = new ArrayList<>(admin.pageProblems());
                List<String> undefinedTags = undefinedAfterLoading(admin);
                undefinedTags.forEach(tag -> found.add("undefined custom element: <" + tag + ">"));
                if (!found.isEmpty()) {
                    broken.put("/" + path, found);
                    admin.screenshot("route-" + (path.isEmpty() ? "home" : path.replace('/', '-')));
                }
            }
        }
        assertThat(broken).as("pages opened directly that report errors or lack web components").isEmpty();
    }

    /** Gantry's icon: the page declares it, and it is served to anyone, signed in or not. */
    @Test
    void thePageDeclaresGantrysIconAndItIsServed() throws Exception {
        try (Browser visitor = new Browser("http://localhost:" + port + "/", "en-US")) {
            visitor.open("login");
            Object href = visitor.evaluate("const icon = document.querySelector('link[rel~=\"icon\"]');"
                    + " return icon && icon.href;");
            assertThat(href).as("the icon the page declares").isEqualTo("http://localhost:" + port
                    + "/icons/favicon.svg");
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(String.valueOf(href)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
            assertThat(response.body()).contains("<svg");
            // The browser loads it without being signed in.
            assertThat(visitor.evaluate("return fetch('/icons/favicon.svg', {credentials: 'omit'})"
                    + ".then(r => r.status)")).isEqualTo(200L);
        }
    }

    /** A user closing a tab (its push connection ends) is no event worth a WARN or a stack trace in the log. */
    @Test
    void closingATabLogsNothingAboveInfo(CapturedOutput output) {
        try (Browser admin = new Browser("http://localhost:" + port + "/", "en-US")) {
            admin.open("login");
            admin.signIn(ADMIN, PASSWORD);
            admin.waitForText("Welcome");
            countServerUis();
            admin.openInNewTab("admin/user/" + ids.get(UserDetailView.class));
            admin.find("#user-projects");
            UI tab = newestUi.get();
            int before = output.getAll().length();
            admin.closeTab();
            awaitClosedOnTheServer(tab);
            admin.open("containers");
            admin.waitForVaadin();
            // Other test applications in this JVM share a Quartz cluster whose check-ins run late on a loaded machine.
            String logged = output.getAll().substring(before).lines()
                    .filter(line -> !line.contains("[_ClusterManager]"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(logged).as("what the server logged after the tab was closed")
                    .doesNotContainPattern("(?m)^\\S+\\s+(WARN|ERROR)\\s")
                    .doesNotContainPattern("(?m)^\\s+at ");
        }
        // A tab the server pushes to while it closes: a web terminal printing without pause.
        try (Browser member = new Browser("http://localhost:" + port + "/", "en-US")) {
            member.open("login");
            member.signIn("routes.member", PASSWORD);
            member.waitForText("Welcome");
            member.openInNewTab("containers/terminal/" + containerId);
            member.type("#terminal-password", "Term-Pass-123");
            member.click("#terminal-connect");
            member.typeInTerminal("while true; do echo tick; sleep 0.05; done\n");
            member.waitForTerminalLine("tick");
            UI tab = newestUi.get();
            int before = output.getAll().length();
            member.closeTab();
            awaitClosedOnTheServer(tab);
            LocalRuntime runtime = context.getBean(LocalRuntime.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.activity(runtimeId)
                    .map(WorkloadActivity::terminalSessions).orElse(0) == 0);
            member.open("containers");
            member.waitForVaadin();
            assertThat(output.getAll().substring(before)).as("what the server logged after the terminal's tab closed")
                    .doesNotContainPattern("(?m)^\\S+\\s+(WARN|ERROR)\\s")
                    .doesNotContainPattern("(?m)^\\s+at ");
        }
    }

    /**
     * Clicks made while a navigation is under way. Under React Router, Vaadin's navigation blocker threw "Invalid
     * blocker state transition" here; Gantry uses Flow's own router.
     */
    @Test
    void theSideNavigationClickedThroughQuicklyLogsNoError() {
        try (Browser admin = new Browser("http://localhost:" + port + "/", "en-US")) {
            admin.open("login");
            admin.signIn(ADMIN, PASSWORD);
            admin.waitForText("Welcome");
            List<String> problems = new ArrayList<>();
            for (String start : List.of("", "admin/users")) {
                admin.open(start);
                admin.find("vaadin-side-nav-item");
                // Three rounds over every item, 40 ms apart: far faster than each server round trip.
                Object clicks = admin.evaluate("""
                        const links = Array.from(document.querySelectorAll('vaadin-side-nav-item'))
                            .map(item => item.shadowRoot.querySelector('a'))
                            .filter(link => link && link.getAttribute('href'));
                        (async () => {
                          for (let round = 0; round < 3; round++) {
                            for (const link of links) {
                              link.click();
                              await new Promise(resolve => setTimeout(resolve, 40));
                            }
                          }
                          window.gantryClicksDone = true;
                        })();
                        return [links.length, links.map(link => new URL(link.href).pathname)];
                        """);
                List<?> result = (List<?>) clicks;
                int count = ((Number) result.get(0)).intValue();
                assertThat(count).as("side navigation items from " + start).isGreaterThan(2);
                // The last click made, its round trips over: the page ends on one of the items' pages.
                admin.waitUntilTrue("clicks-done", "return window.gantryClicksDone === true");
                admin.waitForVaadin();
                assertThat(String.valueOf(admin.evaluate("return location.pathname"))).as("where the clicks led")
                        .isIn((List<?>) result.get(1));
                problems.addAll(admin.pageProblems());
            }
            assertThat(problems).as("what the page reported while navigating quickly")
                    .noneMatch(p -> p.contains("blocker"))
                    .isEmpty();
        }
    }

    /**
     * Flow's router must keep the address bar and history true to server-side navigation ({@code UI.navigate}), which
     * the build's and the application's {@code reactEnable} must agree on.
     */
    @Test
    void aServerSideNavigationMovesTheAddressBarAndBackReturns() {
        try (Browser admin = new Browser("http://localhost:" + port + "/", "en-US")) {
            admin.open("login");
            admin.signIn(ADMIN, PASSWORD);
            admin.waitForText("Welcome");
            admin.open("admin/groups");
            admin.click("#create-group");
            admin.waitForPath("admin/groups/new");
            admin.evaluate("history.back()");
            admin.waitUntilTrue("back-to-groups", "return location.pathname.endsWith('/admin/groups')");
            admin.find("#groups");
            admin.evaluate("history.forward()");
            admin.waitForPath("admin/groups/new");
            assertThat(admin.pageProblems()).as("what the page reported").isEmpty();
        }
    }

    /**
     * The chart component (Apache ECharts) draws on the cost analysis page, in the light scheme and in English, and
     * again in the dark scheme and in Chinese once the user switches both: its canvas is painted in the scheme's
     * background and its accessible description is in the page's language.
     */
    @Test
    void theCostChartDrawsInLightAndDarkAndInTheUsersLanguage() {
        long spenderId = accounts.createWithPassword("routes.spender", PASSWORD, PresetRole.USER);
        accounts.signInAsAdmin();
        projects.addMembers(projectId, Set.of(spenderId), ProjectRole.MEMBER);
        AcceleratorSpec a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g"))
                .findFirst().orElseThrow();
        accounts.signOut();
        java.time.Instant now = context.getBean(java.time.Clock.class).instant();
        TestLedger ledger = new TestLedger(context);
        ledger.charge(projectId, spenderId, ServiceType.CONTAINER, a100.id(), now.minus(Duration.ofMinutes(5)),
                "12.50");
        ledger.charge(projectId, spenderId, ServiceType.TASK, a100.id(), now.minus(Duration.ofDays(40)), "7.25");
        String canvas = "return document.querySelector('#costs-chart').shadowRoot.querySelector('canvas')";
        String background = canvas + ".getContext('2d').getImageData(2, 2, 1, 1).data.slice(0, 3)"
                + ".reduce((sum, c) => sum + c, 0) / 3";
        String description = "return document.querySelector('#costs-chart').shadowRoot"
                + ".querySelector('[aria-label]').getAttribute('aria-label')";
        try (Browser spender = new Browser("http://localhost:" + port + "/", "en-US")) {
            spender.open("login");
            spender.signIn("routes.spender", PASSWORD);
            spender.waitForText("Welcome");
            spender.open("account/costs");
            spender.waitUntilTrue("chart-light", "return document.querySelector('#costs-chart[scheme=light]') != null"
                    + " && document.querySelector('#costs-chart').shadowRoot.querySelector('canvas') != null");
            assertThat(((Number) spender.evaluate(background)).doubleValue()).as("light background").isGreaterThan(200);
            assertThat(String.valueOf(spender.evaluate(description))).contains("chart");
            spender.find("#costs-table");

            spender.switchToDark("简体中文");
            spender.waitUntilTrue("chart-dark", "return document.querySelector('#costs-chart[scheme=dark]') != null");
            assertThat(((Number) spender.evaluate(background)).doubleValue()).as("dark background").isLessThan(80);
            assertThat(String.valueOf(spender.evaluate(description))).containsPattern("[\\u4e00-\\u9fff]");
            spender.screenshot("costs-chart-chinese-dark");
            assertThat(spender.pageProblems()).as("what the page reported").isEmpty();
        }
    }

    /** From now on notes each UI the server makes, and forgets it once the server has closed it. */
    private void countServerUis() {
        if (countingUis) {
            return;
        }
        countingUis = true;
        VaadinService service = context.getBeansOfType(ServletRegistrationBean.class).values().stream()
                .map(ServletRegistrationBean::getServlet).filter(VaadinServlet.class::isInstance)
                .map(servlet -> ((VaadinServlet) servlet).getService()).findFirst().orElseThrow();
        service.addUIInitListener(event -> {
            UI ui = event.getUI();
            serverUis.add(ui);
            newestUi.set(ui);
            ui.addDetachListener(detached -> serverUis.remove(ui));
        });
    }

    /** Waits until the server has closed a tab's UI, which it does once the closing page's last word reaches it. */
    private void awaitClosedOnTheServer(UI tab) {
        assertThat(tab).as("the tab's UI").isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> !serverUis.contains(tab));
    }

    /** A lazily loaded part of the bundle may still be on its way just after the page settles; give it a moment. */
    private static List<String> undefinedAfterLoading(Browser browser) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<String> tags = browser.undefinedElements();
        while (!tags.isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
            tags = browser.undefinedElements();
        }
        return tags;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every route and alias in Vaadin's registry as a path to open: a parameter gets the real id of what its view
     * shows, and an optional one is also left out.
     */
    private List<String> paths() {
        var servletContext = ((WebApplicationContext) context).getServletContext();
        var registry = ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext));
        TreeSet<String> paths = new TreeSet<>();
        for (RouteData route : RouteConfiguration.forRegistry(registry).getAvailableRoutes()) {
            if (!isApplicationCode(route.getNavigationTarget())) {
                continue; // views that only tests declare
            }
            List<String> templates = new ArrayList<>();
            templates.add(route.getTemplate());
            route.getRouteAliases().forEach(alias -> templates.add(alias.getTemplate()));
            for (String template : templates) {
                paths.addAll(fill(template, route.getNavigationTarget()));
            }
        }
        return List.copyOf(paths);
    }

    private static boolean isApplicationCode(Class<?> view) {
        return view.getProtectionDomain().getCodeSource().getLocation()
                .equals(GantryApplication.class.getProtectionDomain().getCodeSource().getLocation());
    }

    private List<String> fill(String template, Class<?> view) {
        List<String> filled = new ArrayList<>(List.of(""));
        for (String segment : template.isEmpty() ? new String[0] : template.split("/")) {
            List<String> next = new ArrayList<>();
            if (segment.startsWith(":")) {
                String name = segment.substring(1).split("[?*(]", 2)[0];
                boolean optional = segment.length() > name.length() + 1
                        && "?*".indexOf(segment.charAt(name.length() + 1)) >= 0;
                Long id = ids.get(view);
                assertThat(id).as("a real id for the parameter %s of %s (%s): add it to the demo data", name,
                        view.getSimpleName(), template).isNotNull();
                filled.forEach(path -> next.add(join(path, String.valueOf(id))));
                if (optional) {
                    next.addAll(filled);
                }
            } else {
                filled.forEach(path -> next.add(join(path, segment)));
            }
            filled = next;
        }
        return filled;
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "/" + segment;
    }
}
