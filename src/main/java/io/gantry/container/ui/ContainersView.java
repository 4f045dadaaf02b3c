package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Route;
import io.gantry.broker.BrokerService;
import io.gantry.container.Container;
import io.gantry.container.ContainerService;
import io.gantry.container.ContainerState;
import io.gantry.identity.AccountService;
import io.gantry.identity.UserRef;
import io.gantry.project.Project;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The container list of the current project (AI-Stack 五.2): name, devices, image, deployment id, created, owner and
 * state; a container that is not running is greyed out and only its detail opens.
 */
@Route("containers")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
@MenuItem(group = MenuGroup.DEVELOPMENT, title = "menu.containers", icon = "vaadin:cubes", order = 1)
public class ContainersView extends VerticalLayout {

    private final ContainerService containers;
    private final AccountService accounts;
    private final Map<Long, String> specNames;
    private final Grid<Container> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Optional<Project> project;

    public ContainersView(ContainerService containers, ProjectService projects, AccountService accounts,
                          BrokerService broker, ContainerUpdates updates) {
        this.containers = containers;
        this.accounts = accounts;
        this.specNames = broker.specNames();
        this.project = projects.current();
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.containers")));
        if (project.isEmpty()) {
            add(new Paragraph(getTranslation("container.no-project")));
            return;
        }
        Button create = new Button(getTranslation("container.create"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ContainerCreateView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-container");
        search.setPlaceholder(getTranslation("container.search"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        search.setClearButtonVisible(true);
        add(new HorizontalLayout(create, search));

        grid.addColumn(Container::name).setHeader(getTranslation("container.name")).setAutoWidth(true);
        grid.addColumn(c -> c.devices() + " × " + specNames.getOrDefault(c.specId(), "?"))
                .setHeader(getTranslation("container.devices")).setAutoWidth(true);
        grid.addColumn(Container::imageReference).setHeader(getTranslation("container.image")).setAutoWidth(true);
        grid.addColumn(Container::workloadId).setHeader(getTranslation("container.deployment-id")).setAutoWidth(true);
        grid.addColumn(c -> Formats.dateTime(c.createdAt())).setHeader(getTranslation("container.created"))
                .setAutoWidth(true);
        Map<Long, String> owners = new java.util.HashMap<>();
        grid.addColumn(c -> owners.getOrDefault(c.userId(), "")).setHeader(getTranslation("container.owner"))
                .setAutoWidth(true);
        grid.addComponentColumn(c -> ContainerStates.badge(c.state())).setHeader(getTranslation("container.state"))
                .setAutoWidth(true);
        grid.setPartNameGenerator(c -> c.state() == ContainerState.RUNNING ? null : "inactive");
        grid.setItems(query -> {
            List<Container> page = containers.list(project.get().id(), search.getValue(), query.getOffset(),
                    query.getLimit());
            owners.putAll(accounts.refs(page.stream().map(Container::userId).collect(Collectors.toSet())).stream()
                    .collect(Collectors.toMap(UserRef::id, UserRef::label)));
            return page.stream();
        }, query -> containers.count(project.get().id(), search.getValue()));
        grid.setEmptyStateText(getTranslation("container.empty"));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ContainerDetailView.class,
                e.getItem().id())));
        grid.setId("containers");
        add(grid);
        updates.follow(this, changed -> {
            if (changed.projectId() == project.get().id()) {
                grid.getDataProvider().refreshAll();
            }
        });
        setSizeFull();
    }
}
