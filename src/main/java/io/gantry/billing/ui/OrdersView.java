package io.gantry.billing.ui;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.billing.OrderRow;
import io.gantry.billing.OrderService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The user's order records (AI-Stack 八.5's 订单记录): their orders in a chosen range of ordering time (the last
 * 30 days at first), newest first; a click opens the order with its approval record, prices and workload.
 */
@Route(OrderService.PAGE)
@RolesAllowed({Permission.Names.BILLING_VIEW, Permission.Names.BILLING_MANAGE})
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.orders", icon = "vaadin:invoice", order = 5)
public class OrdersView extends VerticalLayout {

    static final int DEFAULT_DAYS = 30;

    private final OrderService orders;
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Grid<OrderRow> grid = new Grid<>();

    public OrdersView(OrderService orders, Clock clock) {
        this.orders = orders;
        addClassName("gantry-page");
        setSizeFull();
        add(new H2(getTranslation("menu.orders")));

        from.setLabel(getTranslation("billing.approval.from"));
        from.setId("from");
        from.setValue(LocalDateTime.ofInstant(clock.instant().minus(DEFAULT_DAYS, ChronoUnit.DAYS), Formats.zone())
                .truncatedTo(ChronoUnit.MINUTES));
        to.setLabel(getTranslation("billing.approval.to"));
        to.setId("to");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(from, to);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(r -> Formats.dateTime(r.order().orderedAt()))
                .setHeader(getTranslation("billing.order.ordered-at")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.order().name()).setHeader(getTranslation("billing.order.name"))
                .setTooltipGenerator(r -> r.order().name()).setFlexGrow(2);
        grid.addColumn(OrderRow::project).setHeader(getTranslation("billing.order.project"))
                .setTooltipGenerator(OrderRow::project).setFlexGrow(2);
        grid.addColumn(r -> OrderTexts.devices(r.order())).setHeader(getTranslation("billing.order.devices"))
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(r -> OrderTexts.money(r.order().rate().hour().amount(), r.order().currency()))
                .setHeader(getTranslation("billing.order.rate")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(r -> OrderTexts.badge(r.order().approval()))
                .setHeader(getTranslation("billing.approval.state")).setAutoWidth(true).setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("billing.order.empty"));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(OrderDetailView.class,
                e.getItem().order().id())));
        grid.setId("orders-grid");
        refresh();
        add(filters);
        addAndExpand(grid);
    }

    private void refresh() {
        Instant start = instant(from.getValue());
        Instant end = instant(to.getValue());
        grid.setItems(q -> orders.mine(start, end, q.getOffset(), q.getLimit()).stream(),
                q -> orders.countMine(start, end));
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(Formats.zone()).toInstant();
    }
}
