package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.InventoryRules;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;

/**
 * Adds a private registry. Its password or token is entered here once: it is stored encrypted, and no screen shows it
 * again.
 */
class RegistryEditor extends Dialog {

    private final ClusterService cluster;
    private final Runnable saved;
    private final TextField name = new TextField(Ui.t("registries.name"));
    private final TextField url = new TextField(Ui.t("registries.url"));
    private final TextField username = new TextField(Ui.t("registries.username"));
    private final PasswordField secret = new PasswordField(Ui.t("registries.secret"));
    private final FormFields formFields = new FormFields().with("registryName", name).with("registryUrl", url)
            .with("registryUsername", username);

    RegistryEditor(ClusterService cluster, Runnable saved) {
        this.cluster = cluster;
        this.saved = saved;
        setHeaderTitle(Ui.t("registries.create"));
        setWidth("36em");
        setId("registry-editor");

        name.setId("registryName");
        name.setMaxLength(InventoryRules.REGISTRY_NAME_MAX);
        url.setMaxLength(InventoryRules.REGISTRY_URL_MAX);
        username.setMaxLength(InventoryRules.REGISTRY_USERNAME_MAX);
        secret.setMaxLength(InventoryRules.REGISTRY_SECRET_MAX);
        name.setRequiredIndicatorVisible(true);
        url.setId("registryUrl");
        url.setRequiredIndicatorVisible(true);
        url.setPlaceholder(Ui.t("registries.url.placeholder"));
        url.setHelperText(Ui.t("registries.url.help"));
        username.setId("registryUsername");
        secret.setId("registrySecret");
        secret.setRevealButtonVisible(false);
        secret.setHelperText(Ui.t("registries.secret.help"));
        secret.getElement().setAttribute("autocomplete", "new-password");

        FormLayout form = new FormLayout(name, url, username, secret);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button save = new Button(Ui.t("action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("registry-save");
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), save);
    }

    private void save() {
        Ui.clearInvalid(name, url, username, secret);
        try {
            cluster.createRegistry(name.getValue(), url.getValue(), username.getValue(), secret.getValue());
            secret.clear();
            close();
            Ui.success("common.created-named", name.getValue().strip());
            saved.run();
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }
}
