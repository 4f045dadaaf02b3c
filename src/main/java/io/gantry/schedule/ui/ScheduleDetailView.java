package io.gantry.schedule.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleRun;
import io.gantry.schedule.ScheduleService;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import io.gantry.task.Tasks;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A schedule (AI-Stack 六.5 (1)): its settings and the misfire rule, when it fires next, the templates each fire runs,
 * and what each fire came to, with a link to each task it ran; pause, resume, skip the next run, change or delete it
 * for its owner and the project's managers.
 */
@Route("tasks/schedules/:id([0-9]+)")
@RolesAllowed(Permission.Names.SCHEDULES_USE)
public class ScheduleDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final ScheduleService schedules;
    private final TemplateService templates;
    private long scheduleId;

    public ScheduleDetailView(ScheduleService schedules, TemplateService templates) {
        this.schedules = schedules;
        this.templates = templates;
        addClassName("gantry-page");
    }

    static String route(long id) {
        return "tasks/schedules/" + id;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        scheduleId = event.getRouteParameters().getLong("id").orElse(-1L);
        try {
            render(schedules.schedule(scheduleId));
        } catch (UserFacingException gone) {
            Ui.refused(gone);
            event.forwardTo(SchedulesView.class);
        }
    }

    private void refresh() {
        try {
            render(schedules.schedule(scheduleId));
        } catch (UserFacingException gone) {
            Ui.refused(gone);
            getUI().ifPresent(ui -> ui.navigate(SchedulesView.class));
        }
    }

    private void render(Schedule schedule) {
        removeAll();
        HorizontalLayout title = new HorizontalLayout(new H2(schedule.name()), ScheduleTexts.state(schedule));
        title.setAlignItems(Alignment.BASELINE);
        add(title);
        if (schedule.description() != null) {
            add(new Paragraph(schedule.description()));
        }
        if (schedule.editable()) {
            add(actions(schedule));
        }
        Span next = new Span(ScheduleTexts.nextFire(schedule));
        next.setId("schedule-next-fire");
        add(Ui.sectionHeader("schedule.settings", null), settings(schedule, next));
        Paragraph misfire = new Paragraph(getTranslation("schedule.misfire.rule"));
        misfire.setId("schedule-misfire-rule");
        add(misfire);
        Button addTemplate = null;
        if (schedule.editable()) {
            addTemplate = new Button(getTranslation("schedule.add-template"), e -> addTemplate(schedule));
            addTemplate.setId("schedule-add-template");
        }
        add(Ui.sectionHeader("schedule.templates", addTemplate), templateList(schedule));
        add(Ui.sectionHeader("schedule.runs", null), runs());
    }

    private HorizontalLayout actions(Schedule schedule) {
        Button pause = new Button(getTranslation("schedule.pause"), e -> act(() -> schedules.pause(scheduleId),
                "schedule.paused"));
        pause.setId("schedule-pause");
        pause.setVisible(!schedule.paused());
        Button resume = new Button(getTranslation("schedule.resume"), e -> act(() -> schedules.resume(scheduleId),
                "schedule.resumed"));
        resume.setId("schedule-resume");
        resume.setVisible(schedule.paused());
        Button skip = new Button(getTranslation("schedule.skip-next"), e -> act(() -> schedules.skipNext(scheduleId),
                "schedule.skipped"));
        skip.setId("schedule-skip-next");
        skip.setEnabled(schedule.nextFireAt() != null);
        Button edit = new Button(getTranslation("action.edit"),
                e -> getUI().ifPresent(ui -> ui.navigate(ScheduleFormView.editRoute(scheduleId))));
        edit.setId("schedule-edit");
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(schedule.name(), () -> {
            try {
                schedules.delete(scheduleId);
                Ui.success("common.deleted", schedule.name());
                getUI().ifPresent(ui -> ui.navigate(SchedulesView.class));
            } catch (UserFacingException refused) {
                Ui.refused(refused);
                refresh();
            }
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("schedule-delete");
        return new HorizontalLayout(pause, resume, skip, edit, delete);
    }

    private void act(Runnable action, String doneKey) {
        try {
            action.run();
            Ui.success(doneKey);
        } catch (UserFacingException refused) {
            Ui.refused(refused);
        }
        refresh();
    }

    private FormLayout settings(Schedule schedule, Span next) {
        FormLayout settings = new FormLayout();
        settings.addFormItem(new Span(ScheduleTexts.trigger(schedule)), getTranslation("schedule.field.trigger"));
        settings.addFormItem(new Span(schedule.zone().getId()), getTranslation("schedule.field.zone"));
        settings.addFormItem(new Span(ScheduleTexts.at(schedule.startAt(), schedule.zone())),
                getTranslation("schedule.field.start"));
        settings.addFormItem(new Span(schedule.endAt() == null ? getTranslation("schedule.end.never")
                : ScheduleTexts.at(schedule.endAt(), schedule.zone())), getTranslation("schedule.field.end"));
        settings.addFormItem(new Span(getTranslation(schedule.multiLine() ? "schedule.lines.multi"
                : "schedule.lines.single")), getTranslation("schedule.lines"));
        settings.addFormItem(next, getTranslation("schedule.next-fire"));
        settings.addFormItem(new Span(schedule.ownerName()), getTranslation("schedule.owner"));
        return settings;
    }

    private Component templateList(Schedule schedule) {
        Grid<Tasks.TemplateRef> grid = new Grid<>();
        grid.addColumn(Tasks.TemplateRef::name).setHeader(getTranslation("schedule.template")).setKey("name")
                .setFlexGrow(1);
        if (schedule.editable()) {
            grid.addComponentColumn(t -> {
                Button remove = new Button(getTranslation("schedule.remove-template"), e -> act(
                        () -> schedules.removeTemplate(scheduleId, t.id()), "schedule.template-removed"));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setHeader(getTranslation("common.operation")).setKey("actions").setAutoWidth(true);
        }
        grid.setItems(schedule.templates());
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("schedule.templates.empty"));
        grid.setId("schedule-templates");
        return grid;
    }

    private void addTemplate(Schedule schedule) {
        Set<Long> runs = schedule.templates().stream().map(Tasks.TemplateRef::id).collect(Collectors.toSet());
        ComboBox<TaskTemplate> template = new ComboBox<>(getTranslation("schedule.template"));
        template.setItems(templates.list(schedule.projectId()).stream().filter(t -> !runs.contains(t.id()))
                .toList());
        template.setItemLabelGenerator(TaskTemplate::name);
        template.setId("schedule-template-choice");
        template.setWidthFull();
        Dialog dialog = new Dialog(getTranslation("schedule.add-template"));
        dialog.setId("schedule-add-template-dialog");
        dialog.add(template);
        Button add = new Button(getTranslation("schedule.add-template.add"), e -> {
            if (template.getValue() == null) {
                template.setErrorMessage(getTranslation("schedule.template.required"));
                template.setInvalid(true);
                return;
            }
            try {
                schedules.addTemplate(scheduleId, template.getValue().id());
                dialog.close();
                Ui.success("schedule.template-added", template.getValue().name());
            } catch (UserFacingException refused) {
                template.setErrorMessage(Ui.translated(new FieldProblem(null, refused.messageKey(),
                        refused.arguments())));
                template.setInvalid(true);
                return;
            }
            refresh();
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("schedule-add-template-add");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), add);
        dialog.open();
    }

    private Grid<ScheduleRun> runs() {
        Grid<ScheduleRun> grid = new Grid<>();
        grid.addColumn(r -> Formats.dateTime(r.fireAt())).setHeader(getTranslation("schedule.run.fire-at"))
                .setKey("fire").setAutoWidth(true);
        grid.addColumn(ScheduleRun::templateName).setHeader(getTranslation("schedule.template")).setKey("template")
                .setAutoWidth(true);
        grid.addComponentColumn(ScheduleTexts::outcome).setHeader(getTranslation("schedule.run.outcome"))
                .setKey("outcome").setAutoWidth(true);
        grid.addColumn(ScheduleTexts::reason).setHeader(getTranslation("schedule.run.reason")).setKey("reason")
                .setFlexGrow(1).setTooltipGenerator(ScheduleTexts::reason);
        grid.addComponentColumn(r -> r.taskId() == null ? new Span("-")
                        : new Anchor("tasks/" + r.taskId(), getTranslation("schedule.run.task", r.taskId())))
                .setHeader(getTranslation("schedule.run.task-column")).setKey("task").setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(q -> schedules.runs(scheduleId, q.getOffset(), q.getLimit()).stream());
        grid.setEmptyStateText(getTranslation("schedule.runs.empty"));
        grid.setId("schedule-runs");
        return grid;
    }
}
