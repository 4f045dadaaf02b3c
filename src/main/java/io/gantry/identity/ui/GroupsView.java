package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.GroupService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;

/** The group list (Apulis 4.2.5): name, description, creation time; add users; delete. */
@Route("admin/groups")
@RolesAllowed(Permission.Names.USERS_MANAGE)
@MenuItem(group = MenuGroup.USER_MANAGEMENT, title = "menu.ums.groups", icon = "vaadin:group", order = 3)
public class GroupsView extends VerticalLayout implements BeforeEnterObserver {

    private final GroupService groups;
    private final TextField search = new TextField();
    private final Grid<GroupInfo> grid = new Grid<>();
    private final GridQueryParameters<GroupInfo> parameters = new GridQueryParameters<>(grid);

    public GroupsView(GroupService groups) {
        this.groups = groups;
        addClassName("gantry-page");
        setSizeFull();
        search.setPlaceholder(getTranslation("common.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setId("search");
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Button create = new Button(getTranslation("ums.create-group"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(CreateGroupView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-group");
        HorizontalLayout toolbar = new HorizontalLayout(search, create);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addComponentColumn(g -> new RouterLink(g.name(), GroupDetailView.class, g.id()))
                .setHeader(getTranslation("group.name")).setAutoWidth(true).setSortProperty("name")
                .setTooltipGenerator(GroupInfo::name);
        grid.addColumn(GroupInfo::description).setHeader(getTranslation("group.description")).setFlexGrow(1)
                .setSortProperty("description").setTooltipGenerator(GroupInfo::description);
        grid.addColumn(g -> Formats.date(g.createdAt())).setHeader(getTranslation("common.created"))
                .setAutoWidth(true).setSortProperty("created");
        grid.addComponentColumn(g -> {
            Button add = new Button(getTranslation("group.add-users"), e -> RelationDialogs.addUsers(
                    getTranslation("group.add-users"), g.name(),
                    (text, offset, limit) -> groups.candidates(g.id(), text, offset, limit),
                    ids -> groups.addMembers(g.id(), ids)));
            add.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(g.name(), () -> {
                groups.delete(g.id());
                Ui.success("common.deleted", g.name());
                grid.getDataProvider().refreshAll();
            }));
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(add, delete);
        }).setHeader(getTranslation("common.operation")).setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        parameters.text("q", search);
        grid.setItems(q -> groups.search(search.getValue(), GridQueryParameters.sorts(q), q.getOffset(),
                        q.getLimit()).stream(),
                q -> groups.count(search.getValue()));
        grid.setEmptyStateText(getTranslation("group.empty"));
        grid.setId("groups");
        add(new H2(getTranslation("menu.ums.groups")), toolbar);
        addAndExpand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }
}
