package io.gantry.task.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskService;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;

/**
 * Creates a task template ({@code tasks/templates/new}) or changes one ({@code tasks/templates/<id>}): the run form's
 * settings, saved under the template's name (AI-Stack 六.3); then the template list.
 */
@Route("tasks/templates/:" + TemplateEditView.ID)
@RolesAllowed(Permission.Names.TASKS_USE)
public class TemplateEditView extends VerticalLayout implements BeforeEnterObserver {

    static final String ID = "id";
    static final String NEW = "new";

    private final TemplateService templates;
    private final TaskService tasks;
    private final Optional<Project> project;
    private final H2 title = new H2();
    TaskSettingsForm settings;
    final Button save = new Button();
    /** The template changed, or null for a new one. */
    private Long templateId;

    public TemplateEditView(TemplateService templates, TaskService tasks, CurrentProjectService projects) {
        this.templates = templates;
        this.tasks = tasks;
        this.project = projects.current();
        addClassName("gantry-page");
        add(title);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String parameter = event.getRouteParameters().get(ID).orElse(NEW);
        // The same page may be entered again for another template: it starts over.
        removeAll();
        add(title);
        if (project.isEmpty()) {
            title.setText(getTranslation("template.new"));
            add(new Paragraph(getTranslation("task.ui.no-project")));
            return;
        }
        TaskTemplate template = null;
        if (!NEW.equals(parameter)) {
            try {
                template = templates.template(Long.parseLong(parameter));
            } catch (NumberFormatException notAnId) {
                throw new NotFound("template");
            }
        }
        templateId = template == null ? null : template.id();
        title.setText(template == null ? getTranslation("template.new")
                : getTranslation("template.edit.title", template.name()));
        settings = new TaskSettingsForm(tasks, tasks.createOptions(template == null ? project.get().id()
                : template.projectId()));
        if (template != null) {
            settings.fill(template.settings());
        }
        settings.name.setLabel(getTranslation("template.name"));
        settings.name.setHelperText(getTranslation("template.name.rule", io.gantry.task.TaskForm.NAME_MAX));
        add(settings);
        save.setText(getTranslation("template.save"));
        save.setId("template-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        Button cancel = new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(TemplatesView.class)));
        cancel.setId("template-cancel");
        add(new HorizontalLayout(save, cancel));
    }

    private void save() {
        settings.clearProblems();
        try {
            TaskTemplate saved = templateId == null ? templates.create(settings.form())
                    : templates.update(templateId, settings.form());
            Ui.success("template.saved", saved.name());
            getUI().ifPresent(ui -> ui.navigate(TemplatesView.class));
        } catch (UserFacingException refusal) {
            settings.show(refusal);
        }
    }
}
