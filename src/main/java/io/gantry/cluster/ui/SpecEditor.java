package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.AllowedCounts;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.InventoryRules;
import io.gantry.cluster.PodLimits;
import io.gantry.cluster.Prices;
import io.gantry.cluster.SpecForm;
import io.gantry.cluster.Vendor;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import java.math.BigDecimal;

/** Creates a spec (spec null) or edits one: every field, with the service's problems shown on their fields. */
class SpecEditor extends Dialog {

    private final ClusterService cluster;
    private final AcceleratorSpec spec;
    private final Runnable saved;
    private final TextField name = text("specs.name", "name", InventoryRules.NAME_MAX);
    private final Select<Vendor> vendor = new Select<>();
    private final TextField model = text("specs.model", "model", InventoryRules.MODEL_MAX);
    private final TextField resourceName = text("specs.resource-name", "resourceName", InventoryRules.RESOURCE_NAME_MAX);
    private final TextField nodeSelector = text("specs.node-selector", "nodeSelector", InventoryRules.NODE_SELECTOR_MAX);
    private final TextField allowedCounts = text("specs.allowed-counts", "allowedCounts", InventoryRules.ALLOWED_COUNTS_MAX);
    private final IntegerField topologyGroupSize = new IntegerField(Ui.t("specs.topology-group-size"));
    private final BigDecimalField pricePerDeviceHour;
    private final BigDecimalField pricePerCoreHour;
    private final BigDecimalField pricePerGibHour;
    private final PodLimitsField podLimits = new PodLimitsField();
    private FormFields formFields;

    SpecEditor(ClusterService cluster, String currency, AcceleratorSpec spec, Runnable saved) {
        this.cluster = cluster;
        this.spec = spec;
        this.saved = saved;
        setHeaderTitle(spec == null ? Ui.t("specs.create") : Ui.t("specs.edit-title", spec.name()));
        setWidth("52em");
        setId("spec-editor");

        name.setRequiredIndicatorVisible(true);
        name.setHelperText(Ui.t("cluster.name.help"));
        vendor.setLabel(Ui.t("specs.vendor"));
        vendor.setItems(Vendor.values());
        vendor.setItemLabelGenerator(v -> Ui.t("cluster.vendor." + v.name()));
        vendor.setRequiredIndicatorVisible(true);
        vendor.setId("vendor");
        model.setRequiredIndicatorVisible(true);
        resourceName.setRequiredIndicatorVisible(true);
        resourceName.setHelperText(Ui.t("specs.resource-name.help"));
        nodeSelector.setHelperText(Ui.t("specs.node-selector.help"));
        allowedCounts.setRequiredIndicatorVisible(true);
        allowedCounts.setHelperText(Ui.t("specs.allowed-counts.help", AllowedCounts.MAX_DEVICES_PER_NODE));
        topologyGroupSize.setRequiredIndicatorVisible(true);
        topologyGroupSize.setMin(1);
        topologyGroupSize.setMax(ClusterService.MAX_GROUP_SIZE);
        topologyGroupSize.setStepButtonsVisible(true);
        topologyGroupSize.setHelperText(Ui.t("specs.topology-group-size.help"));
        topologyGroupSize.setId("topologyGroupSize");
        pricePerDeviceHour = price("specs.price-device-hour", "pricePerDeviceHour", currency);
        pricePerCoreHour = price("specs.price-core-hour", "pricePerCoreHour", currency);
        pricePerGibHour = price("specs.price-gib-hour", "pricePerGibHour", currency);
        podLimits.setId("podLimits");

        if (spec == null) {
            vendor.setValue(Vendor.NVIDIA);
            allowedCounts.setValue(AllowedCounts.format(java.util.List.of(0, 1, 2, 4, 8)));
            topologyGroupSize.setValue(8);
            pricePerDeviceHour.setValue(BigDecimal.ZERO);
            pricePerCoreHour.setValue(BigDecimal.ZERO);
            pricePerGibHour.setValue(BigDecimal.ZERO);
            podLimits.setValue(PodLimits.DEFAULT);
        } else {
            name.setValue(spec.name());
            vendor.setValue(spec.vendor());
            model.setValue(spec.model());
            resourceName.setValue(spec.resourceName());
            nodeSelector.setValue(spec.nodeSelector() == null ? "" : spec.nodeSelector());
            allowedCounts.setValue(AllowedCounts.format(spec.allowedCounts()));
            topologyGroupSize.setValue(spec.topologyGroupSize());
            pricePerDeviceHour.setValue(spec.prices().perDeviceHour());
            pricePerCoreHour.setValue(spec.prices().perCoreHour());
            pricePerGibHour.setValue(spec.prices().perGibHour());
            podLimits.setValue(spec.podLimits());
        }

        FormLayout form = new FormLayout(name, vendor, model, resourceName, nodeSelector, allowedCounts,
                topologyGroupSize, pricePerDeviceHour, pricePerCoreHour, pricePerGibHour);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        form.add(podLimits, 2);
        add(form);

        Button save = new Button(Ui.t("action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("spec-save");
        Button cancel = new Button(Ui.t("action.cancel"), e -> close());
        cancel.setId("spec-cancel");
        getFooter().add(cancel, save);
    }

    private static TextField text(String labelKey, String id, int maxLength) {
        TextField field = new TextField(Ui.t(labelKey));
        field.setId(id);
        field.setMaxLength(maxLength);
        return field;
    }

    private static BigDecimalField price(String labelKey, String id, String currency) {
        BigDecimalField field = new BigDecimalField(Ui.t(labelKey, currency));
        field.setId(id);
        field.setRequiredIndicatorVisible(true);
        field.setHelperText(Ui.t("specs.price.help"));
        return field;
    }

    private void save() {
        Ui.clearInvalid(name, vendor, model, resourceName, nodeSelector, allowedCounts, topologyGroupSize,
                pricePerDeviceHour, pricePerCoreHour, pricePerGibHour, podLimits);
        SpecForm form = new SpecForm(name.getValue(), vendor.getValue(), model.getValue(), resourceName.getValue(),
                nodeSelector.getValue(), allowedCounts.getValue(), topologyGroupSize.getValue(),
                new Prices(pricePerDeviceHour.getValue(), pricePerCoreHour.getValue(), pricePerGibHour.getValue()),
                podLimits.getValue());
        try {
            if (spec == null) {
                cluster.createSpec(form);
            } else {
                cluster.updateSpec(spec.id(), form);
            }
            close();
            Ui.success("common.saved");
            saved.run();
        } catch (UserFacingException problems) {
            fields().show(problems);
        }
    }

    /** Built once, on the first refusal: the price fields are made in the constructor. */
    private FormFields fields() {
        if (formFields == null) {
            formFields = new FormFields().with("name", name).with("vendor", vendor).with("model", model)
                .with("resourceName", resourceName).with("nodeSelector", nodeSelector)
                .with("allowedCounts", allowedCounts).with("topologyGroupSize", topologyGroupSize)
                .with("pricePerDeviceHour", pricePerDeviceHour).with("pricePerCoreHour", pricePerCoreHour)
                .with("pricePerGibHour", pricePerGibHour).with("podLimits", podLimits);
        }
        return formFields;
    }
}
