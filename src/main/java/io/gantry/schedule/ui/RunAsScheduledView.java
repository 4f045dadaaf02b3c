package io.gantry.schedule.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Objects;

/**
 * "Run as scheduled" from a template (AI-Stack 六.5 (2)): the template's settings, adjustable (saved to the template
 * when the user may change it, otherwise as a new template, as the page says), then an existing schedule to add it to
 * or a new one, then a summary before anything is saved.
 */
@Route("tasks/templates/:id([0-9]+)/schedule")
@RolesAllowed(Permission.Names.SCHEDULES_USE)
public class RunAsScheduledView extends VerticalLayout implements BeforeEnterObserver {

    static final String EXISTING = "existing";
    static final String NEW = "new";

    private final ScheduleService schedules;
    private final TemplateService templates;
    private final TextArea command = new TextArea();
    private final IntegerField maxMinutes = new IntegerField();
    private final Checkbox preemptible = new Checkbox();
    private final TextField copyName = new TextField();
    private final RadioButtonGroup<String> choice = new RadioButtonGroup<>();
    private final ComboBox<Schedule> existing = new ComboBox<>();
    private final ScheduleFields fields;
    private TaskTemplate template;
    /** The template the schedule runs once the adjusted settings are saved (a copy, for another's template). */
    private Long savedTemplateId;

    public RunAsScheduledView(ScheduleService schedules, TemplateService templates) {
        this.schedules = schedules;
        this.fields = new ScheduleFields(schedules);
        this.templates = templates;
        addClassName("gantry-page");
    }

    static String route(long templateId) {
        return "tasks/templates/" + templateId + "/schedule";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        try {
            template = templates.template(id);
        } catch (UserFacingException gone) {
            Ui.refused(gone);
            event.forwardTo(SchedulesView.class);
            return;
        }
        savedTemplateId = null;
        add(new H2(getTranslation("schedule.run-as-scheduled.title", template.name())));
        add(new Paragraph(getTranslation("schedule.run-as-scheduled.intro")));
        add(Ui.sectionHeader("schedule.run-as-scheduled.settings", null), settings());
        add(Ui.sectionHeader("schedule.run-as-scheduled.schedule", null), scheduleChoice());
        Button next = new Button(getTranslation("schedule.run-as-scheduled.next"), e -> summary());
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.setId("schedule-next");
        add(next);
    }

    private VerticalLayout settings() {
        TaskForm s = template.settings();
        FormLayout shown = new FormLayout();
        shown.addFormItem(new Span(Formats.orDash(template.specName()) + " × " + Formats.orDash(s.devices())),
                getTranslation("schedule.run-as-scheduled.spec"));
        shown.addFormItem(new Span(Formats.orDash(template.framework())),
                getTranslation("schedule.run-as-scheduled.framework"));
        command.setLabel(getTranslation("schedule.run-as-scheduled.command"));
        command.setValue(s.command() == null ? "" : s.command());
        command.setMaxLength(TaskForm.COMMAND_MAX);
        command.setId("task-command");
        maxMinutes.setLabel(getTranslation("schedule.run-as-scheduled.max-minutes"));
        maxMinutes.setValue(s.maxRunMinutes());
        maxMinutes.setMin(1);
        maxMinutes.setId("task-max-minutes");
        preemptible.setLabel(getTranslation("schedule.run-as-scheduled.preemptible"));
        preemptible.setValue(s.preemptible());
        preemptible.setId("task-preemptible");
        shown.add(command, maxMinutes, preemptible);
        shown.setColspan(command, 2);
        Paragraph where = new Paragraph();
        where.setId("schedule-template-save-note");
        VerticalLayout section = new VerticalLayout(shown, where);
        section.setPadding(false);
        if (template.editable()) {
            where.setText(getTranslation("schedule.run-as-scheduled.saved-to-template", template.name()));
        } else {
            where.setText(getTranslation("schedule.run-as-scheduled.saved-as-new"));
            copyName.setLabel(getTranslation("schedule.run-as-scheduled.new-template-name"));
            copyName.setValue(template.name() + "-" + getTranslation("schedule.run-as-scheduled.copy-suffix"));
            copyName.setMaxLength(TaskForm.NAME_MAX);
            copyName.setId("template-name");
            section.add(copyName);
        }
        return section;
    }

    private VerticalLayout scheduleChoice() {
        List<Schedule> mine = schedules.list(template.projectId()).stream().filter(Schedule::editable).toList();
        choice.setItems(EXISTING, NEW);
        choice.setItemLabelGenerator(c -> getTranslation("schedule.run-as-scheduled.choice." + c));
        choice.setItemEnabledProvider(c -> !EXISTING.equals(c) || !mine.isEmpty());
        choice.setId("schedule-choice");
        existing.setLabel(getTranslation("schedule.run-as-scheduled.existing"));
        existing.setItems(mine);
        existing.setItemLabelGenerator(s -> s.name() + " · " + ScheduleTexts.trigger(s));
        existing.setId("schedule-existing");
        existing.setWidthFull();
        choice.addValueChangeListener(e -> {
            existing.setVisible(EXISTING.equals(e.getValue()));
            fields.setVisible(NEW.equals(e.getValue()));
        });
        choice.setValue(mine.isEmpty() ? NEW : EXISTING);
        fields.name.setValue(template.name());
        VerticalLayout section = new VerticalLayout(choice, existing, fields);
        section.setPadding(false);
        return section;
    }

    private boolean settingsChanged() {
        TaskForm s = template.settings();
        return !Objects.equals(command.getValue(), s.command() == null ? "" : s.command())
                || !Objects.equals(maxMinutes.getValue(), s.maxRunMinutes())
                || preemptible.getValue() != s.preemptible();
    }

    private TaskForm adjusted(String name) {
        TaskForm s = template.settings();
        return new TaskForm(s.projectId(), name, s.specId(), s.devices(), s.nodes(), s.flavorId(),
                s.sharedMemoryMib(), s.imageId(), command.getValue(), preemptible.getValue(), maxMinutes.getValue());
    }

    private void summary() {
        fields.clearInvalid();
        Ui.clearInvalid(existing);
        if (EXISTING.equals(choice.getValue()) && existing.getValue() == null) {
            existing.setErrorMessage(getTranslation("schedule.run-as-scheduled.existing.required"));
            existing.setInvalid(true);
            return;
        }
        Dialog dialog = new Dialog(getTranslation("schedule.run-as-scheduled.summary"));
        dialog.setId("schedule-summary");
        boolean changed = settingsChanged() && savedTemplateId == null;
        String templateLine = !changed ? getTranslation("schedule.run-as-scheduled.summary.template", template.name())
                : template.editable()
                ? getTranslation("schedule.run-as-scheduled.summary.template-updated", template.name())
                : getTranslation("schedule.run-as-scheduled.summary.template-new", copyName.getValue());
        String scheduleLine = EXISTING.equals(choice.getValue())
                ? getTranslation("schedule.run-as-scheduled.summary.existing", existing.getValue().name(),
                ScheduleTexts.trigger(existing.getValue()))
                : getTranslation("schedule.run-as-scheduled.summary.new", fields.name.getValue(),
                fields.triggerText(), Formats.orDash(fields.zone.getValue()));
        dialog.add(new Paragraph(templateLine), new Paragraph(scheduleLine));
        Button create = new Button(getTranslation("schedule.run-as-scheduled.create"), e -> {
            dialog.close();
            create();
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("schedule-create");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), create);
        dialog.open();
    }

    private void create() {
        long templateId;
        if (savedTemplateId != null) {
            templateId = savedTemplateId;
        } else if (!settingsChanged()) {
            templateId = template.id();
        } else {
            FormFields templateFields = new FormFields().with("command", command).with("maxRunMinutes", maxMinutes)
                    .with("name", copyName);
            try {
                templateId = template.editable() ? templates.update(template.id(), adjusted(template.name())).id()
                        : templates.create(adjusted(copyName.getValue())).id();
                savedTemplateId = templateId;
                Ui.success(template.editable() ? "schedule.run-as-scheduled.template-updated"
                        : "schedule.run-as-scheduled.template-created", template.editable() ? template.name()
                        : copyName.getValue());
            } catch (UserFacingException refused) {
                templateFields.show(refused);
                return;
            }
        }
        try {
            Schedule schedule = EXISTING.equals(choice.getValue())
                    ? schedules.addTemplate(existing.getValue().id(), templateId)
                    : schedules.create(fields.form(template.projectId(), List.of(templateId)));
            Ui.success("schedule.run-as-scheduled.done", schedule.name());
            getUI().ifPresent(ui -> ui.navigate(ScheduleDetailView.route(schedule.id())));
        } catch (UserFacingException refused) {
            fields.formFields().with("templates", existing).show(refused);
        }
    }
}
