package io.gantry.billing.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Route;
import io.gantry.billing.Approval;
import io.gantry.billing.ApprovalService;
import io.gantry.billing.OrderFilter;
import io.gantry.billing.OrderRow;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The approvals page (AI-Stack 八.5's 审批): the orders of the projects the user manages (every project's for
 * platform admins), newest first, filtered by approval state (the waiting ones at first), requester and ordering time;
 * a click opens the order to decide it.
 */
@Route(ApprovalService.PAGE)
@RolesAllowed({Permission.Names.BILLING_VIEW, Permission.Names.BILLING_MANAGE})
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.approvals", icon = "vaadin:check-square-o", order = 6)
public class ApprovalsView extends VerticalLayout {

    private final ApprovalService approvals;
    private final ComboBox<Approval> state = new ComboBox<>();
    private final TextField requester = new TextField();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Grid<OrderRow> grid = new Grid<>();

    public ApprovalsView(ApprovalService approvals) {
        this.approvals = approvals;
        addClassName("gantry-page");
        setSizeFull();
        add(new H2(getTranslation("menu.approvals")));

        state.setLabel(getTranslation("billing.approval.state"));
        state.setItems(List.of(Approval.PENDING, Approval.APPROVED, Approval.REJECTED));
        state.setItemLabelGenerator(OrderTexts::approval);
        state.setPlaceholder(getTranslation("billing.approval.state.any"));
        state.setClearButtonVisible(true);
        state.setValue(Approval.PENDING);
        state.setId("approval-state");
        requester.setLabel(getTranslation("billing.approval.requester"));
        requester.setPrefixComponent(VaadinIcon.SEARCH.create());
        requester.setValueChangeMode(ValueChangeMode.LAZY);
        requester.setClearButtonVisible(true);
        requester.setId("requester");
        from.setLabel(getTranslation("billing.approval.from"));
        from.setId("from");
        to.setLabel(getTranslation("billing.approval.to"));
        to.setId("to");
        state.addValueChangeListener(e -> refresh());
        requester.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(state, requester, from, to);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(r -> Formats.dateTime(r.order().orderedAt()))
                .setHeader(getTranslation("billing.order.ordered-at")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OrderRow::requester).setHeader(getTranslation("billing.approval.requester"))
                .setTooltipGenerator(OrderRow::requester).setFlexGrow(2);
        grid.addColumn(OrderRow::project).setHeader(getTranslation("billing.order.project"))
                .setTooltipGenerator(OrderRow::project).setFlexGrow(2);
        grid.addColumn(r -> r.order().name()).setHeader(getTranslation("billing.order.name"))
                .setTooltipGenerator(r -> r.order().name()).setFlexGrow(2);
        grid.addColumn(r -> OrderTexts.devices(r.order())).setHeader(getTranslation("billing.order.devices"))
                .setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(r -> OrderTexts.badge(r.order().approval()))
                .setHeader(getTranslation("billing.approval.state")).setAutoWidth(true).setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("billing.approval.empty"));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ApprovalDetailView.class,
                e.getItem().order().id())));
        grid.setId("approvals-grid");
        refresh();
        add(filters);
        addAndExpand(grid);
    }

    private void refresh() {
        OrderFilter filter = new OrderFilter(state.getValue(), requester.getValue(), instant(from.getValue()),
                instant(to.getValue()));
        grid.setItems(q -> approvals.list(filter, q.getOffset(), q.getLimit()).stream(), q -> approvals.count(filter));
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(Formats.zone()).toInstant();
    }
}
