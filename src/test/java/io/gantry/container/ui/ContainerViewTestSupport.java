package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectTester;
import io.gantry.billing.Wallets;
import io.gantry.ViewTestSupport;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.workload.Phase;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.Project;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.ui.HomeView;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the container screens' tests share: a project with an A100 quota, its owner signed in, containers that
 * really start on the local runtime, and stopping all of them after each test so that no process outlives it.
 */
abstract class ContainerViewTestSupport extends ViewTestSupport {

    static final String SSH_PASSWORD = "Container-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";
    static final int QUOTA = 4;

    @Autowired
    ContainerService containers;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;

    AcceleratorSpec spec;
    Flavor flavor;
    FrameworkImage passwordImage;
    FrameworkImage keyImage;
    long projectId;
    String owner;

    @BeforeEach
    void prepareProject() {
        accounts.signInAsAdmin();
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavor = cluster.flavors(spec.id()).getFirst();
        passwordImage = image("gantry/python:3-password");
        keyImage = image("gantry/python:3-key");
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        // The simulated nodes are shared by every test; take back what earlier tests granted.
        testProjects.releaseAllQuotas();
        owner = TestAccounts.uniqueName("cv");
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        projectId = testProjects.create(List.of(new Quota(spec.id(), QUOTA, null)), ownerId);
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEveryContainer() {
        // Leave the page first: the stops below are pushed to open container pages, which must not read them after
        // the test has signed out.
        accounts.signInAsAdmin();
        navigate(HomeView.class);
        for (Container container : containers.list(projectId, null, 0, 100)) {
            if (container.state().isLive()) {
                containers.stop(container.id());
            }
        }
    }

    private FrameworkImage image(String reference) {
        return cluster.images().stream().filter(i -> i.reference().equals(reference)).findFirst().orElseThrow();
    }

    ContainerForm form(String name, int devices) {
        return new ContainerForm(projectId, name, passwordImage.id(), spec.id(), devices, flavor.id(), 64, Set.of(),
                SSH_PASSWORD, TERMINAL_PASSWORD, null, true);
    }

    /** A container of the signed-in user, started on the local runtime. */
    Container running(String name) {
        return awaitRunning(containers.create(form(name, 1)).id());
    }

    /**
     * A two-device container the broker refused at once, so it never runs: the project caps each job's hours and a
     * container asks for no end. (A count over the quota no longer gets this far: the form refuses it.)
     */
    Container refused(String name) {
        limitJobHours();
        Container container = containers.create(form(name, 2));
        assertThat(container.state()).isEqualTo(Phase.FAILED);
        return container;
    }

    /** Caps the project's job hours, as an administrator would; the owner is signed in again afterwards. */
    void limitJobHours() {
        accounts.signInAsAdmin();
        Project project = projects.overview(projectId).project();
        ProjectLimits limits = project.limits();
        projects.update(projectId, new ProjectForm(project.name(), project.description(), project.startDate(),
                project.endDate(), new ProjectLimits(limits.maxUsers(), 1, limits.containerMaxHours(),
                limits.idleReclaimHours(), limits.approvalThreshold(), limits.membersSeeAll()),
                projects.quotas(projectId)));
        accounts.signInAs(owner);
    }

    /** Sets the quota of the spec and its per-user maximum, as an administrator would; signs the owner in again. */
    void setQuota(int devices, Integer maxPerUser) {
        accounts.signInAsAdmin();
        Project project = projects.overview(projectId).project();
        projects.update(projectId, new ProjectForm(project.name(), project.description(), project.startDate(),
                project.endDate(), project.limits(), List.of(new Quota(spec.id(), devices, maxPerUser))));
        accounts.signInAs(owner);
    }

    /** Polls in the test's thread, where the signed-in user is. */
    Container awaitRunning(long id) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            Phase state = containers.container(id).state();
            return state != Phase.QUEUED && state != Phase.CREATING;
        });
        Container container = containers.container(id);
        assertThat(container.state()).as("state, reason %s", container.reason()).isEqualTo(Phase.RUNNING);
        return container;
    }

    /** Lets the project's members see each other's containers, as an administrator would. */
    void letMembersSeeAllContainers() {
        accounts.signInAsAdmin();
        Project project = projects.overview(projectId).project();
        ProjectLimits limits = project.limits();
        projects.update(projectId, new ProjectForm(project.name(), project.description(), project.startDate(),
                project.endDate(), new ProjectLimits(limits.maxUsers(), limits.maxJobHours(),
                limits.containerMaxHours(), limits.idleReclaimHours(), limits.approvalThreshold(), true),
                projects.quotas(projectId)));
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

    @SuppressWarnings("unchecked")
    <T> List<T> items(String selectId) {
        Select<T> select = find(Select.class).withId(selectId).single();
        return test(select).getSuggestionItems();
    }

    /** The label and value of each item of the form layouts inside a section, as the user reads them. */
    static Map<String, String> formItems(Component section) {
        Map<String, String> items = new LinkedHashMap<>();
        descendants(section).filter(FormLayout.FormItem.class::isInstance).forEach(item -> {
            String label = item.getChildren().filter(c -> "label".equals(c.getElement().getAttribute("slot")))
                    .map(c -> c.getElement().getTextRecursively()).findFirst().orElse("");
            String value = item.getChildren().filter(c -> !"label".equals(c.getElement().getAttribute("slot")))
                    .map(c -> c.getElement().getTextRecursively()).reduce("", String::concat);
            items.put(label, value);
        });
        return items;
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(ContainerViewTestSupport::descendants));
    }
}
