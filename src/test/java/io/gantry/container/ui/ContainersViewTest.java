package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import io.gantry.OnH2;
import io.gantry.ListUrls;
import io.gantry.container.Container;
import io.gantry.container.ContainerRow;
import io.gantry.container.ContainerFilter;
import io.gantry.broker.ui.Explanations;
import io.gantry.shared.ListSort;
import io.gantry.workload.RunWindow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import io.gantry.workload.Phase;
import io.gantry.identity.PresetRole;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The container list: what each row says, greyed rows, the name search, and opening a container. */
@OnH2
class ContainersViewTest extends ContainerViewTestSupport {

    @Autowired
    ContainerUpdates updates;

    Grid<ContainerRow> grid() {
        return grid("containers");
    }

    int nameColumn() {
        return headers(grid()).indexOf(t("container.name"));
    }

    @Test
    void tellsAUserWithoutAProjectWhatToDo() {
        accounts.signInAs(newAccount("noproject", PresetRole.USER));

        navigate(ContainersView.class);

        assertThat(find(Paragraph.class).withText(t("container.no-project")).exists()).isTrue();
        assertThat(find(Grid.class).exists()).isFalse();
    }

    @Test
    void listsEachContainerWithItsDevicesFrameworkDeploymentIdOwnerAndState() {
        Container running = running("alpha");
        Container refused = refused("beta");

        navigate(ContainersView.class);

        // Newest first.
        assertThat(rows(grid())).extracting(r -> r.container().id()).containsExactly(refused.id(), running.id());
        assertThat(column(grid(), t("container.name"))).containsExactly("beta", "alpha");
        assertThat(column(grid(), t("container.devices"))).containsExactly("2 × nvidia-a100-80g",
                "1 × nvidia-a100-80g");
        assertThat(column(grid(), t("container.framework"))).containsExactly("gantry/python", "gantry/python");
        assertThat(column(grid(), t("container.deployment-id"))).containsExactly(refused.runtimeId(),
                running.runtimeId());
        assertThat(column(grid(), t("container.owner"))).containsOnly("Nick " + owner + " (" + owner + ")");
        assertThat(column(grid(), t("container.state"))).containsExactly(t("container.state.failed"),
                t("container.state.running"));
    }

    @Test
    void greysOutAContainerThatDoesNotRun() {
        running("alpha");
        refused("beta");

        navigate(ContainersView.class);

        assertThat(rows(grid())).extracting(c -> grid().getPartNameGenerator().apply(c))
                .containsExactly("inactive", null);
    }

    @Test
    void searchesByName() {
        refused("training-run");
        refused("notebook");

        navigate(ContainersView.class);
        assertThat(column(grid(), t("container.name"))).containsExactly("notebook", "training-run");
        test(find(TextField.class).withPropertyValue(TextField::getPlaceholder, t("container.search")).single())
                .setValue("train");

        assertThat(column(grid(), t("container.name"))).containsExactly("training-run");
    }

    @Test
    void anOpenListShowsAWaitingContainerStartAsItHappensAndStopsFollowingOnceLeft() {
        Container whole = awaitRunning(containers.create(form("whole-quota", QUOTA)).id());
        Container waiting = containers.create(form("waiting", 1));
        assertThat(waiting.state()).isEqualTo(Phase.QUEUED);
        int before = updates.followers();
        navigate(ContainersView.class);
        assertThat(updates.followers()).isEqualTo(before + 1);
        // A queued row says why it waits, as the queue pages do.
        assertThat(column(grid(), t("container.state")).getFirst()).startsWith(t("container.state.queued"));
        assertThat(column(grid(), t("container.state")).get(1)).isEqualTo(t("container.state.running"));

        // Nothing polls in this test: only a pushed change can move the list on.
        containers.stop(whole.id());

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            roundTrip();
            assertThat(column(grid(), t("container.state"))).containsExactly(t("container.state.running"),
                    t("container.state.stopped"));
        });
        navigate(ContainerCreateView.class);
        assertThat(updates.followers()).isEqualTo(before);
    }

    @Test
    void anEmptyListSaysWhetherNothingIsThereOrNothingMatchesAndClearsTheFilters() {
        // Only what shows is found.
        navigate(ContainersView.class);
        assertThat(find(Span.class).withId("containers-empty").exists()).isTrue();
        assertThat(find(Div.class).withId("empty-filtered").exists()).isFalse();

        refused("notebook");
        ListUrls.open(ContainersView.class, Map.of("q", "no-such-name"));

        assertThat(rows(grid())).isEmpty();
        assertThat(find(Span.class).withId("containers-empty").exists()).isFalse();
        assertThat(find(Div.class).withId("empty-filtered").single().getElement().getTextRecursively())
                .contains(t("container.empty.filtered"));

        click("clear-filters");

        assertThat(find(TextField.class).withId("search").single().getValue()).isEmpty();
        assertThat(column(grid(), t("container.name"))).containsExactly("notebook");
    }

    @Test
    void theFiltersAndTheSortComeFromTheUrlSoThatAFilteredListCanBeBookmarked() {
        running("alpha");
        refused("beta");
        refused("gamma");

        ListUrls.open(ContainersView.class, Map.of("state", "FAILED", "sort", "name"));

        assertThat(column(grid(), t("container.name"))).containsExactly("beta", "gamma");
        assertThat(test(grid()).getSortDirection(nameColumn())).isEqualTo(SortDirection.ASCENDING);
        assertThat(find(ComboBox.class).withId("state-filter").single().getValue()).isEqualTo(Phase.FAILED);

        ListUrls.open(ContainersView.class, Map.of("q", "a", "sort", "-name"));

        assertThat(column(grid(), t("container.name"))).containsExactly("gamma", "beta", "alpha");
        assertThat(find(TextField.class).withId("search").single().getValue()).isEqualTo("a");
    }

    @Test
    void aUrlThatNamesNoColumnOrNoStateShowsTheWholeListNewestFirst() {
        refused("one");
        refused("two");

        ListUrls.open(ContainersView.class, Map.of("state", "NOPE", "sort", "password_hash"));

        assertThat(column(grid(), t("container.name"))).containsExactly("two", "one");
    }

    @Test
    void changingTheSortOrAFilterReplacesTheUrl() {
        running("alpha");
        refused("beta");
        navigate(ContainersView.class);

        test(grid()).sortByColumn(nameColumn(), SortDirection.DESCENDING);
        assertThat(ListUrls.lastReplacedParameters("containers")).isEqualTo(Map.of("sort", "-name"));
        assertThat(column(grid(), t("container.name"))).containsExactly("beta", "alpha");

        test(find(ComboBox.class).withId("state-filter").single()).selectItem(t("container.state.failed"));
        assertThat(ListUrls.lastReplacedParameters("containers")).isEqualTo(Map.of("state", "FAILED", "sort", "-name"));
        assertThat(column(grid(), t("container.name"))).containsExactly("beta");

        test(find(Checkbox.class).withId("mine-filter").single()).click();
        assertThat(ListUrls.lastReplacedParameters("containers"))
                .isEqualTo(Map.of("state", "FAILED", "mine", "true", "sort", "-name"));
    }

    @Test
    void everyColumnResizesAndTheCutTextsHaveTooltips() {
        refused("a-rather-long-container-name-that-is-cut");

        navigate(ContainersView.class);

        assertThat(grid().getColumns()).allMatch(Grid.Column::isResizable);
        assertThat(grid().getColumns()).allMatch(c -> c.getTooltipGenerator() != null);
        assertThat(grid().getColumns().getFirst().getTooltipGenerator().apply(rows(grid()).getFirst()))
                .isEqualTo("a-rather-long-container-name-that-is-cut");
        assertThat(grid().getElement().getChildren().map(e -> e.getTag())).contains("vaadin-tooltip");
    }

    @Test
    void opensTheDetailOfAClickedRow() {
        Container refused = refused("to-open");

        navigate(ContainersView.class);
        test(grid()).clickRow(0);

        assertThat(getCurrentView()).isInstanceOf(ContainerDetailView.class);
        assertThat(find(H2.class).withText(refused.name()).exists()).isTrue();
    }

    @Test
    void aQueuedRowSaysWhyItWaitsInTheBrokersWords() {
        Container whole = awaitRunning(containers.create(form("whole-quota", QUOTA)).id());
        Container waiting = containers.create(form("waiting", 1));
        // The broker's pass that explains the wait may come after create returns.
        ContainerRow row = await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(
                () -> containers.rows(projectId, ContainerFilter.NONE, List.of(), 0, 10).stream()
                        .filter(r -> r.container().id() == waiting.id()).findFirst().orElseThrow(),
                r -> r.waitsBecause() != null);

        navigate(ContainersView.class);

        String why = Explanations.sentence(row.waitsBecause(), spec.name());
        assertThat(column(grid(), t("container.state")).getFirst()).isEqualTo(t("container.state.queued") + why);
        assertThat(grid().getColumns().get(6).getTooltipGenerator().apply(rows(grid()).getFirst()))
                .isEqualTo(t("container.state.queued") + "\n" + why);
        containers.stop(whole.id());
    }

    @Test
    void aRunningRowOffersItsOperationsAGreyedRowNoneAndTheRunTimeLeftIsShown() {
        Container ending = awaitRunning(containers.create(new io.gantry.container.ContainerForm(projectId, "ending",
                passwordImage.id(), spec.id(), 1, flavor.id(), 64, java.util.Set.of(), SSH_PASSWORD,
                TERMINAL_PASSWORD, null, true, new RunWindow(RunWindow.Start.NOW, null, RunWindow.End.AFTER_HOURS,
                null, 2))).id());
        refused("greyed");

        navigate(ContainersView.class);

        assertThat(column(grid(), t("container.name"))).containsExactly("greyed", "ending");
        assertThat(find(Button.class).from(operations(grid(), 0)).all()).isEmpty();
        HorizontalLayout running = (HorizontalLayout) operations(grid(), 1);
        assertThat(find(Button.class).from(running).all()).extracting(Button::getId).extracting(java.util.Optional::get)
                .containsExactly("open-" + ending.id(), "terminal-" + ending.id(), "stop-" + ending.id());
        assertThat(column(grid(), t("container.remaining")).get(0)).isEqualTo("-");
        assertThat(column(grid(), t("container.remaining")).get(1)).isIn(t("container.remaining.value", 1, 59),
                t("container.remaining.value", 2, 0));

        test(find(Button.class).withId("stop-" + ending.id()).single()).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("container.stop.title", "ending"));
        test(confirm).confirm();
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(ending.id()).state() == Phase.STOPPED);
    }

    @Test
    void deletingSeveralAsksFirstNamingEveryOneAndDeletesThemAll() {
        Container one = refused("first-doomed");
        Container two = refused("second-doomed");
        refused("kept");
        navigate(ContainersView.class);
        Button delete = find(Button.class).withId("delete-selected").single();
        assertThat(delete.isEnabled()).isFalse();

        rows(grid()).stream().filter(r -> r.container().name().endsWith("doomed")).forEach(grid()::select);
        assertThat(delete.isEnabled()).isTrue();
        test(delete).click();

        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("container.delete-selected.title", 2));
        assertThat(test(confirm).getText()).isEqualTo(t("container.delete-selected.text",
                "first-doomed, second-doomed"));
        // Nothing goes before the user confirms.
        assertThat(column(grid(), t("container.name"))).containsExactly("kept", "second-doomed", "first-doomed");
        test(confirm).confirm();

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            roundTrip();
            grid().getDataProvider().refreshAll();
            assertThat(column(grid(), t("container.name"))).containsExactly("kept");
        });
        assertThat(containers.list(projectId, ContainerFilter.NONE, List.of(ListSort.ascending("name")), 0, 10))
                .extracting(Container::id).doesNotContain(one.id(), two.id());
    }

    @Test
    void aMemberWhoSeesAllIsOfferedNoOperationsOnAnothersContainers() {
        Container owners = awaitRunning(containers.create(form("owners", 1)).id());
        letMembersSeeAllContainers();
        String member = io.gantry.identity.TestAccounts.uniqueName("seer");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(projectId, java.util.Set.of(memberId), io.gantry.project.ProjectRole.MEMBER);
        accounts.signInAs(member);

        navigate(ContainersView.class);

        assertThat(column(grid(), t("container.name"))).containsExactly("owners");
        assertThat(find(Button.class).from(operations(grid(), 0)).all()).isEmpty();
        accounts.signInAs(owner);
        containers.stop(owners.id());
    }
}
