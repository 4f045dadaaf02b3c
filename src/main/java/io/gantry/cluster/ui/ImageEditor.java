package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.InventoryRules;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.LoginMethod;
import io.gantry.cluster.Registry;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Creates an image (image null) or edits one: name, tag, registry, login method, offered services, environment. */
class ImageEditor extends Dialog {

    private final ClusterService cluster;
    private final FrameworkImage image;
    private final Runnable saved;
    private final TextField name = new TextField(Ui.t("images.name"));
    private final TextField tag = new TextField(Ui.t("images.tag"));
    private final ComboBox<Registry> registry = new ComboBox<>(Ui.t("images.registry"));
    private final RadioButtonGroup<LoginMethod> login = new RadioButtonGroup<>(Ui.t("images.login"));
    private final CheckboxGroup<OfferedService> services = new CheckboxGroup<>(Ui.t("images.services"));
    private final TextField environment = new TextField(Ui.t("images.environment"));
    private final TextArea description = new TextArea(Ui.t("images.description"));
    private final FormFields formFields = new FormFields().with("imageName", name).with("imageTag", tag)
            .with("imageRegistry", registry).with("imageLogin", login).with("imageEnvironment", environment)
            .with("imageDescription", description);

    ImageEditor(ClusterService cluster, FrameworkImage image, List<Registry> registries, Runnable saved) {
        this.cluster = cluster;
        this.image = image;
        this.saved = saved;
        setHeaderTitle(image == null ? Ui.t("images.create") : Ui.t("images.edit-title", image.reference()));
        setWidth("44em");
        setId("image-editor");

        name.setId("imageName");
        name.setMaxLength(InventoryRules.IMAGE_NAME_MAX);
        name.setRequiredIndicatorVisible(true);
        name.setHelperText(Ui.t("images.name.help"));
        tag.setId("imageTag");
        tag.setMaxLength(InventoryRules.IMAGE_TAG_MAX);
        tag.setRequiredIndicatorVisible(true);
        registry.setId("imageRegistry");
        registry.setItems(registries);
        registry.setItemLabelGenerator(r -> r.name() + " (" + r.url() + ")");
        registry.setPlaceholder(Ui.t("images.registry.public"));
        registry.setClearButtonVisible(true);
        registry.setHelperText(Ui.t("images.registry.help"));
        login.setId("imageLogin");
        login.setItems(LoginMethod.values());
        login.setItemLabelGenerator(m -> Ui.t("images.login." + m.name()));
        login.setRequiredIndicatorVisible(true);
        services.setId("imageServices");
        services.setItems(OfferedService.values());
        services.setItemLabelGenerator(s -> Ui.t(s.labelKey()));
        environment.setId("imageEnvironment");
        environment.setMaxLength(InventoryRules.IMAGE_TEXT_MAX);
        environment.setHelperText(Ui.t("images.environment.help"));
        description.setId("imageDescription");
        description.setMaxLength(InventoryRules.IMAGE_TEXT_MAX);

        if (image == null) {
            login.setValue(LoginMethod.KEY);
            services.setValue(EnumSet.of(OfferedService.SSH, OfferedService.JUPYTER, OfferedService.TERMINAL));
        } else {
            name.setValue(image.name());
            tag.setValue(image.tag());
            registries.stream().filter(r -> image.registryId() != null && r.id() == image.registryId()).findFirst()
                    .ifPresent(registry::setValue);
            login.setValue(image.loginMethod());
            services.setValue(OfferedService.of(image));
            environment.setValue(image.localEnvironment() == null ? "" : image.localEnvironment());
            description.setValue(image.description() == null ? "" : image.description());
        }

        FormLayout form = new FormLayout(name, tag, registry, login);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        form.add(services, 2);
        form.add(environment, 2);
        form.add(description, 2);
        add(form);

        Button save = new Button(Ui.t("action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("image-save");
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), save);
    }

    private void save() {
        Ui.clearInvalid(name, tag, registry, login, environment, description);
        Set<OfferedService> offered = services.getValue();
        FrameworkImage edited = new FrameworkImage(image == null ? 0 : image.id(), name.getValue(), tag.getValue(),
                registry.getValue() == null ? null : registry.getValue().id(), login.getValue(),
                offered.contains(OfferedService.SSH), offered.contains(OfferedService.JUPYTER),
                offered.contains(OfferedService.TERMINAL), offered.contains(OfferedService.TENSORBOARD),
                environment.getValue(), description.getValue());
        try {
            cluster.saveImage(image == null ? null : image.id(), edited);
            close();
            Ui.success("common.saved");
            saved.run();
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }
}
