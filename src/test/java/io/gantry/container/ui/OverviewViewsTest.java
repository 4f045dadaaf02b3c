package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.ui.MyRequestsView;
import io.gantry.container.Container;
import io.gantry.container.RentalFixtures;
import io.gantry.container.RentalService;
import io.gantry.identity.CurrentUser;
import io.gantry.project.ProjectRole;
import io.gantry.project.ui.ProjectDetailView;
import io.gantry.shared.ui.Chart;
import io.gantry.shared.ui.ChartModel;
import io.gantry.workload.Job;
import io.gantry.workload.Phase;
import io.gantry.workload.ui.JobsView;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overviews in a browserless UI: the job list for admins, the device rental overview, the project page's
 * containers, and the queue's links to the containers it holds devices for.
 */
@OnH2
class OverviewViewsTest extends ContainerViewTestSupport {

    @Autowired
    DSLContext db;

    RentalFixtures work;

    @AfterEach
    void endRentedWork() {
        if (work != null) {
            work.endAll(Instant.now());
        }
    }

    /** The component a row shows in the column with this header. */
    Component cell(Grid<?> grid, int row, String header) {
        return test(grid).getCellComponent(row, headers(grid).indexOf(header));
    }

    @Test
    void anAdministratorFindsAContainerInTheJobListOpensItAndStopsItAfterConfirming() {
        Container container = running("job-" + owner);
        accounts.signInAsAdmin();
        navigate(JobsView.class);

        test(find(TextField.class).withId("keyword").single()).setValue("job-" + owner);

        Grid<Job> jobs = grid("jobs");
        assertThat(rows(jobs)).extracting(Job::name).containsExactly(container.name());
        assertThat(column(jobs, t("container.owner"))).singleElement().asString().contains(owner);
        assertThat(column(jobs, t("container.state"))).containsExactly(t("container.state.running"));
        Anchor link = (Anchor) cell(jobs, 0, t("container.name"));
        assertThat(link.getHref()).isEqualTo("containers/" + container.id());
        assertThat(link.getId()).hasValue("job-" + container.workloadId());

        test((Button) operations(jobs, 0)).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("job.stop.title", container.name()));
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.RUNNING);
        test(confirm).confirm();

        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.STOPPED);
        assertThat(column(grid("jobs"), t("container.state"))).containsExactly(t("container.state.stopped"));
        assertThat(operations(grid("jobs"), 0).isVisible()).as("nothing left to stop").isFalse();
    }

    @Test
    void anAdministratorWhoIsNotAMemberOpensAContainerAndMayStopButNotDeleteIt() {
        Container container = running("admin-opens");
        // The administrator made the project; the owner manages it instead, and the administrator leaves it.
        accounts.signInAsAdmin();
        long ownerId = accountAsAdmin(owner).orElseThrow().id();
        long adminId = CurrentUser.get().orElseThrow().id();
        projects.setRole(projectId, ownerId, ProjectRole.MANAGER);
        projects.removeMember(projectId, adminId);

        navigate(ContainerDetailView.class, container.id());

        assertThat(find(H2.class).withText(container.name()).exists()).isTrue();
        assertThat(find(Button.class).withId("stop").single().isEnabled()).isTrue();
        assertThat(find(Button.class).withId("delete").single().isEnabled()).isFalse();
        assertThat(find(Button.class).withId("open-terminal").exists()).isFalse();
        click("stop");
        test(find(ConfirmDialog.class).withId("confirm-action").single()).confirm();
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.STOPPED);
    }

    @Test
    void theJobListIsFilteredByStateFromItsField() {
        Container refused = refused("failed-" + owner);
        accounts.signInAsAdmin();
        navigate(JobsView.class);
        test(find(TextField.class).withId("keyword").single()).setValue(owner);

        test(find(ComboBox.class).withId("state-filter").single()).selectItem(t("container.state.running"));
        assertThat(rows(grid("jobs"))).isEmpty();
        test(find(ComboBox.class).withId("state-filter").single()).selectItem(t("container.state.failed"));
        assertThat(rows(grid("jobs"))).extracting(j -> ((Job) j).name()).containsExactly(refused.name());
    }

    @Test
    void theProjectPageListsItsContainersWithOwnerAndStateLinkedToTheirDetail() {
        Container container = refused("listed");
        navigate(ProjectDetailView.class, projectId);

        Grid<Container> list = grid("project-containers");
        assertThat(rows(list)).extracting(Container::id).containsExactly(container.id());
        assertThat(column(list, t("container.owner"))).singleElement().asString().contains(owner);
        assertThat(column(list, t("container.state"))).containsExactly(t("container.state.failed"));
        assertThat(((Anchor) cell(list, 0, t("container.name"))).getHref()).isEqualTo("containers/" + container.id());
    }

    @Test
    void theQueueLinksARequestToTheContainerItIsFor() {
        Container container = refused("queued-link");
        navigate(MyRequestsView.class);

        Grid<QueuedRequest> requests = grid("my-requests");
        List<QueuedRequest> rows = rows(requests);
        QueuedRequest request = rows.stream().filter(r -> r.id() == container.brokerRequestId()).findFirst()
                .orElseThrow();
        Anchor link = (Anchor) cell(requests, rows.indexOf(request), t("broker.workload"));
        assertThat(link.getText()).isEqualTo(request.workload());
        assertThat(link.getHref()).isEqualTo("containers/" + container.id());
    }

    @Test
    void aMemberIsToldWhoSeesTheRentalOverview() {
        navigate(RentalView.class);

        assertThat(find(Paragraph.class).withId("rental-none").single().getText())
                .isEqualTo(t("rental.managers-only"));
        assertThat(find(Chart.class).exists()).isFalse();
    }

    @Test
    void anAdministratorSeesTheRentalOfAllProjectsAndOfOneAsChartAndTable() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long ownerId = CurrentUser.get().orElseThrow().id();
        work = new RentalFixtures(db);
        work.ran(projectId, ownerId, spec.id(), 2, hour.minus(Duration.ofMinutes(150)),
                hour.minus(Duration.ofMinutes(30)));
        accounts.signInAsAdmin();
        navigate(RentalView.class);

        ComboBox<RentalView.Scope> scope = find(ComboBox.class).withId("rental-scope").single();
        assertThat(scope.getValue().projectId()).as("all projects first").isNull();
        scope.setValue(scope.getListDataView().getItems().filter(s -> s.projectId() != null
                && s.projectId() == projectId).findFirst().orElseThrow());

        Grid<Integer> table = grid("rental-table");
        assertThat(rows(table)).hasSize(RentalService.HOURS);
        List<String> devices = column(table, spec.name());
        // Newest first: half of the last hour, the whole hour before it, and the half hour before that.
        assertThat(devices.subList(0, 4)).containsExactly("1.0", "2.0", "1.0", "0.0");
        assertThat(column(table, t("rental.mark")).subList(0, 4))
                .containsExactly("", t("rental.mark.peak"), "", t("rental.mark.quiet"));
        // The table shades the rows as the chart does.
        assertThat(table.getPartNameGenerator().apply(RentalService.HOURS - 2)).isEqualTo("rental-peak");
        assertThat(table.getPartNameGenerator().apply(RentalService.HOURS - 4)).isEqualTo("rental-quiet");
        assertThat(table.getPartNameGenerator().apply(RentalService.HOURS - 1)).isNull();
        ChartModel model = find(Chart.class).withId("rental-chart").single().getModel();
        assertThat(model.series()).extracting(ChartModel.Series::name).containsExactly(spec.name());
        assertThat(model.bands()).filteredOn(b -> b.tone() == ChartModel.Tone.HIGH)
                .containsExactly(new ChartModel.Band(t("rental.mark.peak"), hour.minus(Duration.ofHours(2)),
                        hour.minus(Duration.ofHours(1)), ChartModel.Tone.HIGH));
        assertThat(find(Paragraph.class).withId("rental-empty").exists()).as("hidden: there is rental").isFalse();
    }
}
