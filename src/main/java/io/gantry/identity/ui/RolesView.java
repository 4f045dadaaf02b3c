package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.GroupService;
import io.gantry.identity.RoleDetails;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.identity.UserService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;

/**
 * The role list (Apulis 4.2.8): name, description, type (preset or custom); relate to users and groups; edit and
 * delete custom roles. Preset roles cannot be changed or deleted.
 */
@Route("admin/roles")
@RolesAllowed(Permission.Names.USERS_MANAGE)
@MenuItem(group = MenuGroup.USER_MANAGEMENT, title = "menu.ums.roles", icon = "vaadin:key", order = 5)
public class RolesView extends VerticalLayout implements BeforeEnterObserver {

    private final RoleService roles;
    private final Grid<RoleInfo> grid = new Grid<>();
    private final GridQueryParameters<RoleInfo> parameters = new GridQueryParameters<>(grid);

    public RolesView(RoleService roles, UserService users, GroupService groups) {
        this.roles = roles;
        addClassName("gantry-page");
        setSizeFull();
        Button create = new Button(getTranslation("ums.create-role"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(RoleEditorView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-role");

        grid.addColumn(RoleLabels::name).setHeader(getTranslation("role.name")).setAutoWidth(true)
                .setSortProperty("name");
        grid.addColumn(r -> r.isPreset() ? getTranslation("role.preset-description." + r.preset().name())
                : Formats.orDash(r.description())).setHeader(getTranslation("role.description")).setFlexGrow(1);
        grid.addComponentColumn(r -> {
            Span type = new Span(getTranslation(r.isPreset() ? "role.type.preset" : "role.type.custom"));
            type.getElement().getThemeList().add(r.isPreset() ? "badge contrast" : "badge");
            return type;
        }).setHeader(getTranslation("role.type")).setAutoWidth(true).setSortProperty("type");
        grid.addComponentColumn(r -> {
            Button relateUsers = new Button(getTranslation("role.relate-users"), e -> {
                RoleDetails details = roles.details(r.id());
                RelationDialogs.users(getTranslation("role.relate-users"), users, details.users(),
                        ids -> roles.relateUsers(r.id(), ids));
            });
            Button relateGroups = new Button(getTranslation("role.relate-groups"), e -> {
                RoleDetails details = roles.details(r.id());
                RelationDialogs.groups(getTranslation("role.relate-groups"), groups.all(),
                        details.groups().stream().map(GroupInfo::id).toList(), ids -> roles.relateGroups(r.id(), ids));
            });
            HorizontalLayout actions = new HorizontalLayout(relateUsers, relateGroups);
            if (!r.isPreset()) {
                Button edit = new Button(getTranslation("action.edit"),
                        e -> getUI().ifPresent(ui -> ui.navigate(RoleEditorView.class, r.id())));
                Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(r.name(), () -> {
                    try {
                        roles.delete(r.id());
                        Ui.success("common.deleted", r.name());
                        refresh();
                    } catch (UserFacingException refused) {
                        Ui.refused(refused);
                    }
                }));
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
                actions.add(edit, delete);
            }
            actions.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE));
            return actions;
        }).setHeader(getTranslation("common.operation")).setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.setId("roles");
        refresh();
        add(new H2(getTranslation("menu.ums.roles")), create);
        addAndExpand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private void refresh() {
        int count = roles.all().size();
        grid.setItems(q -> roles.all(GridQueryParameters.sorts(q)).stream().skip(q.getOffset()).limit(q.getLimit()),
                q -> count);
    }
}
