package io.gantry.schedule.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a schedule, or changes one (AI-Stack 六.5 (1)): its settings, the trigger, and the templates each fire runs.
 * Problems show on their fields; nothing is saved until every field is right.
 */
@Route("tasks/schedules/new")
@RouteAlias("tasks/schedules/:id([0-9]+)/edit")
@RolesAllowed(Permission.Names.SCHEDULES_USE)
public class ScheduleFormView extends VerticalLayout implements BeforeEnterObserver {

    static final String NEW = "tasks/schedules/new";

    private final ScheduleService schedules;
    private final TemplateService templates;
    private final Optional<Project> project;
    private final ScheduleFields fields;
    private final MultiSelectComboBox<TaskTemplate> templatePicker = new MultiSelectComboBox<>();
    private final FormFields formFields;
    private Long editing;

    public ScheduleFormView(ScheduleService schedules, TemplateService templates, CurrentProjectService projects) {
        this.schedules = schedules;
        this.fields = new ScheduleFields(schedules);
        this.templates = templates;
        this.project = projects.current();
        addClassName("gantry-page");
        templatePicker.setLabel(getTranslation("schedule.templates"));
        templatePicker.setHelperText(getTranslation("schedule.templates.help"));
        templatePicker.setItemLabelGenerator(TaskTemplate::name);
        templatePicker.setId("schedule-templates");
        fields.add(templatePicker);
        fields.setColspan(templatePicker, 2);
        formFields = fields.formFields().with("templates", templatePicker);
    }

    static String editRoute(long id) {
        return "tasks/schedules/" + id + "/edit";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        editing = event.getRouteParameters().getLong("id").orElse(null);
        if (project.isEmpty()) {
            add(new H2(getTranslation("schedule.new")), new Paragraph(getTranslation("schedule.no-project")));
            return;
        }
        Schedule schedule = null;
        if (editing != null) {
            try {
                schedule = schedules.schedule(editing);
            } catch (UserFacingException gone) {
                Ui.refused(gone);
                event.forwardTo(SchedulesView.class);
                return;
            }
        }
        long projectId = schedule == null ? project.get().id() : schedule.projectId();
        templatePicker.setItems(templates.list(projectId).stream()
                .sorted(Comparator.comparing(TaskTemplate::name)).toList());
        if (schedule != null) {
            fields.show(schedule);
            Set<Long> chosen = new java.util.HashSet<>(schedule.templates().stream()
                    .map(io.gantry.task.Tasks.TemplateRef::id).toList());
            templatePicker.setValue(templatePicker.getListDataView().getItems()
                    .filter(t -> chosen.contains(t.id())).toList());
        }
        Button save = new Button(getTranslation("action.save"), e -> save(projectId));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("schedule-save");
        Button cancel = new Button(getTranslation("action.cancel"), e -> getUI().ifPresent(ui -> ui.navigate(
                editing == null ? "tasks/schedules" : ScheduleDetailView.route(editing))));
        add(new H2(getTranslation(editing == null ? "schedule.new" : "schedule.edit")), fields,
                new HorizontalLayout(save, cancel));
    }

    private void save(long projectId) {
        fields.clearInvalid();
        Ui.clearInvalid(templatePicker);
        List<Long> templateIds = templatePicker.getValue().stream().map(TaskTemplate::id).sorted().toList();
        try {
            Schedule saved = editing == null ? schedules.create(fields.form(projectId, templateIds))
                    : schedules.update(editing, fields.form(projectId, templateIds));
            Ui.success(editing == null ? "schedule.created" : "schedule.saved", saved.name());
            getUI().ifPresent(ui -> ui.navigate(ScheduleDetailView.route(saved.id())));
        } catch (UserFacingException refused) {
            formFields.show(refused);
        }
    }
}
