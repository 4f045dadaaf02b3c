package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.container.Container;
import io.gantry.container.ContainerState;
import io.gantry.identity.PresetRole;
import java.time.Duration;
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
        assertThat(column(grid(), t("container.deployment-id"))).containsExactly("container-" + refused.id(),
                "container-" + running.id());
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
        assertThat(waiting.state()).isEqualTo(ContainerState.QUEUED);
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
    void opensTheDetailOfAClickedRow() {
        Container refused = refused("to-open");

        navigate(ContainersView.class);
        test(grid()).clickRow(0);

        assertThat(getCurrentView()).isInstanceOf(ContainerDetailView.class);
        assertThat(find(H2.class).withText(refused.name()).exists()).isTrue();
    }
}
