package io.gantry.broker.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import io.gantry.OnH2;
import io.gantry.ListUrls;
import io.gantry.ViewTestSupport;
import io.gantry.broker.BrokerPasses;
import io.gantry.broker.BrokerService;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestForm;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class BrokerViewsTest extends ViewTestSupport {

    @Autowired
    BrokerService broker;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;

    String user;
    QueuedRequest refused;

    @BeforeEach
    void aRefusedRequest() {
        user = newAccount("asker", PresetRole.USER);
        long userId = accountAsAdmin(user).orElseThrow().id();
        long spec = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910")).findFirst()
                .orElseThrow().id();
        new TestProjects(projects).releaseAllQuotas();
        long project = new TestProjects(projects).create(List.of(new Quota(spec, 2, null)), userId);
        accounts.signInAs(user);
        refused = broker.submit(new RequestForm(project, spec, 1, 4, 4, 4096, 0, false, null, "notebook"));
    }

    @AfterEach
    void cleanUp() {
        accounts.signInAsAdmin();
        new TestProjects(projects).releaseAllQuotas();
    }

    @Test
    void theOwnerReadsWhyTheRequestIsRefusedWithTheNumbers() {
        navigate(MyRequestsView.class);
        List<String> why = column(grid("my-requests"), t("broker.why"));
        assertThat(why).containsExactly(t("broker.reason.OVER_QUOTA", 4, "huawei-ascend910", 0, 0, 2, 0, 0));
    }

    @Test
    void bothQueuePagesShowTheWholeExplanationWrappingInItsCell() {
        String sentence = t("broker.reason.OVER_QUOTA", 4, "huawei-ascend910", 0, 0, 2, 0, 0);
        navigate(MyRequestsView.class);
        assertWholeAndWrapping(grid("my-requests"), sentence);

        accounts.signInAsAdmin();
        navigate(QueueView.class);
        find(com.vaadin.flow.component.checkbox.Checkbox.class).withId("live-only").single().setValue(false);
        assertWholeAndWrapping(grid("queue"), sentence);
    }

    /** The refused request's cell holds the whole sentence in an element that wraps, in a column that may grow. */
    private void assertWholeAndWrapping(com.vaadin.flow.component.grid.Grid<QueuedRequest> grid, String sentence) {
        List<QueuedRequest> rows = rows(grid);
        int row = rows.indexOf(rows.stream().filter(r -> r.id() == refused.id()).findFirst().orElseThrow());
        int column = headers(grid).indexOf(t("broker.why"));
        var cell = test(grid).getCellComponent(row, column);
        assertThat(cell).isInstanceOf(com.vaadin.flow.component.html.Span.class);
        assertThat(((com.vaadin.flow.component.html.Span) cell).getText()).isEqualTo(sentence);
        assertThat(cell.getElement().getClassList()).contains(LumoUtility.Whitespace.NORMAL);
        assertThat(grid.getColumns().get(column).getFlexGrow()).isPositive();
    }

    @Test
    void theAdministratorSeesItInTheQueueWhenShowingEndedRequests() {
        accounts.signInAsAdmin();
        navigate(QueueView.class);
        assertThat(rows(grid("queue"))).extracting(r -> ((QueuedRequest) r).id()).doesNotContain(refused.id());
        find(com.vaadin.flow.component.checkbox.Checkbox.class).withId("live-only").single().setValue(false);
        assertThat(rows(grid("queue"))).extracting(r -> ((QueuedRequest) r).id()).contains(refused.id());
    }

    @Test
    void theQueuesFiltersComeFromTheUrlAndChangingThemReplacesIt() {
        accounts.signInAsAdmin();
        ListUrls.open(QueueView.class, Map.of("live", "false", "status", "REFUSED", "sort", "-submitted"));

        assertThat(rows(grid("queue"))).extracting(r -> ((QueuedRequest) r).id()).contains(refused.id());
        assertThat(rows(grid("queue"))).extracting(r -> ((QueuedRequest) r).status())
                .containsOnly(RequestStatus.REFUSED);
        assertThat(find(Checkbox.class).withId("live-only").single().getValue()).isFalse();

        test(find(ComboBox.class).withId("status-filter").single()).selectItem(t("broker.status.PLACED"));
        assertThat(rows(grid("queue"))).extracting(r -> ((QueuedRequest) r).id()).doesNotContain(refused.id());
        assertThat(ListUrls.lastReplacedParameters("admin/queue"))
                .isEqualTo(Map.of("live", "false", "status", "PLACED", "sort", "-submitted"));
    }

    @Test
    void theOwnerFiltersTheirRequestsByStatusFromTheUrl() {
        ListUrls.open(MyRequestsView.class, Map.of("status", "PLACED"));
        assertThat(rows(grid("my-requests"))).isEmpty();
        ListUrls.open(MyRequestsView.class, Map.of("status", "REFUSED"));
        assertThat(rows(grid("my-requests"))).extracting(r -> ((QueuedRequest) r).id()).containsExactly(refused.id());
    }

    @Test
    void aRunningRequestOffersNoCancelAndAWaitingOneIsWithdrawnWithWordsThatSayso() {
        accounts.signInAsAdmin();
        long spec = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910")).findFirst()
                .orElseThrow().id();
        long userId = accountAsAdmin(user).orElseThrow().id();
        long project = new TestProjects(projects).create(List.of(new Quota(spec, 4, null)), userId);
        accounts.signInAs(user);
        long first = broker.submit(new RequestForm(project, spec, 1, 4, 4, 4096, 0, false, null,
                "training-991")).id();
        long second = broker.submit(new RequestForm(project, spec, 1, 4, 4, 4096, 0, false, null,
                "training-992")).id();
        // Each submit returns once stored; the pass they asked for places the first.
        BrokerPasses.await(context);
        QueuedRequest running = broker.request(first);
        QueuedRequest waiting = broker.request(second);
        assertThat(running.status()).isEqualTo(io.gantry.broker.RequestStatus.PLACED);
        assertThat(waiting.status()).isEqualTo(io.gantry.broker.RequestStatus.QUEUED);
        try {
            navigate(MyRequestsView.class);
            var grid = this.<QueuedRequest>grid("my-requests");
            List<QueuedRequest> rows = rows(grid);
            var held = operations(grid, rows.indexOf(rows.stream().filter(r -> r.id() == running.id()).findFirst()
                    .orElseThrow()));
            assertThat(held).isInstanceOf(com.vaadin.flow.component.html.Span.class);
            assertThat(((com.vaadin.flow.component.html.Span) held).getText())
                    .isEqualTo(t("broker.held", "training-991"));
            var withdraw = (com.vaadin.flow.component.button.Button) operations(grid, rows.indexOf(rows.stream()
                    .filter(r -> r.id() == waiting.id()).findFirst().orElseThrow()));
            assertThat(withdraw.getText()).isEqualTo(t("broker.cancel.action"));

            test(withdraw).click();
            var dialog = find(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).single();
            assertThat(dialog.getElement().getProperty("header")).isEqualTo(t("broker.cancel.title", waiting.id()));
            assertThat(dialog.getElement().getProperty("header")).doesNotContain(t("action.delete"));
            test(dialog).confirm();
            assertThat(broker.request(waiting.id()).status()).isEqualTo(io.gantry.broker.RequestStatus.CANCELLED);
            assertThat(broker.request(running.id()).status()).isEqualTo(io.gantry.broker.RequestStatus.PLACED);
        } finally {
            accounts.signInAsAdmin();
            broker.release(running.id());
        }
    }

    @Test
    void anOrdinaryUserCannotOpenTheQueue() {
        assertThatThrownBy(() -> navigate(QueueView.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
