package io.gantry.task.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.broker.ui.Explanations;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserRef;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.ListToolbar;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import io.gantry.shell.UserRefresh;
import io.gantry.task.Task;
import io.gantry.task.TaskFilter;
import io.gantry.task.TaskRow;
import io.gantry.task.TaskService;
import io.gantry.task.UpcomingRun;
import io.gantry.workload.Phase;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The task list of the current project (AI-Stack 六.2): name, framework, created, owner, state (with why a queued one
 * waits) and how long it ran, newest first, after the schedules' upcoming runs. Ended tasks are deleted several at
 * once after a confirmation that names them; an upcoming run is skipped, only that one.
 */
@Route("tasks")
@RolesAllowed(Permission.Names.TASKS_USE)
@MenuItem(group = MenuGroup.TASKS, title = "menu.tasks", icon = "vaadin:tasks", order = 1)
public class TasksView extends VerticalLayout implements BeforeEnterObserver {

    /** A row of the list: a task, or a run a schedule will fire. */
    record Line(TaskRow task, UpcomingRun upcoming) {

        String name() {
            return task != null ? task.task().name() : upcoming.templateName();
        }
    }

    private final TaskService tasks;
    private final AccountService accounts;
    private final Clock clock;
    private final Optional<Project> project;
    private final Grid<Line> grid = new Grid<>();
    private final GridQueryParameters<Line> parameters = new GridQueryParameters<>(grid);
    private ListToolbar<Phase> toolbar;
    private final Map<Long, String> owners = new HashMap<>();

    public TasksView(TaskService tasks, CurrentProjectService projects, AccountService accounts,
                     TaskUpdates updates, Clock clock) {
        this.tasks = tasks;
        this.accounts = accounts;
        this.clock = clock;
        this.project = projects.current();
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.tasks")));
        if (project.isEmpty()) {
            add(new Paragraph(getTranslation("task.ui.no-project")));
            return;
        }
        Button run = new Button(getTranslation("task.ui.run"), VaadinIcon.PLAY.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(TaskRunView.class)));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("run-task");
        toolbar = new ListToolbar<>("task.ui.", "task-", run, Phase.class, Arrays.stream(Phase.values())
                .filter(p -> p != Phase.DELETED && p != Phase.SCHEDULED).toList(), TaskStates::label,
                () -> grid.getDataProvider().refreshAll(), this::confirmDeleteSelected);
        add(toolbar);
        toolbar.keepIn(parameters);

        grid.addColumn(Line::name).setHeader(getTranslation("task.ui.name")).setTooltipGenerator(Line::name)
                .setFlexGrow(2);
        grid.addColumn(this::framework).setHeader(getTranslation("task.ui.framework"))
                .setTooltipGenerator(this::framework).setFlexGrow(1);
        grid.addColumn(this::created).setHeader(getTranslation("task.ui.created"))
                .setTooltipGenerator(this::created).setFlexGrow(1);
        grid.addColumn(this::owner).setHeader(getTranslation("task.ui.owner")).setTooltipGenerator(this::owner)
                .setFlexGrow(1);
        grid.addComponentColumn(this::stateCell).setHeader(getTranslation("task.ui.state"))
                .setTooltipGenerator(this::stateTooltip).setFlexGrow(2);
        grid.addColumn(this::duration).setHeader(getTranslation("task.ui.duration"))
                .setTooltipGenerator(this::duration).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::operations).setHeader(getTranslation("task.ui.operations"))
                .setTooltipGenerator(l -> "").setAutoWidth(true).setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setPartNameGenerator(l -> l.upcoming() != null ? "upcoming" : null);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setItemSelectableProvider(TasksView::selectable);
        grid.addSelectionListener(e -> toolbar.selected(!e.getAllSelectedItems().isEmpty()));
        grid.setItems(query -> lines(query.getOffset(), query.getLimit()).stream(),
                query -> upcoming().size() + tasks.count(project.get().id(), filter()));
        grid.setEmptyStateComponent(toolbar.emptyState(emptyState()));
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setId("tasks");
        add(grid);
        updates.follow(this, changed -> {
            if (changed.projectId() == project.get().id()) {
                grid.getDataProvider().refreshAll();
            }
        });
        // Changes on other replicas, and the durations of running tasks, at the user's refresh interval.
        UserRefresh.every(this, () -> grid.getDataProvider().refreshAll());
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (project.isPresent()) {
            parameters.read(event.getLocation());
        }
    }

    /** Ended tasks the viewer may delete, and upcoming runs (deleting one skips it). */
    static boolean selectable(Line line) {
        return line.upcoming() != null || (line.task().operable() && line.task().task().ended());
    }

    /** What to do on an empty list: run a task, or start from a template. */
    private Component emptyState() {
        Anchor run = new Anchor("tasks/new", getTranslation("task.ui.empty.run"));
        run.setId("empty-run-task");
        Anchor fromTemplate = new Anchor("tasks/templates", getTranslation("task.ui.empty.template"));
        fromTemplate.setId("empty-templates");
        Div empty = new Div(new Paragraph(getTranslation("task.ui.empty")), run, new Span(" · "), fromTemplate);
        empty.setId("tasks-empty");
        return empty;
    }

    private TaskFilter filter() {
        return new TaskFilter(toolbar.searchText(), toolbar.state() == null ? Set.of() : Set.of(toolbar.state()),
                toolbar.onlyMine());
    }

    /**
     * The schedules' next runs, first in the list: only while no state is chosen (they have none yet), narrowed by
     * the search as tasks are.
     */
    private List<UpcomingRun> upcoming() {
        if (toolbar.state() != null) {
            return List.of();
        }
        String text = toolbar.searchText().strip().toLowerCase(Locale.ROOT);
        long me = CurrentUser.get().map(SignedInUser::id).orElse(-1L);
        return tasks.upcoming(project.get().id()).stream()
                .filter(r -> !toolbar.onlyMine() || r.ownerId() == me)
                .filter(r -> text.isEmpty() || r.templateName().toLowerCase(Locale.ROOT).contains(text)
                        || r.scheduleName().toLowerCase(Locale.ROOT).contains(text))
                .toList();
    }

    /** A page of the list: the upcoming runs, then the tasks. */
    private List<Line> lines(int offset, int limit) {
        List<UpcomingRun> upcoming = upcoming();
        List<Line> page = new ArrayList<>();
        upcoming.stream().skip(offset).limit(limit).forEach(r -> page.add(new Line(null, r)));
        int left = limit - page.size();
        if (left > 0) {
            int taskOffset = Math.max(0, offset - upcoming.size());
            tasks.rows(project.get().id(), filter(), taskOffset, left).forEach(r -> page.add(new Line(r, null)));
        }
        Set<Long> unknown = page.stream().filter(l -> l.upcoming() != null).map(l -> l.upcoming().ownerId())
                .filter(id -> !owners.containsKey(id)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            owners.putAll(accounts.refs(unknown).stream().collect(Collectors.toMap(UserRef::id, UserRef::label)));
        }
        return page;
    }

    private void open(Line line) {
        if (line.task() != null) {
            getUI().ifPresent(ui -> ui.navigate(TaskDetailView.class, line.task().task().id()));
        } else {
            getUI().ifPresent(ui -> ui.navigate("tasks/schedules/" + line.upcoming().scheduleId()));
        }
    }

    private String framework(Line line) {
        return line.task() == null ? "-" : TaskStates.framework(line.task().task().framework());
    }

    private String created(Line line) {
        return line.task() == null ? "-" : Formats.dateTime(line.task().task().createdAt());
    }

    private String owner(Line line) {
        return line.task() != null ? line.task().task().ownerName()
                : owners.getOrDefault(line.upcoming().ownerId(), "");
    }

    private String duration(Line line) {
        return line.task() == null ? "-" : TaskStates.duration(line.task().task().duration(clock.instant()));
    }

    /** The state's badge; under a queued task why it waits, under an upcoming run when and from which schedule. */
    private Div stateCell(Line line) {
        if (line.upcoming() != null) {
            Icon icon = VaadinIcon.CALENDAR_CLOCK.create();
            icon.getStyle().set("padding", "var(--lumo-space-xs)");
            Span badge = new Span(icon, new Span(getTranslation("task.ui.upcoming")));
            badge.getElement().setAttribute("theme", "badge contrast");
            badge.addClassName("task-upcoming");
            return new Div(badge, note(upcomingNote(line.upcoming()), "task-upcoming-at"));
        }
        Div cell = new Div(TaskStates.badge(line.task().task().phase()));
        String waits = waits(line.task());
        if (waits != null) {
            cell.add(note(waits, "task-waits"));
        }
        return cell;
    }

    private static Span note(String text, String className) {
        Span note = new Span(text);
        note.addClassName(className);
        note.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-secondary-text-color)");
        return note;
    }

    private String upcomingNote(UpcomingRun run) {
        return getTranslation("task.ui.upcoming.at", Formats.dateTime(run.at()), run.scheduleName());
    }

    private String stateTooltip(Line line) {
        if (line.upcoming() != null) {
            return getTranslation("task.ui.upcoming") + "\n" + upcomingNote(line.upcoming());
        }
        Task task = line.task().task();
        String why = task.phase() == Phase.QUEUED ? waits(line.task()) : TaskStates.reason(task.reason(),
                task.reasonArguments());
        return why == null ? TaskStates.label(task.phase()) : TaskStates.label(task.phase()) + "\n" + why;
    }

    private String waits(TaskRow row) {
        return row.waitsBecause() == null ? null
                : Explanations.sentence(row.waitsBecause(), row.task().specName());
    }

    /** Stop for a waiting or running task the viewer may operate; skip for an upcoming run. */
    private HorizontalLayout operations(Line line) {
        HorizontalLayout box = new HorizontalLayout();
        box.setSpacing(false);
        if (line.upcoming() != null) {
            UpcomingRun run = line.upcoming();
            Button skip = new Button(VaadinIcon.TRASH.create(), e -> confirmSkip(run));
            skip.setTooltipText(getTranslation("task.ui.skip"));
            skip.setAriaLabel(getTranslation("task.ui.skip"));
            skip.setId("skip-upcoming-" + run.scheduleId() + "-" + run.templateId());
            box.add(skip);
        } else if (line.task().operable() && !line.task().task().ended()
                && line.task().task().phase() != Phase.STOPPING) {
            Task task = line.task().task();
            Button stop = new Button(VaadinIcon.STOP.create(), e -> Confirm.action(
                    getTranslation("task.ui.stop.title", task.name()), getTranslation("task.ui.stop.text", task.name()),
                    getTranslation("task.ui.stop"), () -> act(() -> tasks.stop(task.id()))));
            stop.setTooltipText(getTranslation("task.ui.stop"));
            stop.setAriaLabel(getTranslation("task.ui.stop"));
            stop.setId("stop-" + task.id());
            box.add(stop);
        }
        box.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE));
        return box;
    }

    ConfirmDialog confirmSkip(UpcomingRun run) {
        return Confirm.action(getTranslation("task.ui.skip.title", run.templateName()),
                getTranslation("task.ui.skip.text", run.templateName(), Formats.dateTime(run.at()),
                        run.scheduleName()),
                getTranslation("task.ui.skip"), () -> act(() -> tasks.skipUpcoming(run)));
    }

    /**
     * Asks before deleting the selected tasks, naming every one; upcoming runs among them are named with their time
     * and are skipped, not deleted.
     */
    ConfirmDialog confirmDeleteSelected() {
        Set<Line> chosen = grid.getSelectedItems();
        List<String> names = chosen.stream().filter(l -> l.task() != null).map(Line::name).sorted().toList();
        List<Long> ids = chosen.stream().filter(l -> l.task() != null).map(l -> l.task().task().id()).toList();
        List<UpcomingRun> runs = chosen.stream().filter(l -> l.upcoming() != null).map(Line::upcoming).toList();
        String text = Stream.of(
                names.isEmpty() ? null : getTranslation("task.ui.delete-selected.text", String.join(", ", names)),
                runs.isEmpty() ? null : getTranslation("task.ui.delete-selected.skips", runs.stream()
                        .map(r -> getTranslation("task.ui.upcoming.named", r.templateName(), Formats.dateTime(r.at())))
                        .collect(Collectors.joining(", "))))
                .filter(java.util.Objects::nonNull).collect(Collectors.joining(" "));
        ConfirmDialog dialog = Confirm.action(getTranslation("task.ui.delete-selected.title", chosen.size()), text,
                getTranslation("action.delete"), () -> act(() -> {
                    if (!ids.isEmpty()) {
                        tasks.deleteSeveral(ids);
                    }
                    runs.forEach(tasks::skipUpcoming);
                }));
        Button confirm = new Button(getTranslation("action.delete"));
        confirm.setId("confirm-delete");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.setConfirmButton(confirm);
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
}
