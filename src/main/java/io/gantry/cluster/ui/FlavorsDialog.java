package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.InventoryRules;
import io.gantry.cluster.PodLimits;
import io.gantry.cluster.Flavor;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;

/** The flavors (CPU and memory bundles) offered with one spec; each must lie within the spec's pod limits. */
class FlavorsDialog extends Dialog {

    private final ClusterService cluster;
    private final AcceleratorSpec spec;
    private final Grid<Flavor> grid = new Grid<>();
    private final TextField name = new TextField(Ui.t("flavors.name"));
    private final IntegerField cpu = new IntegerField(Ui.t("flavors.cpu"));
    private final MemoryField memory = new MemoryField(Ui.t("flavors.memory"), PodLimits.MAX_MEMORY_MIB);
    private final FormFields formFields = new FormFields().with("flavorName", name).with("flavorCpu", cpu)
            .with("flavorMemory", memory);

    FlavorsDialog(ClusterService cluster, AcceleratorSpec spec) {
        this.cluster = cluster;
        this.spec = spec;
        setHeaderTitle(Ui.t("flavors.title", spec.name()));
        setWidth("44em");
        setId("flavors-dialog");

        grid.addColumn(Flavor::name).setHeader(Ui.t("flavors.name")).setKey("name").setAutoWidth(true);
        grid.addColumn(Flavor::cpuCores).setHeader(Ui.t("flavors.cpu")).setKey("cpu").setAutoWidth(true);
        grid.addColumn(f -> Formats.memory(f.memoryMib())).setHeader(Ui.t("flavors.memory")).setKey("memory")
                .setAutoWidth(true);
        grid.addComponentColumn(this::deleteButton).setHeader(Ui.t("common.operation")).setKey("actions")
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(Ui.t("flavors.empty"));
        grid.setId("flavors");

        name.setId("flavorName");
        name.setMaxLength(InventoryRules.FLAVOR_NAME_MAX);
        name.setRequiredIndicatorVisible(true);
        cpu.setId("flavorCpu");
        cpu.setMin(spec.podLimits().minCpu());
        cpu.setMax(spec.podLimits().maxCpu());
        cpu.setRequiredIndicatorVisible(true);
        cpu.setWidth("8em");
        memory.setId("flavorMemory");
        memory.setRequiredIndicatorVisible(true);
        Button add = new Button(Ui.t("flavors.add"), VaadinIcon.PLUS.create(), e -> add());
        add.setId("flavor-add");
        HorizontalLayout form = new HorizontalLayout(name, cpu, memory, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        add(grid, new H4(Ui.t("flavors.add")),
                new Paragraph(Ui.t("flavors.limits", SpecsView.podLimits(spec.podLimits()))), form);
        Button close = new Button(Ui.t("action.close"), e -> close());
        close.setId("flavors-close");
        getFooter().add(close);
        refresh();
    }

    private Button deleteButton(Flavor flavor) {
        Button delete = new Button(Ui.t("action.delete"), e -> Confirm.delete(flavor.name(), () -> {
            try {
                cluster.deleteFlavor(flavor.id());
                Ui.success("common.deleted", flavor.name());
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
            refresh();
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        return delete;
    }

    private void add() {
        Ui.clearInvalid(name, cpu, memory);
        try {
            cluster.createFlavor(spec.id(), name.getValue(), cpu.getValue(), memory.getValue());
            Ui.success("common.created-named", name.getValue().strip());
            name.clear();
            cpu.clear();
            memory.clear();
            refresh();
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }

    private void refresh() {
        grid.setItems(cluster.flavors(spec.id()));
    }
}
