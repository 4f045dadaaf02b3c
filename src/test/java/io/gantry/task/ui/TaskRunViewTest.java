package io.gantry.task.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.ListUrls;
import io.gantry.OnH2;
import io.gantry.task.TaskFilter;
import io.gantry.task.TaskRow;
import io.gantry.task.TaskTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Running a task: the form refuses on its fields, the summary says every setting and the cost, create goes to the
 * list; a template or a task fills the form in.
 */
@OnH2
class TaskRunViewTest extends TaskViewTestSupport {

    @Test
    void theSpecOffersTheCountsTheQuotaAllowsAndTheLivePanelFollowsTheChoices() {
        navigate(TaskRunView.class);
        Span cost = find(Span.class).withId("task-live-cost").single();
        assertThat(cost.getText()).isEqualTo(t("task.ui.live.choose-resources"));

        fillForm("priced", "echo priced");

        assertThat(find(Select.class).withId("task-devices").single().getHelperText())
                .isEqualTo(t("task.ui.devices.quota-help", QUOTA, spec.name()));
        assertThat(cost.getText()).isNotEqualTo(t("task.ui.live.choose-resources")).endsWith(
                t("task.ui.live.per-hour", "").strip());
        assertThat(find(Span.class).withId("task-live-approval").single().getText())
                .isEqualTo(t("task.ui.live.approval.no"));
    }

    @Test
    void aCommandOfOnlySpacesIsRefusedOnItsFieldAndNoSummaryOpens() {
        navigate(TaskRunView.class);
        fillForm("blank", "   ");

        click("task-next");

        TextArea command = find(TextArea.class).withId("task-command").single();
        assertThat(command.isInvalid()).isTrue();
        assertThat(command.getErrorMessage()).isNotBlank();
        assertThat(find(Dialog.class).withId("task-summary").exists()).isFalse();
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isZero();
    }

    @Test
    void theSummaryShowsEverySettingAndTheCostAndCreateGoesToTheList() {
        navigate(TaskRunView.class);
        fillForm("summarised", "echo hello");

        click("task-next");

        Dialog summary = find(Dialog.class).withId("task-summary").single();
        String shown = summary.getElement().getTextRecursively();
        assertThat(shown).contains("summarised", "echo hello", spec.name(), image.reference(),
                t("task.ui.live.cost"), t("task.ui.live.approval"));
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isZero();

        click("task-create");

        assertThat(getCurrentView()).isInstanceOf(TasksView.class);
        List<TaskRow> created = tasks.rows(projectId, TaskFilter.ALL, 0, 10);
        assertThat(created).extracting(r -> r.task().name()).containsExactly("summarised");
        assertThat(created.getFirst().task().command()).isEqualTo("echo hello");
    }

    @Test
    void theSummaryShowsACommandOfSeveralLinesLineByLine() {
        navigate(TaskRunView.class);
        fillForm("script", "python3 - <<'SCRIPT'\nprint('hello')\nSCRIPT");

        click("task-next");

        Span command = find(Span.class).withText("python3 - <<'SCRIPT'\nprint('hello')\nSCRIPT").single();
        assertThat(command.getStyle().get("white-space")).isEqualTo("pre-wrap");
    }

    @Test
    void aTemplateRunOpensTheFormFilledInAndNamedAfterTheTemplate() {
        TaskTemplate template = templates.create(form("nightly", "echo from the template"));

        ListUrls.open(TaskRunView.class, Map.of(TaskRunView.TEMPLATE, String.valueOf(template.id())));

        assertThat(find(TextField.class).withId("task-name").single().getValue()).isEqualTo("nightly-1");
        assertThat(find(TextArea.class).withId("task-command").single().getValue())
                .isEqualTo("echo from the template");
        // The name stays the user's to change.
        fill(TextField.class, "task-name", "nightly-special");
        click("task-next");
        click("task-create");
        assertThat(tasks.rows(projectId, TaskFilter.ALL, 0, 10)).extracting(r -> r.task().name())
                .containsExactly("nightly-special");
    }

    @Test
    void savingTheFormAsATemplateAsksForItsName() {
        navigate(TaskRunView.class);
        fillForm("to-keep", "echo kept");

        click("task-save-template");
        fill(TextField.class, "template-name", "kept-settings");
        click("template-save");

        assertThat(templates.list(projectId)).extracting(TaskTemplate::name).containsExactly("kept-settings");
        assertThat(templates.list(projectId).getFirst().settings().command()).isEqualTo("echo kept");
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isZero();
    }

    @Test
    void runningAgainFillsTheFormWithTheTaskSettingsUnderTheNextFreeName() {
        long first = ended("first-go", "echo again").id();

        ListUrls.open(TaskRunView.class, Map.of(TaskRunView.FROM, String.valueOf(first)));

        assertThat(find(TextArea.class).withId("task-command").single().getValue()).isEqualTo("echo again");
        assertThat(find(TextField.class).withId("task-name").single().getValue()).isEqualTo("first-go-1");

        // Run again from a run again: the number goes up, it does not pile up.
        long second = ended("first-go-1", "echo again").id();
        ListUrls.open(TaskRunView.class, Map.of(TaskRunView.FROM, String.valueOf(second)));
        assertThat(find(TextField.class).withId("task-name").single().getValue()).isEqualTo("first-go-2");
    }
}
