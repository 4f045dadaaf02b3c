package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.AllowedCounts;
import io.gantry.cluster.Capacity;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.PodLimits;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;

/**
 * The accelerator specs (Apulis 3.2.7-3.2.8, AI-Stack 五): device type, Kubernetes resource, allowed counts, topology
 * group, hourly prices in the configured currency, pod limits, and per spec the flavors offered with it.
 */
@Route("admin/specs")
@RolesAllowed(Permission.Names.CLUSTER_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.admin.specs", icon = "vaadin:cube", order = 11)
public class SpecsView extends VerticalLayout implements BeforeEnterObserver {

    private final ClusterService cluster;
    private final String currency;
    private final Grid<AcceleratorSpec> grid = new Grid<>();
    private final GridQueryParameters<AcceleratorSpec> parameters = new GridQueryParameters<>(grid);
    private Map<Long, Capacity> capacity = Map.of();

    public SpecsView(ClusterService cluster, @Value("${gantry.currency}") String currency) {
        this.cluster = cluster;
        this.currency = currency;
        addClassName("gantry-page");
        setSizeFull();

        Button create = new Button(getTranslation("specs.create"), VaadinIcon.PLUS.create(),
                e -> new SpecEditor(cluster, currency, null, this::refresh).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-spec");

        grid.addColumn(AcceleratorSpec::name).setHeader(getTranslation("specs.name")).setKey("name")
                .setWidth("9em").setFlexGrow(1).setFrozen(true).setTooltipGenerator(AcceleratorSpec::name);
        grid.addColumn(s -> getTranslation("cluster.vendor." + s.vendor().name()))
                .setHeader(getTranslation("specs.vendor")).setKey("vendor").setWidth("4.5em").setFlexGrow(1);
        grid.addColumn(AcceleratorSpec::model).setHeader(getTranslation("specs.model")).setKey("model")
                .setWidth("5em").setFlexGrow(1).setTooltipGenerator(AcceleratorSpec::model);
        grid.addColumn(AcceleratorSpec::resourceName).setHeader(getTranslation("specs.resource-name"))
                .setKey("resourceName").setWidth("6em").setFlexGrow(1)
                .setTooltipGenerator(AcceleratorSpec::resourceName);
        grid.addColumn(s -> Formats.orDash(s.nodeSelector())).setHeader(getTranslation("specs.node-selector"))
                .setKey("nodeSelector").setWidth("4.5em").setFlexGrow(1)
                .setTooltipGenerator(s -> Formats.orDash(s.nodeSelector()));
        grid.addColumn(s -> AllowedCounts.format(s.allowedCounts())).setHeader(getTranslation("specs.allowed-counts"))
                .setKey("allowedCounts").setWidth("4.5em").setFlexGrow(1)
                .setTooltipGenerator(s -> AllowedCounts.format(s.allowedCounts()));
        grid.addColumn(AcceleratorSpec::topologyGroupSize).setHeader(getTranslation("specs.topology-group-size"))
                .setKey("topologyGroupSize").setWidth("4em").setFlexGrow(0);
        grid.addColumn(this::capacityOf).setHeader(getTranslation("specs.capacity")).setKey("capacity")
                .setWidth("4.5em").setFlexGrow(1).setTooltipGenerator(this::capacityOf);
        grid.addColumn(s -> Quantities.price(s.prices().perDeviceHour()))
                .setHeader(getTranslation("specs.price-device-hour", currency)).setKey("pricePerDeviceHour")
                .setWidth("4em").setFlexGrow(1);
        grid.addColumn(s -> Quantities.price(s.prices().perCoreHour()))
                .setHeader(getTranslation("specs.price-core-hour", currency)).setKey("pricePerCoreHour")
                .setWidth("4em").setFlexGrow(1);
        grid.addColumn(s -> Quantities.price(s.prices().perGibHour()))
                .setHeader(getTranslation("specs.price-gib-hour", currency)).setKey("pricePerGibHour")
                .setWidth("4em").setFlexGrow(1);
        grid.addColumn(s -> podLimits(s.podLimits())).setHeader(getTranslation("specs.pod-limits")).setKey("podLimits")
                .setWidth("7em").setFlexGrow(2).setTooltipGenerator(s -> podLimits(s.podLimits()));
        // The operations stay in view however narrow the screen: the other columns scroll under them.
        grid.addComponentColumn(this::actions).setHeader(getTranslation("common.operation")).setKey("actions")
                .setWidth("7.5em").setFlexGrow(0).setFrozenToEnd(true);
        // Sorted in the database, by the properties the repository allows: the columns' keys.
        Stream.of("name", "vendor", "model", "resourceName", "nodeSelector", "topologyGroupSize", "pricePerDeviceHour",
                "pricePerCoreHour", "pricePerGibHour").forEach(key -> grid.getColumnByKey(key).setSortProperty(key));
        grid.getColumnByKey("topologyGroupSize").setTooltipGenerator(s -> String.valueOf(s.topologyGroupSize()));
        grid.getColumnByKey("vendor").setTooltipGenerator(s -> getTranslation("cluster.vendor." + s.vendor().name()));
        grid.getColumnByKey("pricePerDeviceHour")
                .setTooltipGenerator(s -> Quantities.price(s.prices().perDeviceHour()));
        grid.getColumnByKey("pricePerCoreHour").setTooltipGenerator(s -> Quantities.price(s.prices().perCoreHour()));
        grid.getColumnByKey("pricePerGibHour").setTooltipGenerator(s -> Quantities.price(s.prices().perGibHour()));
        grid.getColumns().forEach(column -> column.setResizable(true));
        // Long headers and values wrap instead of pushing the operations off the screen.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("specs.empty"));
        grid.setId("specs");

        add(new H2(getTranslation("menu.admin.specs")), create);
        addAndExpand(grid);
        refresh();
    }

    private String capacityOf(AcceleratorSpec spec) {
        Capacity devices = capacity.get(spec.id());
        return devices == null ? "0" : getTranslation("specs.capacity.value", devices.devices(),
                devices.schedulableDevices());
    }

    static String podLimits(PodLimits limits) {
        return Ui.t("specs.pod-limits.value", limits.minCpu(), limits.maxCpu(),
                Formats.memory(limits.minMemoryMib()), Formats.memory(limits.maxMemoryMib()));
    }

    private HorizontalLayout actions(AcceleratorSpec spec) {
        Button edit = new Button(getTranslation("action.edit"),
                e -> new SpecEditor(cluster, currency, spec, this::refresh).open());
        edit.setId("edit-" + spec.name());
        Button flavors = new Button(getTranslation("specs.flavors"), e -> new FlavorsDialog(cluster, spec).open());
        flavors.setId("flavors-" + spec.name());
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(spec.name(), () -> {
            try {
                cluster.deleteSpec(spec.id());
                Ui.success("common.deleted", spec.name());
                refresh();
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("delete-" + spec.name());
        HorizontalLayout actions = new HorizontalLayout(edit, flavors, delete);
        // In a narrow column the operations go one under the other rather than out of sight.
        actions.setWrap(true);
        actions.getChildren().forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE));
        return actions;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private void refresh() {
        capacity = cluster.capacity();
        int count = cluster.specs().size();
        grid.setItems(q -> cluster.specs(GridQueryParameters.sorts(q)).stream().skip(q.getOffset())
                .limit(q.getLimit()), q -> count);
    }
}
