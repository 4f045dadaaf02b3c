package io.gantry.task.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.task.TaskTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The templates page: create, edit, delete, and the actions on the chosen template. */
@OnH2
class TemplatesViewTest extends TaskViewTestSupport {

    Grid<TaskTemplate> grid() {
        return grid("templates");
    }

    @Test
    void aNewTemplateIsSavedFromTheRunFormsFieldsAndListed() {
        navigate(TemplatesView.class);
        assertThat(find(Div.class).withId("templates-empty").single().getElement().getTextRecursively())
                .isEqualTo(t("template.empty"));
        click("new-template");
        assertThat(getCurrentView()).isInstanceOf(TemplateEditView.class);

        fillForm("weekly-report", "python3 -c 'print(42)'");
        click("template-save");

        assertThat(getCurrentView()).isInstanceOf(TemplatesView.class);
        assertThat(column(grid(), t("template.name"))).containsExactly("weekly-report");
        assertThat(column(grid(), t("task.ui.command"))).containsExactly("python3 -c 'print(42)'");
        assertThat(column(grid(), t("task.ui.spec"))).containsExactly(spec.name());
        assertThat(column(grid(), t("task.ui.owner"))).allMatch(o -> o.contains(owner));
    }

    @Test
    void aTemplateWithACommandOfOnlySpacesIsNotSaved() {
        navigate("tasks/templates/new", TemplateEditView.class);
        fillForm("blank", "  ");

        click("template-save");

        assertThat(find(TextArea.class).withId("task-command").single().isInvalid()).isTrue();
        assertThat(templates.list(projectId)).isEmpty();
    }

    @Test
    void theActionsWaitForAChosenTemplate() {
        TaskTemplate template = templates.create(form("chosen", "echo chosen"));
        navigate(TemplatesView.class);
        List<String> actions = List.of("template-run", "template-schedule", "template-edit", "template-delete");
        assertThat(actions).allMatch(id -> !find(Button.class).withId(id).single().isEnabled());

        grid().select(rows(grid()).getFirst());

        assertThat(actions).allMatch(id -> find(Button.class).withId(id).single().isEnabled());
        click("template-run");
        assertThat(getCurrentView()).isInstanceOf(TaskRunView.class);
        assertThat(find(TextField.class).withId("task-name").single().getValue()).isEqualTo("chosen-1");
        assertThat(template.name()).isEqualTo("chosen");
    }

    @Test
    void editingChangesTheTemplate() {
        TaskTemplate template = templates.create(form("to-change", "echo before"));
        navigate(TemplatesView.class);
        grid().select(rows(grid()).getFirst());

        click("template-edit");
        assertThat(getCurrentView()).isInstanceOf(TemplateEditView.class);
        assertThat(find(TextArea.class).withId("task-command").single().getValue()).isEqualTo("echo before");
        fill(TextArea.class, "task-command", "echo after");
        fill(TextField.class, "task-name", "changed");
        click("template-save");

        assertThat(getCurrentView()).isInstanceOf(TemplatesView.class);
        TaskTemplate changed = templates.template(template.id());
        assertThat(changed.name()).isEqualTo("changed");
        assertThat(changed.settings().command()).isEqualTo("echo after");
        assertThat(column(grid(), t("task.ui.command"))).containsExactly("echo after");
    }

    @Test
    void deletingAsksFirst() {
        templates.create(form("doomed", "echo doomed"));
        templates.create(form("kept", "echo kept"));
        navigate(TemplatesView.class);
        grid().select(rows(grid()).stream().filter(t -> t.name().equals("doomed")).findFirst().orElseThrow());

        click("template-delete");
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-delete").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", "doomed"));
        assertThat(templates.list(projectId)).hasSize(2);
        test(confirm).confirm();

        assertThat(templates.list(projectId)).extracting(TaskTemplate::name).containsExactly("kept");
        assertThat(column(grid(), t("template.name"))).containsExactly("kept");
    }
}
