package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.cluster.InventoryRules;
import io.gantry.container.Container;
import io.gantry.container.ContainerService;
import io.gantry.container.CustomImageForm;
import io.gantry.container.ImageVisibility;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;

/**
 * Saves a running container as a custom image of its project (AI-Stack 五.3): name, description, image name, tag,
 * framework type, the services the image offers, and whether the project shares it or it stays its maker's (asked,
 * never assumed: a private workspace must not become the project's by a default). Copying the files can take a while; the dialog stays open with
 * the button disabled until it is done.
 */
class SaveImageDialog extends Dialog {

    static final String[] FRAMEWORK_TYPES = {"pytorch", "tensorflow", "mindspore", "other"};

    final TextField displayName = new TextField(Ui.t("container.save-image.name"));
    final TextField description = new TextField(Ui.t("container.save-image.description"));
    final TextField imageName = new TextField(Ui.t("container.save-image.image-name"));
    final TextField tag = new TextField(Ui.t("container.save-image.tag"));
    final Select<String> type = new Select<>();
    final Checkbox ssh = new Checkbox(Ui.t("container.save-image.offers-ssh"));
    final Checkbox jupyter = new Checkbox(Ui.t("container.save-image.offers-jupyter"));
    final Checkbox terminal = new Checkbox(Ui.t("container.save-image.offers-terminal"));
    final RadioButtonGroup<ImageVisibility> visibility = new RadioButtonGroup<>(Ui.t("custom-image.visibility"));
    /** Why this runtime does not save images, said in the dialog itself once it refused. */
    final Paragraph refusal = new Paragraph();
    private final FormFields formFields = new FormFields().with("displayName", displayName)
            .with("imageName", imageName).with("imageTag", tag).with("description", description)
            .with("imageDescription", description).with("visibility", visibility);

    SaveImageDialog(ContainerService containers, Container container) {
        setHeaderTitle(Ui.t("container.save-image.title", container.name()));
        setId("save-image-dialog");
        imageName.setId("image-name");
        tag.setId("image-tag");
        displayName.setMaxLength(CustomImageForm.DISPLAY_NAME_MAX);
        description.setMaxLength(CustomImageForm.DESCRIPTION_MAX);
        imageName.setMaxLength(InventoryRules.IMAGE_NAME_MAX);
        tag.setMaxLength(InventoryRules.IMAGE_TAG_MAX);
        type.setLabel(Ui.t("container.save-image.type"));
        type.setItems(FRAMEWORK_TYPES);
        type.setItemLabelGenerator(t -> Ui.t("container.framework." + t));
        type.setValue("other");
        visibility.setId("image-visibility");
        visibility.setItems(ImageVisibility.values());
        visibility.setItemLabelGenerator(v -> Ui.t("custom-image.visibility." + v.name()));
        visibility.setRequiredIndicatorVisible(true);
        ssh.setValue(container.offersSsh());
        jupyter.setValue(container.offersJupyter());
        terminal.setValue(container.offersTerminal());
        FormLayout form = new FormLayout(displayName, description, imageName, tag, type, visibility, ssh, jupyter,
                terminal);
        form.setColspan(visibility, 2);
        refusal.setId("save-image-refusal");
        refusal.addClassNames(LumoUtility.TextColor.ERROR);
        refusal.setVisible(false);
        add(refusal, form);
        Button save = new Button(Ui.t("container.save-image.submit"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-image-submit");
        save.setDisableOnClick(true);
        save.addClickListener(e -> {
            Ui.clearInvalid(displayName, imageName, tag, description, visibility);
            try {
                containers.saveImage(container.id(), new CustomImageForm(displayName.getValue(),
                        description.getValue(), imageName.getValue(), tag.getValue(), type.getValue(),
                        ssh.getValue(), jupyter.getValue(), terminal.getValue(), visibility.getValue()));
                Ui.success(visibility.getValue() == ImageVisibility.PRIVATE ? "custom-image.saved-private"
                        : "container.save-image.saved", imageName.getValue() + ":" + tag.getValue());
                close();
            } catch (NotAllowed refused) {
                if (refused.messageKey().startsWith("runtime.")) {
                    // The runtime does not save images at all: trying again would change nothing.
                    refusal.setText(Ui.t(refused.messageKey(), refused.arguments()));
                    refusal.setVisible(true);
                } else {
                    formFields.show(refused);
                    save.setEnabled(true);
                }
            } catch (UserFacingException problem) {
                formFields.show(problem);
                save.setEnabled(true);
            }
        });
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), save);
    }
}
