package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleService;
import io.gantry.task.Task;
import io.gantry.task.TaskFilter;
import io.gantry.task.TaskRow;
import io.gantry.task.TaskService;
import io.gantry.workload.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Batch tasks in a real Chromium against real processes: a researcher runs a task that prints and exits 0, reads its
 * log phase by phase and downloads it, saves it as a template, runs a second task from the template, schedules the
 * template every minute, sees two scheduled runs succeed with their logs, skips the next run and deletes the
 * schedule; then, in Simplified Chinese and dark, runs a task whose command exits 3 and sees it fail with that code.
 */
@JourneyTest
// A database of its own; the schedules looked at every two seconds rather than ten, so that a fire is not waited for.
@TestPropertySource(properties = {
        "spring.datasource.url="
                + "jdbc:h2:mem:task-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "gantry.schedule.tick-cron=0/2 * * * * ?"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskJourneyTest {

    private static final String USER = "batch.researcher";
    private static final String PASSWORD = "Journey-Pass-7";
    private static final String SPEC = "nvidia-a100-80g";
    private static final String IMAGE = "gantry/python:3-password";
    private static final String GREETING = "hello from a batch task";
    private static final String TEMPLATE = "hello-template";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    TaskService tasks;
    @Autowired
    ScheduleService schedules;

    TestAccounts accounts;
    long projectId;
    Browser browser;
    Path downloads;

    @BeforeAll
    void aResearcherInAFundedProject() throws Exception {
        accounts = new TestAccounts(context);
        long userId = accounts.activate(accounts.createWithPassword(USER, PASSWORD, PresetRole.USER));
        long adminId = accounts.signInAsAdmin().id();
        long a100 = cluster.specs().stream().filter(s -> s.name().equals(SPEC)).findFirst().orElseThrow().id();
        projectId = projects.create(new ProjectForm("batch-lab", null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of(new Quota(a100, 4, null))), Set.of(adminId));
        projects.addMembers(projectId, Set.of(userId), ProjectRole.MEMBER);
        TestProjects.fund(context.getBean(Wallets.class), projectId);
        accounts.signOut();
        downloads = Files.createTempDirectory("gantry-task-downloads");
        browser = new Browser("http://localhost:" + port + "/", "en-US");
        browser.downloadInto(downloads);
    }

    @AfterAll
    void closeAndCleanUp() throws Exception {
        if (browser != null) {
            browser.close();
        }
        // No schedule keeps firing once the journey is over, wherever it stopped.
        accounts.signInAsAdmin();
        for (Schedule schedule : schedules.list(projectId)) {
            schedules.delete(schedule.id());
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
    void aTaskRunsIsSavedAsATemplateRunsAgainFromItAndRunsOnASchedule() throws Exception {
        browser.open("login");
        browser.signIn(USER, PASSWORD);
        browser.waitForPath("");

        runTask("hello-task", "python3 -c \"print('" + GREETING + "'); print(6 * 7)\"", "t1-run-task-summary");
        long first = taskNamed("hello-task").id();
        browser.open("tasks/" + first);
        awaitState("Succeeded");
        assertThat(logLines("running")).contains(GREETING, "42");
        assertThat(logLines("preparing")).isNotEmpty();
        assertThat(logLines("cleaning-up")).isNotEmpty();
        browser.screenshot("t2-task-succeeded-with-its-phased-log");
        browser.click("#task-log-download");
        Path log = browser.awaitDownload(downloads);
        assertThat(log.getFileName().toString()).endsWith(".txt");
        assertThat(Files.readString(log)).contains(GREETING);
        Files.delete(log);

        browser.open("tasks/" + first);
        browser.click("#task-save-template");
        browser.type("#template-name", TEMPLATE);
        browser.click("#template-save");
        browser.open("tasks/templates");
        browser.waitForText(TEMPLATE);
        browser.screenshot("t3-templates");
        selectRow("#templates", TEMPLATE);
        browser.click("#template-run");
        browser.waitForPath("tasks/new");
        assertThat(browser.find("#task-name input").getDomProperty("value")).isEqualTo(TEMPLATE + "-1");
        browser.click("#task-next");
        browser.find("#task-summary");
        browser.click("#task-create");
        browser.waitUntilTrue("listed-from-template", "return location.pathname === '/tasks'");
        browser.open("tasks/" + taskNamed(TEMPLATE + "-1").id());
        awaitState("Succeeded");
        assertThat(logLines("running")).contains(GREETING);

        long scheduleId = scheduleEveryMinute(TEMPLATE);
        browser.screenshot("t4-schedule-every-minute");
        awaitScheduledRunsSucceeded(scheduleId, 2);
        browser.open("tasks/schedules/" + scheduleId);
        browser.screenshot("t5-schedule-with-two-runs");
        Task scheduled = scheduledTasks(scheduleId).getFirst();
        browser.open("tasks/" + scheduled.id());
        awaitState("Succeeded");
        assertThat(logLines("running")).contains(GREETING);

        // The next run shows in the task list as upcoming; skipping it skips that one run only.
        browser.open("tasks/schedules/" + scheduleId);
        String nextBefore = browser.find("#schedule-next-fire").getText();
        browser.click("#schedule-skip-next");
        browser.waitUntilTrue("next-fire-moved", "return document.querySelector('#schedule-next-fire').innerText"
                + " !== " + quoted(nextBefore));
        browser.click("#schedule-delete");
        browser.click("vaadin-button[slot='confirm-button']");
        browser.waitUntilTrue("schedule-deleted", "return location.pathname === '/tasks/schedules'");
        browser.open("tasks");
        browser.waitForText("hello-task");
        assertThat(browser.bodyText()).doesNotContain("Upcoming");
        browser.screenshot("t6-tasks-after-the-schedule");
    }

    @Test
    @Order(2)
    void inSimplifiedChineseAndDarkATaskThatExitsThreeFailsWithThatCode() throws Exception {
        browser.switchToDark("简体中文");
        assertThat(browser.colorScheme()).isEqualTo("dark");
        runTask("exit-three", "echo about to fail; exit 3", "t7-run-task-chinese-dark");
        browser.open("tasks/" + taskNamed("exit-three").id());
        awaitState("失败");
        assertThat(browser.find("#task-exit-code").getText()).contains("3");
        assertThat(logLines("running")).contains("about to fail");
        browser.screenshot("t8-task-failed-chinese-dark");
        browser.open("tasks");
        browser.waitForText("exit-three");
        browser.screenshot("t9-tasks-chinese-dark");
    }

    /** Runs a task of one A100 from the run form, through its summary; ends on the task list. */
    private void runTask(String name, String command, String summaryScreenshot) {
        browser.open("tasks/new");
        browser.type("#task-name", name);
        browser.click("#task-spec");
        browser.clickItem("vaadin-select-item", SPEC);
        browser.click("#task-devices");
        browser.clickItemExactly("vaadin-select-item", "1");
        browser.click("#task-flavor");
        browser.clickItem("vaadin-select-item", "small");
        browser.click("#task-image");
        browser.clickItem("vaadin-select-item", IMAGE);
        WebElement commandField = browser.find("#task-command textarea");
        commandField.clear();
        commandField.sendKeys(command);
        browser.click("#task-next");
        browser.waitUntilTrue("summary-" + name, "return document.querySelector('#task-summary') !== null"
                + " && document.querySelector('#task-summary').opened !== false;");
        browser.screenshot(summaryScreenshot);
        browser.click("#task-create");
        browser.waitUntilTrue("listed-" + name, "return location.pathname === '/tasks'");
        browser.waitForVaadin();
    }

    private void awaitState(String label) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!browser.find("#task-state").getText().contains(label) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(browser.find("#task-state").getText()).contains(label);
    }

    /** The lines of the log on the page that belong to a phase, as shown. */
    private List<String> logLines(String phase) {
        return browser.findAll("#task-log .log-line[data-phase='" + phase + "'] .log-text").stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private void selectRow(String gridCss, String text) {
        browser.click(gridCss);
        browser.clickItem("vaadin-grid-cell-content", text);
    }

    /**
     * Schedules the template every minute from the templates page ("run as scheduled", AI-Stack 六.5 (2)) with a new
     * schedule; returns the schedule's id, from the page it lands on.
     */
    private long scheduleEveryMinute(String template) {
        browser.open("tasks/templates");
        selectRow("#templates", template);
        browser.click("#template-schedule");
        browser.waitForPath("tasks/templates/");
        browser.click("#trigger-kind");
        browser.clickItem("vaadin-select-item", "Every few minutes");
        browser.type("#trigger-minutes", "1");
        browser.find("#trigger-minutes input").sendKeys(org.openqa.selenium.Keys.TAB);
        browser.waitForText("Every minute");
        browser.click("#schedule-next");
        browser.find("#schedule-summary");
        browser.click("#schedule-create");
        browser.waitUntilTrue("schedule-created", "return /^\\/tasks\\/schedules\\/\\d+$/.test(location.pathname)");
        String path = browser.currentPath();
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    private void awaitScheduledRunsSucceeded(long scheduleId, int runs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (scheduledTasks(scheduleId).stream().filter(t -> t.phase() == Phase.SUCCEEDED).count() < runs
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertThat(scheduledTasks(scheduleId)).filteredOn(t -> t.phase() == Phase.SUCCEEDED).hasSizeGreaterThanOrEqualTo(runs);
    }

    /** The tasks the schedule ran, read as the administrator. */
    private List<Task> scheduledTasks(long scheduleId) {
        accounts.signInAsAdmin();
        try {
            return tasks.rows(projectId, TaskFilter.ALL, 0, 100).stream().map(TaskRow::task)
                    .filter(t -> t.scheduleId() != null && t.scheduleId() == scheduleId).toList();
        } finally {
            accounts.signOut();
        }
    }

    private Task taskNamed(String name) {
        accounts.signInAsAdmin();
        try {
            return tasks.rows(projectId, new TaskFilter(name, Set.of(), false), 0, 10).stream().map(TaskRow::task)
                    .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        } finally {
            accounts.signOut();
        }
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
