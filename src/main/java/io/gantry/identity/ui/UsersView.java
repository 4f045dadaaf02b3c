package io.gantry.identity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.gantry.identity.AccountDetails;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.GroupService;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserRoles;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The user list (Apulis 4.2.2): fuzzy search, lazy paging, and per user: details, roles, groups, delete. */
@Route("admin/users")
@RolesAllowed(Permission.Names.USERS_MANAGE)
@MenuItem(group = MenuGroup.USER_MANAGEMENT, title = "menu.ums.users", icon = "vaadin:user", order = 1)
public class UsersView extends VerticalLayout implements BeforeEnterObserver {

    private final UserService users;
    private final RoleService roles;
    private final GroupService groups;
    private final TextField search = new TextField();
    private final Grid<UserAccount> grid = new Grid<>();
    private final GridQueryParameters<UserAccount> parameters = new GridQueryParameters<>(grid);
    private Map<Long, UserRoles> pageRoles = Map.of();

    public UsersView(UserService users, RoleService roles, GroupService groups) {
        this.users = users;
        this.roles = roles;
        this.groups = groups;
        addClassName("gantry-page");
        setSizeFull();

        search.setPlaceholder(getTranslation("ums.users.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setWidth("22em");
        search.setId("search");
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Button create = new Button(getTranslation("ums.create-user"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(CreateUsersView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-users");
        HorizontalLayout toolbar = new HorizontalLayout(search, create);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addComponentColumn(u -> new RouterLink(u.username(), UserDetailView.class, u.id()))
                .setHeader(getTranslation("user.username")).setAutoWidth(true).setSortProperty("username")
                .setTooltipGenerator(UserAccount::username);
        grid.addColumn(UserAccount::nickname).setHeader(getTranslation("user.nickname")).setAutoWidth(true)
                .setSortProperty("nickname").setTooltipGenerator(UserAccount::nickname);
        grid.addComponentColumn(this::roles).setHeader(getTranslation("user.roles")).setAutoWidth(true)
                .setKey("roles");
        grid.addColumn(u -> Formats.orDash(u.phone())).setHeader(getTranslation("user.phone")).setAutoWidth(true)
                .setSortProperty("phone");
        grid.addColumn(u -> Formats.orDash(u.email())).setHeader(getTranslation("user.email")).setAutoWidth(true)
                .setSortProperty("email").setTooltipGenerator(u -> Formats.orDash(u.email()));
        grid.addColumn(u -> Formats.orDash(u.maxJobHours())).setHeader(getTranslation("user.max-job-hours"))
                .setAutoWidth(true).setSortProperty("maxJobHours");
        grid.addComponentColumn(this::operations).setHeader(getTranslation("common.operation")).setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        parameters.text("q", search);
        grid.setItems(q -> withRoles(users.search(search.getValue(), GridQueryParameters.sorts(q), q.getOffset(),
                        q.getLimit())).stream(),
                q -> users.count(search.getValue()));
        grid.setEmptyStateText(getTranslation("ums.users.empty"));
        grid.setId("users");

        add(new H2(getTranslation("menu.ums.users")), toolbar);
        addAndExpand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    /** Loads the roles of the page's users in one query, for the roles column. */
    private List<UserAccount> withRoles(List<UserAccount> page) {
        pageRoles = users.roles(page.stream().map(UserAccount::id).toList());
        return page;
    }

    /** The user's roles by name, or a badge for a user no role reaches (a self-registered user waits for one). */
    private Component roles(UserAccount user) {
        UserRoles held = pageRoles.getOrDefault(user.id(), UserRoles.NONE);
        if (held.none()) {
            Span waiting = new Span(getTranslation("ums.users.no-role"));
            waiting.getElement().getThemeList().add("badge contrast");
            waiting.setTitle(getTranslation("ums.users.no-role.help"));
            waiting.addClassName("no-role");
            return waiting;
        }
        return new Span(held.direct().isEmpty() ? getTranslation("ums.users.roles-through-groups")
                : held.direct().stream().map(this::roleName).collect(Collectors.joining(", ")));
    }

    private String roleName(UserRoles.Held role) {
        return role.preset() == null ? role.name() : getTranslation("role.preset-name." + role.preset().name());
    }

    private MenuBar operations(UserAccount user) {
        MenuBar bar = new MenuBar();
        bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY, MenuBarVariant.LUMO_SMALL);
        SubMenu more = bar.addItem(getTranslation("common.more")).getSubMenu();
        more.addItem(getTranslation("ums.edit-roles"), e -> {
            AccountDetails details = users.details(user.id());
            RelationDialogs.roles(getTranslation("ums.edit-roles"), roles.all(),
                    details.roles().stream().map(RoleInfo::id).toList(), ids -> users.setRoles(user.id(), ids));
        });
        more.addItem(getTranslation("ums.edit-groups"), e -> {
            AccountDetails details = users.details(user.id());
            RelationDialogs.groups(getTranslation("ums.edit-groups"), groups.all(),
                    details.groups().stream().map(GroupInfo::id).toList(), ids -> users.setGroups(user.id(), ids));
        });
        more.addItem(getTranslation("ums.reset-password"), e -> RelationDialogs.confirmPasswordReset(user.username(),
                () -> users.resetPassword(user.id())));
        var delete = more.addItem(getTranslation("action.delete"), e -> Confirm.delete(user.username(), () -> {
            try {
                users.delete(user.id());
                Ui.success("common.deleted", user.username());
                grid.getDataProvider().refreshAll();
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
        }));
        delete.setEnabled(!user.builtin());
        return bar;
    }
}
