package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.identity.UserManagementCounts;
import io.gantry.identity.UserService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.RolesAllowed;

/** The user management system's dashboard (Apulis 4.1): how many users, groups and roles, and where to create them. */
@Route("admin")
@RolesAllowed(Permission.Names.USERS_MANAGE)
@MenuItem(group = MenuGroup.USER_MANAGEMENT_DASHBOARD, title = "menu.ums.dashboard", icon = "vaadin:dashboard")
public class UserManagementView extends VerticalLayout {

    public UserManagementView(UserService users) {
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.ums.dashboard")));
        UserManagementCounts counts = users.counts();
        Div cards = new Div(
                card("users", counts.users(), "ums.create-user", CreateUsersView.class),
                card("groups", counts.groups(), "ums.create-group", CreateGroupView.class),
                card("roles", counts.roles(), "ums.create-role", RoleEditorView.class));
        cards.addClassName("gantry-cards");
        add(cards);
    }

    private Div card(String what, int count, String createKey,
                     Class<? extends com.vaadin.flow.component.Component> createView) {
        Div figure = new Div(Formats.count(count));
        figure.addClassName("gantry-figure");
        figure.setId("count-" + what);
        Button create = new Button(getTranslation(createKey),
                e -> getUI().ifPresent(ui -> ui.navigate(createView)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-" + what);
        Div card = new Div(new H3(getTranslation("ums.count." + what)), figure, create);
        card.addClassName("gantry-card");
        return card;
    }
}
