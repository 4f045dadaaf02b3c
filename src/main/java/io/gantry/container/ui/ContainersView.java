package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.broker.BrokerService;
import io.gantry.broker.ui.Explanations;
import io.gantry.container.Container;
import io.gantry.container.ContainerFilter;
import io.gantry.container.ContainerRow;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.ListToolbar;
import io.gantry.shared.ui.Ui;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
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
 * The container list of the current project (AI-Stack 五.2): name, devices, framework, deployment id, created, owner,
 * state (with why a queued one waits) and the run time left; a running container offers its operations, one that is
 * not running is greyed out with none. Several are deleted at once after a confirmation that names them.
 */
@Route("containers")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
@MenuItem(group = MenuGroup.DEVELOPMENT, title = "menu.containers", icon = "vaadin:cubes", order = 1)
public class ContainersView extends VerticalLayout implements BeforeEnterObserver {

    private final ContainerService containers;
    private final AccountService accounts;
    private final Map<Long, String> specNames;
    private final Grid<ContainerRow> grid = new Grid<>();
    private final GridQueryParameters<ContainerRow> parameters = new GridQueryParameters<>(grid);
    private final Optional<Project> project;
    private final Clock clock;
    private ListToolbar<Phase> toolbar;

    public ContainersView(ContainerService containers, CurrentProjectService projects, AccountService accounts,
                          BrokerService broker, ContainerUpdates updates, Clock clock) {
        this.containers = containers;
        this.clock = clock;
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
        toolbar = new ListToolbar<>("container.", "", create, Phase.class, java.util.Arrays.stream(Phase.values())
                .filter(s -> s != Phase.DELETED).toList(), this::stateLabel, () -> grid.getDataProvider().refreshAll(),
                this::confirmDeleteSelected);
        add(toolbar);
        toolbar.keepIn(parameters);

        grid.addColumn(r -> r.container().name()).setHeader(getTranslation("container.name")).setSortProperty("name")
                .setTooltipGenerator(r -> r.container().name()).setFlexGrow(2);
        grid.addColumn(r -> devices(r.container())).setHeader(getTranslation("container.devices"))
                .setSortProperty("devices").setTooltipGenerator(r -> devices(r.container())).setFlexGrow(2);
        grid.addColumn(this::framework).setHeader(getTranslation("container.framework"))
                .setSortProperty("image").setTooltipGenerator(r -> r.container().imageReference()).setFlexGrow(1);
        grid.addColumn(r -> r.container().runtimeId()).setHeader(getTranslation("container.deployment-id"))
                .setSortProperty("id").setTooltipGenerator(r -> r.container().runtimeId()).setFlexGrow(1);
        grid.addColumn(r -> Formats.dateTime(r.container().createdAt())).setHeader(getTranslation("container.created"))
                .setSortProperty("created").setTooltipGenerator(r -> Formats.dateTime(r.container().createdAt()))
                .setFlexGrow(1);
        Map<Long, String> owners = new java.util.HashMap<>();
        grid.addColumn(r -> owners.getOrDefault(r.container().userId(), "")).setHeader(getTranslation("container.owner"))
                .setTooltipGenerator(r -> owners.getOrDefault(r.container().userId(), "")).setFlexGrow(2);
        grid.addComponentColumn(this::stateCell).setHeader(getTranslation("container.state"))
                .setSortProperty("state").setTooltipGenerator(this::stateTooltip).setFlexGrow(1);
        grid.addColumn(this::remaining).setHeader(getTranslation("container.remaining"))
                .setTooltipGenerator(this::remaining).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::operations).setHeader(getTranslation("container.operations"))
                .setTooltipGenerator(r -> "").setAutoWidth(true).setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setPartNameGenerator(r -> r.container().state() == Phase.RUNNING ? null : "inactive");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        // Only what the viewer may delete; a stopping one is already on its way.
        grid.setItemSelectableProvider(r -> r.operable() && r.container().state() != Phase.STOPPING);
        grid.addSelectionListener(e -> toolbar.selected(!e.getAllSelectedItems().isEmpty()));
        grid.setItems(query -> {
            List<ContainerRow> page = containers.rows(project.get().id(), filter(),
                    GridQueryParameters.sorts(query), query.getOffset(), query.getLimit());
            owners.putAll(accounts.refs(page.stream().map(r -> r.container().userId()).collect(Collectors.toSet()))
                    .stream().collect(Collectors.toMap(UserRef::id, UserRef::label)));
            return page.stream();
        }, query -> containers.countMatching(project.get().id(), filter()));
        Span none = new Span(getTranslation("container.empty"));
        none.setId("containers-empty");
        grid.setEmptyStateComponent(toolbar.emptyState(none));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ContainerDetailView.class,
                e.getItem().container().id())));
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
        return new ContainerFilter(toolbar.searchText(), toolbar.state(), toolbar.onlyMine());
    }

    /** The state, and for one that was rejected or failed the reason, such as the manager's message. */
    private String stateTooltip(ContainerRow row) {
        Container container = row.container();
        String reason = container.state() == Phase.REJECTED || container.state() == Phase.FAILED
                ? ContainerStates.reason(container) : waits(row);
        return reason == null ? stateLabel(container.state()) : stateLabel(container.state()) + "\n" + reason;
    }

    /** The state's badge; under a queued one, why it waits, in the queue pages' words. */
    private Div stateCell(ContainerRow row) {
        Div cell = new Div(ContainerStates.badge(row.container().state()));
        String waits = waits(row);
        if (waits != null) {
            Span why = new Span(waits);
            why.addClassName("container-waits");
            why.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)")
                    .set("color", "var(--lumo-secondary-text-color)");
            cell.add(why);
        }
        return cell;
    }

    private String waits(ContainerRow row) {
        return row.waitsBecause() == null ? null
                : Explanations.sentence(row.waitsBecause(), specNames.getOrDefault(row.container().specId(), "?"));
    }

    /** What is left of its run time: until its planned end; none for one that never ends by time or is over. */
    String remaining(ContainerRow row) {
        Container c = row.container();
        if (c.plannedEnd() == null || !c.state().isLive()) {
            return c.state().isLive() ? getTranslation("container.remaining.no-end") : "-";
        }
        Duration left = Duration.between(clock.instant(), c.plannedEnd());
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        return getTranslation("container.remaining.value", left.toHours(), left.toMinutesPart());
    }

    /** A running container's operations for one who may operate it; a greyed row has none. */
    private HorizontalLayout operations(ContainerRow row) {
        HorizontalLayout box = new HorizontalLayout();
        box.setSpacing(false);
        Container c = row.container();
        if (c.state() != Phase.RUNNING || !row.operable()) {
            return box;
        }
        Button open = new Button(VaadinIcon.EYE.create(), e -> getUI().ifPresent(ui ->
                ui.navigate(ContainerDetailView.class, c.id())));
        open.setTooltipText(getTranslation("container.open"));
        open.setAriaLabel(getTranslation("container.open"));
        open.setId("open-" + c.id());
        box.add(open);
        if (c.offersTerminal()) {
            Button terminal = new Button(VaadinIcon.TERMINAL.create(), e -> getUI().ifPresent(ui ->
                    ui.navigate(TerminalView.class, c.id())));
            terminal.setTooltipText(getTranslation("container.terminal.open"));
            terminal.setAriaLabel(getTranslation("container.terminal.open"));
            terminal.setId("terminal-" + c.id());
            box.add(terminal);
        }
        Button stop = new Button(VaadinIcon.STOP.create(), e -> Confirm.action(
                getTranslation("container.stop.title", c.name()), getTranslation("container.stop.text", c.name()),
                getTranslation("container.stop"), () -> act(() -> containers.stop(c.id()))));
        stop.setTooltipText(getTranslation("container.stop"));
        stop.setAriaLabel(getTranslation("container.stop"));
        stop.setId("stop-" + c.id());
        box.add(stop);
        box.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE));
        return box;
    }

    /** Asks before deleting the selected containers, naming every one of them. */
    ConfirmDialog confirmDeleteSelected() {
        Set<ContainerRow> chosen = grid.getSelectedItems();
        List<String> names = chosen.stream().map(r -> r.container().name()).sorted().toList();
        List<Long> ids = chosen.stream().map(r -> r.container().id()).toList();
        ConfirmDialog dialog = Confirm.action(getTranslation("container.delete-selected.title", names.size()),
                getTranslation("container.delete-selected.text", String.join(", ", names)),
                getTranslation("action.delete"), () -> act(() -> containers.deleteSeveral(ids)));
        dialog.setConfirmButtonTheme("error primary");
        return dialog;
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (UserFacingException e) {
            Ui.refused(e);
        }
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    /** A custom image's framework type in the reader's words; a public image by its name. */
    private String framework(ContainerRow row) {
        return List.of("pytorch", "tensorflow", "mindspore", "other").contains(row.framework())
                ? getTranslation("container.framework." + row.framework()) : row.framework();
    }

    private String stateLabel(Phase state) {
        return getTranslation("container.state." + state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private String devices(Container c) {
        return c.devices() + " × " + specNames.getOrDefault(c.specId(), "?");
    }
}
