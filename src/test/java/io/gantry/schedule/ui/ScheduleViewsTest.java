package io.gantry.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.billing.Wallets;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleFixtures;
import io.gantry.schedule.ScheduleFiring;
import io.gantry.schedule.ScheduleForm;
import io.gantry.schedule.ScheduleRun;
import io.gantry.schedule.ScheduleService;
import io.gantry.schedule.cron.Trigger;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import io.gantry.task.Tasks;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The schedule pages: the list and its empty state, the form with its field problems, the detail, run as scheduled. */
@OnH2
class ScheduleViewsTest extends ViewTestSupport {

    @Autowired
    ScheduleService schedules;
    @Autowired
    ScheduleFiring firing;
    @Autowired
    TemplateService templates;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;

    long projectId;
    TaskTemplate template;

    @BeforeEach
    void prepareProject() {
        accounts.signInAsAdmin();
        ScheduleFixtures fixtures = new ScheduleFixtures(cluster);
        String owner = TestAccounts.uniqueName("sv");
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        projectId = fixtures.project(projects, wallets, ownerId);
        accounts.signInAs(owner);
        template = templates.create(fixtures.template(projectId, TestAccounts.uniqueName("tpl"),
                ScheduleFixtures.QUICK));
    }

    /** Chooses the editor's raw cron kind and types the expression, as an expert would. */
    @SuppressWarnings("unchecked")
    private void typeCron(String expression) {
        find(Select.class).withId("trigger-kind").single().setValue(TriggerEditor.Kind.CRON);
        fill(TextField.class, "trigger-cron", expression);
    }

    /** The schedules made here go, so that the firing job starts no tasks for them in later tests. */
    @AfterEach
    void deleteSchedules() {
        accounts.signInAsAdmin();
        schedules.list(projectId).forEach(s -> schedules.delete(s.id()));
    }

    @Test
    void withoutSchedulesTheListSaysHowToMakeOne() {
        navigate(SchedulesView.class);

        Grid<Schedule> grid = grid("schedules");
        assertThat(rows(grid)).isEmpty();
        assertThat(((Span) grid.getEmptyStateComponent()).getText()).isEqualTo(t("schedule.list.empty"));
        assertThat(find(com.vaadin.flow.component.button.Button.class).withId("new-schedule").exists()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleIsMadeThroughTheFormAfterItsProblemsAreShownOnTheirFields() {
        navigate(SchedulesView.class);
        click("new-schedule");
        assertThat(getCurrentView()).isInstanceOf(ScheduleFormView.class);
        assertThat(find(Paragraph.class).withId("schedule-misfire-rule").single().getText())
                .isEqualTo(t("schedule.misfire.rule"));
        assertThat(find(Paragraph.class).withId("schedule-lines-explained").single().getText())
                .isEqualTo(t("schedule.lines.explained"));

        fill(TextField.class, "schedule-name", "nightly");
        typeCron("0 0 25 * * ?");
        click("schedule-save");

        TextField cron = find(TextField.class).withId("trigger-cron").single();
        assertThat(cron.isInvalid()).isTrue();
        assertThat(cron.getErrorMessage()).isNotBlank();
        assertThat(schedules.list(projectId)).isEmpty();

        typeCron("0 0 2 * * ?");
        ComboBox<String> zone = find(ComboBox.class).withId("schedule-zone").single();
        zone.setValue("Asia/Taipei");
        MultiSelectComboBox<TaskTemplate> picker = find(MultiSelectComboBox.class).withId("schedule-templates")
                .single();
        picker.setValue(Set.copyOf(picker.getListDataView().getItems().toList()));
        find(Checkbox.class).withId("schedule-multi-line").single().setValue(true);
        click("schedule-save");

        assertThat(getCurrentView()).isInstanceOf(ScheduleDetailView.class);
        Schedule saved = schedules.list(projectId).getFirst();
        assertThat(saved.name()).isEqualTo("nightly");
        assertThat(saved.zone().getId()).isEqualTo("Asia/Taipei");
        assertThat(saved.multiLine()).isTrue();
        assertThat(saved.templates()).extracting(Tasks.TemplateRef::id).containsExactly(template.id());
        assertThat(find(Span.class).withId("schedule-next-fire").single().getText()).contains("Asia/Taipei");

        navigate(SchedulesView.class);
        Grid<Schedule> grid = grid("schedules");
        assertThat(column(grid, t("schedule.field.zone"))).containsExactly("Asia/Taipei");
        assertThat(column(grid, t("schedule.templates"))).containsExactly(template.name());
    }

    @Test
    void theDetailPausesResumesSkipsAndAsksBeforeDeleting() {
        Schedule schedule = schedules.create(new ScheduleForm(projectId, "detail", null,
                new Trigger.Cron("0 * * * * ?"), "UTC", null, null, true, List.of(template.id())));
        navigate("tasks/schedules/" + schedule.id(), ScheduleDetailView.class);
        assertThat(grid("schedule-runs").getEmptyStateText()).isEqualTo(t("schedule.runs.empty"));

        // A fire comes: its run links to the task it started.
        firing.tick(schedule.nextFireAt().plusSeconds(5));
        navigate("tasks/schedules/" + schedule.id(), ScheduleDetailView.class);
        Grid<ScheduleRun> runs = grid("schedule-runs");
        ScheduleRun run = runs.getLazyDataView().getItems().findFirst().orElseThrow();
        assertThat(run.outcome()).isEqualTo(ScheduleRun.Outcome.STARTED);
        assertThat(((Span) test(runs).getCellComponent(0, "outcome")).getText())
                .isEqualTo(t("schedule.run.outcome.STARTED"));
        assertThat(((Anchor) test(runs).getCellComponent(0, "task")).getHref()).isEqualTo("tasks/" + run.taskId());
        assertThat(find(Paragraph.class).withId("schedule-misfire-rule").single().getText())
                .isEqualTo(t("schedule.misfire.rule"));

        click("schedule-pause");
        assertThat(schedules.schedule(schedule.id()).paused()).isTrue();
        assertThat(find(Span.class).withId("schedule-next-fire").single().getText())
                .isEqualTo(t("schedule.next-fire.paused"));
        click("schedule-resume");
        assertThat(schedules.schedule(schedule.id()).paused()).isFalse();

        var before = schedules.schedule(schedule.id()).nextFireAt();
        click("schedule-skip-next");
        assertThat(schedules.schedule(schedule.id()).nextFireAt()).isAfter(before);

        click("schedule-delete");
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-delete").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", "detail"));
        assertThat(schedules.list(projectId)).hasSize(1);
        test(confirm).confirm();

        assertThat(schedules.list(projectId)).isEmpty();
        assertThat(getCurrentView()).isInstanceOf(SchedulesView.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runAsScheduledMakesANewScheduleForTheTemplateAfterASummary() {
        navigate("tasks/templates/" + template.id() + "/schedule", RunAsScheduledView.class);
        assertThat(find(Paragraph.class).withId("schedule-template-save-note").single().getText())
                .isEqualTo(t("schedule.run-as-scheduled.saved-to-template", template.name()));
        RadioButtonGroup<String> choice = find(RadioButtonGroup.class).withId("schedule-choice").single();
        assertThat(choice.getValue()).isEqualTo(RunAsScheduledView.NEW);
        fill(TextField.class, "schedule-name", "from-template");
        typeCron("0 0/5 * * * ?");
        fill(TextArea.class, "task-command", "echo adjusted");
        click("schedule-next");

        assertThat(find(com.vaadin.flow.component.dialog.Dialog.class).withId("schedule-summary").single()
                .isOpened()).isTrue();
        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .contains(t("schedule.run-as-scheduled.summary.template-updated", template.name()));
        assertThat(schedules.list(projectId)).isEmpty();
        click("schedule-create");

        Schedule made = schedules.list(projectId).getFirst();
        assertThat(made.name()).isEqualTo("from-template");
        assertThat(made.templates()).extracting(Tasks.TemplateRef::id).containsExactly(template.id());
        assertThat(templates.template(template.id()).settings().command()).isEqualTo("echo adjusted");
        assertThat(getCurrentView()).isInstanceOf(ScheduleDetailView.class);

        // A second time, to the schedule now there.
        navigate("tasks/templates/" + template.id() + "/schedule", RunAsScheduledView.class);
        assertThat(choice = find(RadioButtonGroup.class).withId("schedule-choice").single()).isNotNull();
        assertThat(choice.getValue()).isEqualTo(RunAsScheduledView.EXISTING);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMemberWhoMayNotChangeTheTemplateSchedulesTheirChangedSettingsAsANewTemplate() {
        accounts.signInAsAdmin();
        String member = TestAccounts.uniqueName("svm");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        projects.addMembers(projectId, Set.of(memberId), io.gantry.project.ProjectRole.MEMBER);
        accounts.signInAs(member);

        navigate("tasks/templates/" + template.id() + "/schedule", RunAsScheduledView.class);
        assertThat(find(Paragraph.class).withId("schedule-template-save-note").single().getText())
                .isEqualTo(t("schedule.run-as-scheduled.saved-as-new"));
        fill(TextArea.class, "task-command", "echo mine");
        fill(TextField.class, "template-name", "my-copy");
        fill(TextField.class, "schedule-name", "member-schedule");
        typeCron("0 0 3 * * ?");
        click("schedule-next");
        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .contains(t("schedule.run-as-scheduled.summary.template-new", "my-copy"));
        click("schedule-create");

        Schedule made = schedules.list(projectId).getFirst();
        assertThat(made.templates()).extracting(Tasks.TemplateRef::name).containsExactly("my-copy");
        assertThat(templates.template(made.templates().getFirst().id()).settings().command()).isEqualTo("echo mine");
        assertThat(templates.template(template.id()).settings().command()).isEqualTo(ScheduleFixtures.QUICK);
    }
}
