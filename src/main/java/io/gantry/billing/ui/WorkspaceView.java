package io.gantry.billing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.billing.Orders;
import io.gantry.billing.WorkspaceService;
import io.gantry.billing.WorkspaceState;
import io.gantry.shared.Permission;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;

/**
 * The user's workspace on the platform (AI-Stack 八.1, "cloud platform settings"): "not activated" with a button to
 * activate it, then "activated" with when. Activation is done when the click returns, so the page needs no refresh.
 */
@Route(Orders.ACTIVATION_PAGE)
@RolesAllowed(Permission.Names.BILLING_VIEW)
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.platform", icon = "vaadin:cloud", order = 0)
public class WorkspaceView extends VerticalLayout {

    private final WorkspaceService workspaces;
    final Span state = new Span();
    final Button activate = new Button();

    public WorkspaceView(WorkspaceService workspaces) {
        this.workspaces = workspaces;
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.platform")), new Paragraph(getTranslation("workspace.intro")));

        state.setId("workspace-state");
        activate.setText(getTranslation("workspace.activate"));
        activate.setIcon(VaadinIcon.POWER_OFF.create());
        activate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        activate.setId("activate-workspace");
        activate.setDisableOnClick(true);
        activate.addClickListener(e -> activate());
        HorizontalLayout row = new HorizontalLayout(new Span(getTranslation("workspace.state")), state, activate);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(row);
        show(workspaces.state());
    }

    private void activate() {
        try {
            show(workspaces.activate());
            Ui.success("workspace.activate.done");
        } catch (NotAllowed refused) {
            Ui.refused(refused);
            show(workspaces.state());
        }
    }

    private void show(WorkspaceState current) {
        state.getElement().getThemeList().clear();
        if (current.activated()) {
            state.setText(getTranslation("workspace.state.activated", Formats.dateTime(current.activatedAt())));
            state.getElement().getThemeList().add("badge success");
        } else {
            state.setText(getTranslation("workspace.state.not-activated"));
            state.getElement().getThemeList().add("badge contrast");
        }
        activate.setVisible(!current.activated());
        activate.setEnabled(!current.activated());
    }
}
