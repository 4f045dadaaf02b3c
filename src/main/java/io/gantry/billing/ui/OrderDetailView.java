package io.gantry.billing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.gantry.billing.OrderDetail;
import io.gantry.billing.OrderService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;

/** One of the user's orders: the approval record, the unit prices, the application and the way to its workload. */
@Route(OrderService.PAGE)
@RolesAllowed({Permission.Names.BILLING_VIEW, Permission.Names.BILLING_MANAGE})
public class OrderDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final OrderService orders;

    public OrderDetailView(OrderService orders) {
        this.orders = orders;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        OrderDetail detail = orders.detail(id == null ? -1 : id);
        removeAll();
        Button back = new Button(getTranslation("billing.order.back"), VaadinIcon.ARROW_LEFT.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(OrdersView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setId("orders-back");
        HorizontalLayout title = new HorizontalLayout(new H2(detail.order().name()),
                OrderTexts.badge(detail.order().approval()));
        title.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(back, title);
        add(Ui.sectionHeader("billing.order.record", null), OrderTexts.record(detail));
        add(Ui.sectionHeader("billing.order.workload", null), OrderTexts.workload(detail));
        add(Ui.sectionHeader("billing.order.prices", null), OrderTexts.prices(detail));
        add(Ui.sectionHeader("billing.order.application", null), OrderTexts.application(detail));
    }
}
