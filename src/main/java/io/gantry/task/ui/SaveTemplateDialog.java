package io.gantry.task.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import io.gantry.task.TaskForm;
import io.gantry.task.TaskTemplate;
import io.gantry.task.TemplateService;
import java.util.function.Consumer;

/**
 * Saves run-task settings as a template of the project (AI-Stack 六.3), from the run form or from a task that ended:
 * asks only for the template's name; the settings are those given.
 */
class SaveTemplateDialog extends Dialog {

    final TextField name = new TextField(Ui.t("template.name"));
    final Button save = new Button(Ui.t("template.save"));
    private final FormFields formFields = new FormFields().with("name", name);

    /**
     * @param onProblem where the problems of the settings themselves go (the run form shows them on its fields); the
     *                  name's problems stay on the dialog's field
     */
    SaveTemplateDialog(TemplateService templates, TaskForm settings, Consumer<UserFacingException> onProblem) {
        setHeaderTitle(Ui.t("template.save.title"));
        setId("save-template-dialog");
        name.setId("template-name");
        name.setRequired(true);
        name.setMaxLength(TaskForm.NAME_MAX);
        name.setValue(settings.name() == null ? "" : settings.name());
        name.setWidthFull();
        add(name);
        save.setId("template-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            name.setInvalid(false);
            try {
                TaskTemplate saved = templates.create(settings.named(name.getValue()));
                Ui.success("template.saved", saved.name());
                close();
            } catch (UserFacingException refusal) {
                if (formFields.placesAll(refusal)) {
                    formFields.show(refusal);
                } else {
                    close();
                    onProblem.accept(refusal);
                }
            }
        });
        Button cancel = new Button(Ui.t("action.cancel"), e -> close());
        cancel.setId("template-save-cancel");
        getFooter().add(cancel, save);
    }
}
