package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.broker.BrokerService;
import io.gantry.container.Container;
import io.gantry.container.ContainerFilter;
import io.gantry.container.ContainerService;
import io.gantry.workload.Phase;
import io.gantry.identity.AccountService;
import io.gantry.identity.UserRef;
import io.gantry.project.Project;
import io.gantry.project.CurrentProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
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
public class ContainersView extends VerticalLayout implements BeforeEnterObserver {

    private final ContainerService containers;
    private final AccountService accounts;
    private final Map<Long, String> specNames;
    private final Grid<Container> grid = new Grid<>();
    private final TextField search = new TextField();
    private final ComboBox<Phase> state = new ComboBox<>();
    private final Checkbox mine = new Checkbox();
    private final GridQueryParameters<Container> parameters = new GridQueryParameters<>(grid);
    private final Optional<Project> project;

    public ContainersView(ContainerService containers, CurrentProjectService projects, AccountService accounts,
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
        search.setId("search");
        state.setPlaceholder(getTranslation("container.state"));
        state.setItems(java.util.Arrays.stream(Phase.values()).filter(s -> s != Phase.DELETED)
                .toList());
        state.setItemLabelGenerator(this::stateLabel);
        state.setClearButtonVisible(true);
        state.setId("state-filter");
        state.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        mine.setLabel(getTranslation("container.filter.mine"));
        mine.setId("mine-filter");
        mine.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        HorizontalLayout toolbar = new HorizontalLayout(create, search, state, mine);
        toolbar.setAlignItems(Alignment.BASELINE);
        toolbar.setWrap(true);
        add(toolbar);
        parameters.text("q", search).choice("state", state, Phase.class)
                .bind("mine", mine, Boolean::parseBoolean, String::valueOf);

        grid.addColumn(Container::name).setHeader(getTranslation("container.name")).setSortProperty("name")
                .setTooltipGenerator(Container::name).setFlexGrow(2);
        grid.addColumn(this::devices).setHeader(getTranslation("container.devices")).setSortProperty("devices")
                .setTooltipGenerator(this::devices).setFlexGrow(2);
        grid.addColumn(Container::imageReference).setHeader(getTranslation("container.image")).setSortProperty("image")
                .setTooltipGenerator(Container::imageReference).setFlexGrow(2);
        grid.addColumn(Container::runtimeId).setHeader(getTranslation("container.deployment-id")).setSortProperty("id")
                .setTooltipGenerator(Container::runtimeId).setFlexGrow(1);
        grid.addColumn(c -> Formats.dateTime(c.createdAt())).setHeader(getTranslation("container.created"))
                .setSortProperty("created").setTooltipGenerator(c -> Formats.dateTime(c.createdAt())).setFlexGrow(1);
        Map<Long, String> owners = new java.util.HashMap<>();
        grid.addColumn(c -> owners.getOrDefault(c.userId(), "")).setHeader(getTranslation("container.owner"))
                .setTooltipGenerator(c -> owners.getOrDefault(c.userId(), "")).setFlexGrow(2);
        grid.addComponentColumn(c -> ContainerStates.badge(c.state())).setHeader(getTranslation("container.state"))
                .setSortProperty("state").setTooltipGenerator(this::stateTooltip)
                .setAutoWidth(true).setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setPartNameGenerator(c -> c.state() == Phase.RUNNING ? null : "inactive");
        grid.setItems(query -> {
            List<Container> page = containers.list(project.get().id(), filter(),
                    GridQueryParameters.sorts(query), query.getOffset(), query.getLimit());
            owners.putAll(accounts.refs(page.stream().map(Container::userId).collect(Collectors.toSet())).stream()
                    .collect(Collectors.toMap(UserRef::id, UserRef::label)));
            return page.stream();
        }, query -> containers.countMatching(project.get().id(), filter()));
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

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (project.isPresent()) {
            parameters.read(event.getLocation());
        }
    }

    private ContainerFilter filter() {
        return new ContainerFilter(search.getValue(), state.getValue(), mine.getValue());
    }

    /** The state, and for one that was rejected or failed the reason, such as the manager's message. */
    private String stateTooltip(Container container) {
        String reason = container.state() == Phase.REJECTED || container.state() == Phase.FAILED
                ? ContainerStates.reason(container) : null;
        return reason == null ? stateLabel(container.state()) : stateLabel(container.state()) + "\n" + reason;
    }

    private String stateLabel(Phase state) {
        return getTranslation("container.state." + state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private String devices(Container c) {
        return c.devices() + " × " + specNames.getOrDefault(c.specId(), "?");
    }
}
