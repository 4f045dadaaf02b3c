package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import io.gantry.project.Project;
import io.gantry.project.ProjectExtensionService;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;

/** A member asks for more days (AI-Stack 四.1(3) 專案延期申請). */
final class ExtensionDialog {

    private ExtensionDialog() {
    }

    static void open(ProjectExtensionService extensions, Project project, Runnable afterRequest) {
        Dialog dialog = new Dialog(Ui.t("extension.request.title", project.name()));
        dialog.setId("extension-dialog");
        IntegerField days = new IntegerField(Ui.t("extension.days"));
        days.setMin(1);
        days.setMax(ProjectExtensionService.MAX_EXTENSION_DAYS);
        days.setStepButtonsVisible(true);
        days.setId("extension-days");
        TextArea reason = new TextArea(Ui.t("extension.reason"));
        FormFields formFields = new FormFields().with("days", days).with("reason", reason);
        reason.setMaxLength(ProjectExtensionService.REASON_MAX);
        reason.setId("extension-reason");
        dialog.add(new FormLayout(days, reason));
        Button submit = new Button(Ui.t("extension.request.submit"), e -> {
            Ui.clearInvalid(days, reason);
            try {
                extensions.requestExtension(project.id(), days.getValue(), reason.getValue());
                dialog.close();
                Ui.success("extension.requested", project.name());
                afterRequest.run();
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("extension-submit");
        dialog.getFooter().add(new Button(Ui.t("action.cancel"), e -> dialog.close()), submit);
        dialog.open();
    }
}
