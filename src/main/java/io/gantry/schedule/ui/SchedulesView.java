package io.gantry.schedule.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.task.Tasks;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The current project's schedules (AI-Stack 六.5): what each fires, in which zone, when next, whether it is paused,
 * and the templates it runs. A new schedule is made here, then tasks are added to it from templates.
 */
@Route("tasks/schedules")
@RolesAllowed(Permission.Names.SCHEDULES_USE)
@MenuItem(group = MenuGroup.TASKS, title = "menu.schedules", icon = "vaadin:calendar-clock", order = 3)
public class SchedulesView extends VerticalLayout {

    private final Grid<Schedule> grid = new Grid<>();

    public SchedulesView(ScheduleService schedules, CurrentProjectService projects) {
        addClassName("gantry-page");
        setWidthFull();
        add(new H2(getTranslation("menu.schedules")));
        Optional<Project> project = projects.current();
        if (project.isEmpty()) {
            add(new Paragraph(getTranslation("schedule.no-project")));
            return;
        }
        add(new Paragraph(getTranslation("schedule.list.intro")));
        Button create = new Button(getTranslation("schedule.new"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ScheduleFormView.NEW)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-schedule");

        grid.addComponentColumn(s -> new Anchor(ScheduleDetailView.route(s.id()), s.name()))
                .setHeader(getTranslation("schedule.field.name")).setKey("name").setAutoWidth(true);
        grid.addColumn(ScheduleTexts::trigger).setHeader(getTranslation("schedule.field.trigger")).setKey("trigger")
                .setFlexGrow(2).setTooltipGenerator(ScheduleTexts::trigger);
        grid.addColumn(s -> s.zone().getId()).setHeader(getTranslation("schedule.field.zone")).setKey("zone")
                .setAutoWidth(true);
        grid.addColumn(s -> ScheduleTexts.nextFire(s)).setHeader(getTranslation("schedule.next-fire"))
                .setKey("next").setAutoWidth(true);
        grid.addComponentColumn(ScheduleTexts::state).setHeader(getTranslation("schedule.state")).setKey("state")
                .setAutoWidth(true);
        grid.addColumn(s -> s.templates().isEmpty() ? getTranslation("schedule.templates.none")
                        : s.templates().stream().map(Tasks.TemplateRef::name).collect(Collectors.joining(", ")))
                .setHeader(getTranslation("schedule.templates")).setKey("templates").setFlexGrow(1);
        grid.addColumn(s -> Formats.dateTime(s.createdAt())).setHeader(getTranslation("common.created"))
                .setKey("created").setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateComponent(new Span(getTranslation("schedule.list.empty")));
        grid.setId("schedules");
        grid.setItems(schedules.list(project.get().id()));
        add(create, grid);
    }
}
