package io.gantry.task.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Ui;
import io.gantry.task.Task;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskService;
import io.gantry.task.TemplateService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a task in the current project (AI-Stack 六.1): the settings on one page, then a summary with the cost per hour
 * and whether it waits for approval, then create, then the task list. Opened from a template ({@code ?template=}) it
 * comes filled in and named {@code <template>-<n>}; from a task ({@code ?from=}) with that task's settings, named
 * alike.
 */
@Route("tasks/new")
@RolesAllowed(Permission.Names.TASKS_USE)
public class TaskRunView extends VerticalLayout implements BeforeEnterObserver {

    static final String TEMPLATE = "template";
    static final String FROM = "from";

    private final TaskService tasks;
    private final TemplateService templates;
    private final Optional<Project> project;
    TaskSettingsForm settings;
    final Button next = new Button();
    final Button saveTemplate = new Button();
    Dialog summary;

    public TaskRunView(TaskService tasks, TemplateService templates, CurrentProjectService projects) {
        this.tasks = tasks;
        this.templates = templates;
        this.project = projects.current();
        addClassName("gantry-page");
        add(new H2(getTranslation("task.ui.run")));
        if (project.isEmpty()) {
            add(new Paragraph(getTranslation("task.ui.no-project")));
            return;
        }
        add(new Paragraph(getTranslation("task.ui.run.in-project", project.get().name())));
        settings = new TaskSettingsForm(tasks, tasks.createOptions(project.get().id()));
        add(settings);
        next.setText(getTranslation("task.ui.next"));
        next.setId("task-next");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(e -> openSummary());
        saveTemplate.setText(getTranslation("task.ui.save-template"));
        saveTemplate.setId("task-save-template");
        saveTemplate.addClickListener(e -> new SaveTemplateDialog(templates, settings.form(), settings::show).open());
        Button cancel = new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(TasksView.class)));
        cancel.setId("task-cancel");
        add(new HorizontalLayout(next, saveTemplate, cancel));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (project.isEmpty()) {
            return;
        }
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        try {
            first(parameters, TEMPLATE).ifPresent(id -> settings.fill(templates.runForm(id)));
            first(parameters, FROM).ifPresent(id -> settings.fill(tasks.runAgainForm(id)));
        } catch (UserFacingException gone) {
            // A template deleted since the link was made, or a task not the reader's: the empty form, and why.
            Ui.refused(gone);
        }
    }

    private static Optional<Long> first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(values.getFirst()));
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }

    /** Checks the form as the service would; only a form without problems gets its summary. */
    void openSummary() {
        if (!settings.check()) {
            return;
        }
        settings.refreshLive();
        summary = new Dialog();
        summary.setId("task-summary");
        summary.setHeaderTitle(getTranslation("task.ui.summary"));
        FormLayout items = new FormLayout();
        items.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        settings.described().forEach((label, value) -> {
            Span shown = new Span(value == null ? "-" : value);
            // A command of several lines reads as it was written.
            shown.getStyle().set("white-space", "pre-wrap");
            items.addFormItem(shown, label);
        });
        items.addFormItem(new Span(settings.liveCost.getText()), getTranslation("task.ui.live.cost"));
        items.addFormItem(new Span(settings.liveStart.getText()), getTranslation("task.ui.live.start"));
        Span approval = new Span(settings.liveApproval.getText());
        approval.setId("task-summary-approval");
        items.addFormItem(approval, getTranslation("task.ui.live.approval"));
        summary.add(items);
        Button create = new Button(getTranslation("task.ui.create"), e -> create());
        create.setId("task-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setDisableOnClick(true);
        Button back = new Button(getTranslation("task.ui.back-to-form"), e -> summary.close());
        back.setId("task-summary-back");
        summary.getFooter().add(back, create);
        summary.open();
    }

    private void create() {
        TaskForm form = settings.form();
        try {
            Task created = tasks.create(form);
            summary.close();
            Ui.success("task.ui.create.done", created.name());
            getUI().ifPresent(ui -> ui.navigate(TasksView.class));
        } catch (InvalidInput e) {
            // Back to the form, every problem on its field; what was typed stays.
            summary.close();
            settings.show(e);
        } catch (UserFacingException e) {
            summary.close();
            Ui.refused(e);
        }
    }
}
