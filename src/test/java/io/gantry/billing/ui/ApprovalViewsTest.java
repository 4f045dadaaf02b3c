package io.gantry.billing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.billing.Approval;
import io.gantry.billing.ApprovalService;
import io.gantry.billing.OrderFilter;
import io.gantry.billing.OrderRow;
import io.gantry.billing.OrderService;
import io.gantry.billing.Wallets;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.workload.Phase;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The approvals page with its reject dialog, the menu's count of orders waiting, and the order records. */
@OnH2
class ApprovalViewsTest extends ViewTestSupport {

    @Autowired
    ContainerService containers;
    @Autowired
    ApprovalService approvals;
    @Autowired
    OrderService orders;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    Wallets wallets;

    String requester;
    String manager;
    long projectId;
    Container waiting;
    long orderId;

    @BeforeEach
    void orderAboveTheThreshold() {
        accounts.signInAsAdmin();
        AcceleratorSpec spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        FrameworkImage image = cluster.images().stream()
                .filter(i -> i.reference().equals("gantry/python:3-password")).findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        requester = newAccount("rq", PresetRole.USER);
        manager = newAccount("mg", PresetRole.USER);
        accounts.signInAsAdmin();
        long requesterId = accounts.activate(accounts.signInAs(requester).id());
        long managerId = accounts.signInAs(manager).id();
        accounts.signInAsAdmin();
        projectId = testProjects.create(List.of(new Quota(spec.id(), 2, null)), requesterId);
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        var project = projects.overview(projectId).project();
        projects.update(projectId, new ProjectForm(project.name(), null, project.startDate(), project.endDate(),
                new ProjectLimits(null, null, null, null, 1, false), projects.quotas(projectId)));
        accounts.signInAs(requester);
        waiting = containers.create(new ContainerForm(projectId, "big-one", image.id(), spec.id(), 2,
                cluster.flavors(spec.id()).getFirst().id(), 0, Set.of(), "Container-Pass-1", "Terminal-Pass-1",
                null, true));
        assertThat(waiting.state()).isEqualTo(Phase.PENDING_APPROVAL);
        orderId = orders.mine(null, null, 0, 10).stream().map(OrderRow::order)
                .filter(o -> o.workloadId() == waiting.workloadId()).findFirst().orElseThrow().id();
    }

    @AfterEach
    void stopIt() {
        accounts.signInAsAdmin();
        if (containers.container(waiting.id()).state().isLive()) {
            containers.stop(waiting.id());
        }
    }

    private Approval approvalNow() {
        accounts.signInAs(manager);
        return approvals.detail(orderId).order().approval();
    }

    @Test
    void theManagerSeesTheWaitingOrderFiltersTheListAndTheMenuCountsIt() {
        accounts.signInAs(manager);
        navigate(ApprovalsView.class);

        assertThat(find(Span.class).withId("approvals-waiting").single().getText()).isEqualTo("1");
        var grid = this.<OrderRow>grid("approvals-grid");
        assertThat(rows(grid)).extracting(r -> r.order().id()).containsExactly(orderId);
        assertThat(column(grid, t("billing.approval.requester"))).singleElement().asString().contains(requester);

        find(TextField.class).withId("requester").single().setValue("nobody-" + requester);
        assertThat(rows(grid)).isEmpty();
        find(TextField.class).withId("requester").single().setValue(requester);
        assertThat(rows(grid)).hasSize(1);
        @SuppressWarnings("unchecked")
        ComboBox<Approval> state = find(ComboBox.class).withId("approval-state").single();
        state.setValue(Approval.REJECTED);
        assertThat(rows(grid)).isEmpty();
        state.clear();
        assertThat(rows(grid)).hasSize(1);
        find(com.vaadin.flow.component.datetimepicker.DateTimePicker.class).withId("from").single()
                .setValue(LocalDateTime.now().plusDays(1));
        assertThat(rows(grid)).isEmpty();

        find(com.vaadin.flow.component.datetimepicker.DateTimePicker.class).withId("from").single().clear();
        test(grid).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(ApprovalDetailView.class);
        assertThat(find(Span.class).withId("order-rate").single().getText()).isNotBlank();
    }

    @Test
    void rejectingAsksForAMessageAndTheRequesterReadsIt() {
        accounts.signInAs(manager);
        navigate(ApprovalDetailView.class, orderId);

        click("reject-order");
        assertThat(find(Dialog.class).withId("reject-dialog").single().isOpened()).isTrue();
        click("confirm-reject");
        TextArea message = find(TextArea.class).withId("reject-message").single();
        assertThat(message.isInvalid()).isTrue();
        assertThat(message.getErrorMessage()).isEqualTo(t("field.required"));
        assertThat(approvalNow()).as("nothing changed").isEqualTo(Approval.PENDING);

        accounts.signInAs(manager);
        fill(TextArea.class, "reject-message", "Two cards will do, won't they?");
        click("confirm-reject");

        assertThat(find(Dialog.class).all()).noneMatch(Dialog::isOpened);
        assertThat(find(Span.class).withId("order-decision-message").single().getText())
                .isEqualTo("Two cards will do, won't they?");
        assertThat(find(com.vaadin.flow.component.button.Button.class).withId("approve-order").exists()).isFalse();
        assertThat(approvalNow()).isEqualTo(Approval.REJECTED);

        accounts.signInAs(requester);
        navigate(OrderDetailView.class, orderId);
        assertThat(find(Span.class).withId("order-decision-message").single().getText())
                .isEqualTo("Two cards will do, won't they?");
        assertThat(find(com.vaadin.flow.component.html.Paragraph.class).all()).extracting(p -> p.getText())
                .contains(t("workload.reason.rejected", "Two cards will do, won't they?"));
        // The container's page says why, in the manager's words (a quote in them is text, not a format's).
        navigate(io.gantry.container.ui.ContainerDetailView.class, waiting.id());
        assertThat(find(com.vaadin.flow.component.html.Paragraph.class).withId("container-reason").single()
                .getText()).isEqualTo("Rejected by a project manager: Two cards will do, won't they?");
    }

    @Test
    void approvingTakesTheOrderOffTheWaitingList() {
        accounts.signInAs(manager);
        navigate(ApprovalDetailView.class, orderId);

        click("approve-order");

        assertThat(notifications()).contains(t("billing.approval.approved", "big-one"));
        assertThat(approvalNow()).isEqualTo(Approval.APPROVED);
        navigate(ApprovalsView.class);
        assertThat(find(Span.class).withId("approvals-waiting").exists()).as("no badge at zero").isFalse();
        assertThat(rows(this.<OrderRow>grid("approvals-grid"))).isEmpty();
        assertThat(approvals.count(new OrderFilter(Approval.APPROVED, null, null, null))).isPositive();
    }

    @Test
    void theRequesterSeesTheirOrdersInTheRangeAndOpensOneWithTheWayToItsWorkload() {
        accounts.signInAs(requester);
        navigate(OrdersView.class);

        var grid = this.<OrderRow>grid("orders-grid");
        assertThat(rows(grid)).extracting(r -> r.order().id()).containsExactly(orderId);
        var from = find(com.vaadin.flow.component.datetimepicker.DateTimePicker.class).withId("from").single();
        assertThat(from.getValue()).as("the last 30 days at first").isNotNull();
        from.setValue(LocalDateTime.now().plusDays(1));
        assertThat(rows(grid)).isEmpty();
        from.setValue(LocalDateTime.now().minusDays(1));

        test(grid).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(OrderDetailView.class);
        assertThat(find(Anchor.class).withId("order-workload-link").single().getHref())
                .isEqualTo("containers/" + waiting.id());
        assertThat(find(com.vaadin.flow.component.button.Button.class).withId("approve-order").exists()).isFalse();

        accounts.signInAs(manager);
        assertNotFound(OrderDetailView.class, orderId, "order");
        accounts.signInAs(newAccount("st", PresetRole.USER));
        assertNotFound(ApprovalDetailView.class, orderId, "order");
    }
}
