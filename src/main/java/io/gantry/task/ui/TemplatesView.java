package io.gantry.task.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;

/**
 * The task templates of the current project (AI-Stack 六.3, 六.4): a template's name, spec, devices, framework,
 * command, owner and last change. Chosen one runs a task (the form comes filled in), is run as scheduled, edited or
 * deleted after a confirmation.
 */
@Route("tasks/templates")
@RolesAllowed(Permission.Names.TASKS_USE)
@MenuItem(group = MenuGroup.TASKS, title = "menu.task-templates", icon = "vaadin:copy-o", order = 2)
public class TemplatesView extends VerticalLayout {

    private final TemplateService templates;
    private final Optional<Project> project;
    final Grid<TaskTemplate> grid = new Grid<>();
    final Button run = new Button();
    final Button schedule = new Button();
    final Button edit = new Button();
    final Button delete = new Button();

    public TemplatesView(TemplateService templates, CurrentProjectService projects) {
        this.templates = templates;
        this.project = projects.current();
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.task-templates")));
        if (project.isEmpty()) {
            add(new Paragraph(getTranslation("task.ui.no-project")));
            return;
        }
        Button create = new Button(getTranslation("template.new"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(TemplateEditView.class,
                        new RouteParameters(TemplateEditView.ID, TemplateEditView.NEW))));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-template");
        run.setText(getTranslation("template.run"));
        run.setIcon(VaadinIcon.PLAY.create());
        run.setId("template-run");
        run.addClickListener(e -> selected().ifPresent(t -> getUI().ifPresent(ui -> ui.navigate(TaskRunView.class,
                QueryParameters.of(TaskRunView.TEMPLATE, String.valueOf(t.id()))))));
        schedule.setText(getTranslation("template.schedule"));
        schedule.setIcon(VaadinIcon.CALENDAR_CLOCK.create());
        schedule.setId("template-schedule");
        schedule.addClickListener(e -> selected().ifPresent(t -> getUI().ifPresent(ui ->
                ui.navigate("tasks/templates/" + t.id() + "/schedule"))));
        edit.setText(getTranslation("action.edit"));
        edit.setIcon(VaadinIcon.EDIT.create());
        edit.setId("template-edit");
        edit.addClickListener(e -> selected().ifPresent(t -> getUI().ifPresent(ui -> ui.navigate(
                TemplateEditView.class, new RouteParameters(TemplateEditView.ID, String.valueOf(t.id()))))));
        delete.setText(getTranslation("action.delete"));
        delete.setIcon(VaadinIcon.TRASH.create());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("template-delete");
        delete.addClickListener(e -> selected().ifPresent(t -> Confirm.delete(t.name(), () -> {
            try {
                templates.delete(t.id());
                Ui.success("template.deleted", t.name());
            } catch (UserFacingException refusal) {
                Ui.refused(refusal);
            }
            refreshGrid();
        })));
        HorizontalLayout toolbar = new HorizontalLayout(create, run, schedule, edit, delete);
        toolbar.setWrap(true);
        add(toolbar);

        grid.addColumn(TaskTemplate::name).setHeader(getTranslation("template.name"))
                .setTooltipGenerator(TaskTemplate::name).setFlexGrow(2);
        grid.addColumn(TaskTemplate::specName).setHeader(getTranslation("task.ui.spec"))
                .setTooltipGenerator(TaskTemplate::specName).setFlexGrow(1);
        grid.addColumn(this::devices).setHeader(getTranslation("task.ui.devices"))
                .setTooltipGenerator(this::devices).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> TaskStates.framework(t.framework())).setHeader(getTranslation("task.ui.framework"))
                .setTooltipGenerator(t -> TaskStates.framework(t.framework())).setFlexGrow(1);
        grid.addColumn(t -> t.settings().command()).setHeader(getTranslation("task.ui.command"))
                .setTooltipGenerator(t -> t.settings().command()).setFlexGrow(3);
        grid.addColumn(TaskTemplate::ownerName).setHeader(getTranslation("task.ui.owner"))
                .setTooltipGenerator(TaskTemplate::ownerName).setFlexGrow(1);
        grid.addColumn(t -> Formats.dateTime(t.updatedAt())).setHeader(getTranslation("template.updated"))
                .setTooltipGenerator(t -> Formats.dateTime(t.updatedAt())).setFlexGrow(1);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.SINGLE);
        grid.addSelectionListener(e -> enableActions());
        grid.setEmptyStateComponent(emptyState());
        grid.setId("templates");
        add(grid);
        refreshGrid();
        setSizeFull();
    }

    private Component emptyState() {
        Div empty = new Div(new Paragraph(getTranslation("template.empty")));
        empty.setId("templates-empty");
        return empty;
    }

    private void refreshGrid() {
        grid.setItems(templates.list(project.get().id()));
        enableActions();
    }

    private Optional<TaskTemplate> selected() {
        return grid.getSelectedItems().stream().findFirst();
    }

    /** Every action needs a chosen template; changing and deleting one need it to be the viewer's to change. */
    private void enableActions() {
        Optional<TaskTemplate> chosen = selected();
        run.setEnabled(chosen.isPresent());
        schedule.setEnabled(chosen.isPresent());
        edit.setEnabled(chosen.map(TaskTemplate::editable).orElse(false));
        delete.setEnabled(chosen.map(TaskTemplate::editable).orElse(false));
    }

    private String devices(TaskTemplate template) {
        TaskForm settings = template.settings();
        if (settings.devices() == null) {
            return "-";
        }
        return settings.nodes() > 1
                ? getTranslation("task.ui.total.gang", settings.nodes(), settings.devices(), settings.totalDevices())
                : getTranslation("task.ui.total.single", settings.devices());
    }
}
