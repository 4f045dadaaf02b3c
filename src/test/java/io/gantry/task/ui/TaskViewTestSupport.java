package io.gantry.task.ui;

import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectTester;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.ViewTestSupport;
import io.gantry.billing.Wallets;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.task.LeftRunning;
import io.gantry.task.Task;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskService;
import io.gantry.task.TemplateService;
import io.gantry.ui.HomeView;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the task screens' tests share: a funded project with an A100 quota, its owner signed in, tasks whose commands
 * really run on the local runtime, and stopping whatever still runs after each test.
 */
abstract class TaskViewTestSupport extends ViewTestSupport {

    static final int QUOTA = 4;

    @Autowired
    TaskService tasks;
    @Autowired
    TemplateService templates;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;

    AcceleratorSpec spec;
    Flavor flavor;
    FrameworkImage image;
    long projectId;
    String owner;

    @BeforeEach
    void prepareProject() {
        accounts.signInAsAdmin();
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavor = cluster.flavors(spec.id()).getFirst();
        image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password")).findFirst()
                .orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        // The simulated nodes are shared by every test; take back what earlier tests granted.
        testProjects.releaseAllQuotas();
        owner = TestAccounts.uniqueName("tv");
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        projectId = testProjects.create(List.of(new Quota(spec.id(), QUOTA, null)), ownerId);
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEveryTask() {
        // Leave the page first, so that no open page reads the stops after the test signed out.
        accounts.signInAsAdmin();
        navigate(HomeView.class);
        accounts.signInAs(owner);
        LeftRunning.stopInProject(tasks, projectId);
    }

    TaskForm form(String name, String command) {
        return new TaskForm(projectId, name, spec.id(), 1, 1, flavor.id(), 0, image.id(), command, false, null);
    }

    /** Runs a task of the signed-in user and waits until it ended. */
    Task ended(String name, String command) {
        return awaitEnd(tasks.create(form(name, command)).id());
    }

    /** Polls in the test's thread, where the signed-in user is. */
    Task awaitEnd(long id) {
        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> tasks.task(id).ended());
        return tasks.task(id);
    }

    /** Fills the run form (or the template form) as a user would, leaving the rest as it comes. */
    void fillForm(String name, String command) {
        fill(TextField.class, "task-name", name);
        this.<AcceleratorSpec>choose("task-spec", s -> s.id() == spec.id());
        this.<Integer>choose("task-devices", n -> n == 1);
        this.<Flavor>choose("task-flavor", f -> f.id() == flavor.id());
        this.<FrameworkImage>choose("task-image", i -> i.id() == image.id());
        fill(TextArea.class, "task-command", command);
    }

    /** Chooses the item of a select as the user would, by the label it shows. */
    @SuppressWarnings("unchecked")
    <T> void choose(String selectId, Predicate<T> which) {
        Select<T> select = find(Select.class).withId(selectId).single();
        SelectTester<Select<T>, T> tester = test(select);
        List<T> items = tester.getSuggestionItems();
        int index = IntStream.range(0, items.size()).filter(i -> which.test(items.get(i))).findFirst()
                .orElseThrow(() -> new AssertionError("No such item in " + selectId));
        tester.selectItem(tester.getSuggestions().get(index));
    }
}
