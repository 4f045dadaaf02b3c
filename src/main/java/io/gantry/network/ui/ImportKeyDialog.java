package io.gantry.network.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.network.SshKeyService;
import io.gantry.network.SshPublicKey;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;

/** Imports a key the user already has (AI-Stack 七.1 〔匯入〕): a name and the public key's line. */
class ImportKeyDialog extends Dialog {

    private final SshKeyService keys;
    private final Runnable saved;
    private final TextField name = new TextField(Ui.t("network.keys.name"));
    private final TextArea publicKey = new TextArea(Ui.t("network.keys.public-key"));
    private final FormFields formFields = new FormFields().with("name", name).with("publicKey", publicKey);

    ImportKeyDialog(SshKeyService keys, Runnable saved) {
        this.keys = keys;
        this.saved = saved;
        setHeaderTitle(Ui.t("network.keys.import"));
        setWidth("44em");
        setId("key-importer");

        name.setId("importName");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(SshKeyService.NAME_MAX);
        publicKey.setId("publicKey");
        publicKey.setMaxLength(SshPublicKey.MAX_TEXT_LENGTH);
        publicKey.setRequiredIndicatorVisible(true);
        publicKey.setPlaceholder(Ui.t("network.keys.public-key.placeholder"));
        publicKey.setHelperText(Ui.t("network.keys.public-key.help"));
        publicKey.setMinRows(4);
        publicKey.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");

        FormLayout form = new FormLayout(name, publicKey);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button importKey = new Button(Ui.t("network.keys.import.submit"), e -> importKey());
        importKey.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importKey.setId("key-import");
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), importKey);
    }

    private void importKey() {
        Ui.clearInvalid(name, publicKey);
        try {
            keys.importKey(name.getValue(), publicKey.getValue());
            close();
            Ui.success("common.created-named", name.getValue().strip());
            saved.run();
        } catch (UserFacingException problems) {
            // A pasted private key leaves the form at once, so that it is not kept in the page or the session.
            if (problems instanceof InvalidInput invalid && invalid.problems().stream()
                    .anyMatch(p -> "network.key.private-key".equals(p.messageKey()))) {
                publicKey.clear();
            }
            formFields.show(problems);
        }
    }
}
