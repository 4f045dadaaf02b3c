package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import io.gantry.OnH2;
import io.gantry.ListUrls;
import io.gantry.container.Container;
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

    Grid<Container> grid() {
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
    void listsEachContainerWithItsDevicesImageDeploymentIdOwnerAndState() {
        Container running = running("alpha");
        Container refused = refused("beta");

        navigate(ContainersView.class);

        // Newest first.
        assertThat(rows(grid())).extracting(Container::id).containsExactly(refused.id(), running.id());
        assertThat(column(grid(), t("container.name"))).containsExactly("beta", "alpha");
        assertThat(column(grid(), t("container.devices"))).containsExactly("2 × nvidia-a100-80g",
                "1 × nvidia-a100-80g");
        assertThat(column(grid(), t("container.image"))).containsExactly("gantry/python:3-password",
                "gantry/python:3-password");
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
        assertThat(column(grid(), t("container.state"))).containsExactly(t("container.state.queued"),
                t("container.state.running"));

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
}
