package io.gantry.cluster.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.NodeInfo;
import io.gantry.cluster.NodeTotals;
import io.gantry.runtime.Isolation;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machines that run workloads (Apulis 3.10): what each has, whether it takes new work, and whether it is real (the
 * machine Gantry runs on) or simulated (bookkeeping only). Cordoning keeps running work but gives a node no new work.
 */
@Route("admin/nodes")
@RolesAllowed(Permission.Names.CLUSTER_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.admin.nodes", icon = "vaadin:server", order = 10)
public class NodesView extends VerticalLayout implements BeforeEnterObserver {

    private final ClusterService cluster;
    private final Isolation isolation;
    private final Grid<NodeInfo> grid = new Grid<>();
    private final GridQueryParameters<NodeInfo> parameters = new GridQueryParameters<>(grid);
    private final Span summary = new Span();

    public NodesView(ClusterService cluster, WorkloadRuntime runtime) {
        this.cluster = cluster;
        this.isolation = runtime.isolation();
        // Where the inventory comes from: this machine, or the cluster's API.
        String intro = runtime.sharedByReplicas() ? "nodes.intro.cluster" : "nodes.intro";
        addClassName("gantry-page");
        setSizeFull();

        grid.addColumn(NodeInfo::name).setHeader(getTranslation("nodes.name")).setKey("name").setAutoWidth(true)
                .setFrozen(true);
        grid.addComponentColumn(this::kind).setHeader(getTranslation("nodes.kind")).setKey("kind")
                .setAutoWidth(true);
        grid.addComponentColumn(this::isolation).setHeader(getTranslation("nodes.isolation")).setKey("isolation")
                .setAutoWidth(true);
        grid.addColumn(n -> Formats.address(n.address())).setHeader(getTranslation("nodes.address")).setKey("address")
                .setAutoWidth(true);
        grid.addColumn(n -> n.specName() == null ? getTranslation("nodes.cpu-only") : n.specName())
                .setHeader(getTranslation("nodes.spec")).setKey("spec").setAutoWidth(true);
        grid.addColumn(NodeInfo::deviceCount).setHeader(getTranslation("nodes.devices")).setKey("devices")
                .setAutoWidth(true);
        grid.addColumn(NodeInfo::cpuCores).setHeader(getTranslation("nodes.cpu")).setKey("cpu").setAutoWidth(true);
        grid.addColumn(n -> Formats.memory(n.memoryMib())).setHeader(getTranslation("nodes.memory")).setKey("memory")
                .setAutoWidth(true);
        grid.addComponentColumn(this::state).setHeader(getTranslation("nodes.schedulable")).setKey("state")
                .setAutoWidth(true);
        grid.addColumn(n -> Formats.orDash(n.labels())).setHeader(getTranslation("nodes.labels")).setKey("labels")
                .setFlexGrow(1);
        grid.addComponentColumn(this::cordonButton).setHeader(getTranslation("common.operation")).setKey("actions")
                .setAutoWidth(true);
        // Sorted in the database, by the properties the repository allows: the columns' keys.
        Stream.of("name", "kind", "address", "spec", "devices", "cpu", "memory", "state", "labels")
                .forEach(key -> grid.getColumnByKey(key).setSortProperty(key));
        grid.getColumnByKey("labels").setTooltipGenerator(n -> Formats.orDash(n.labels()));
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("nodes.empty"));
        grid.setId("nodes");
        summary.setId("nodes-summary");

        add(new H2(getTranslation("menu.admin.nodes")), new Paragraph(getTranslation(intro)), summary);
        addAndExpand(grid);
        refresh();
    }

    private Span kind(NodeInfo node) {
        Span badge = new Span(getTranslation(node.simulated() ? "nodes.kind.simulated" : "nodes.kind.real"));
        badge.getElement().getThemeList().add(node.simulated() ? "badge contrast" : "badge success");
        badge.getElement().setAttribute("title",
                getTranslation(node.simulated() ? "nodes.kind.simulated.help" : "nodes.kind.real.help"));
        badge.addClassName("node-kind");
        return badge;
    }

    /** Whether workloads on this machine are kept from Gantry and from each other; simulated nodes run nothing. */
    private Span isolation(NodeInfo node) {
        if (node.simulated()) {
            return new Span(Formats.orDash(null));
        }
        boolean isolated = isolation.isolated();
        Span badge = new Span(isolated ? getTranslation("nodes.isolation.yes", isolation.mechanism())
                : getTranslation("nodes.isolation.no"));
        badge.getElement().getThemeList().add(isolated ? "badge success" : "badge error");
        badge.getElement().setAttribute("title", isolated ? getTranslation("nodes.isolation.yes.help")
                : getTranslation("nodes.isolation.no.help", Formats.orDash(isolation.problem())));
        badge.addClassName("node-isolation");
        return badge;
    }

    private Span state(NodeInfo node) {
        Span badge = new Span(getTranslation(node.schedulable() ? "nodes.state.schedulable" : "nodes.state.cordoned"));
        badge.getElement().getThemeList().add(node.schedulable() ? "badge success" : "badge error");
        return badge;
    }

    private Button cordonButton(NodeInfo node) {
        boolean cordon = node.schedulable();
        Button button = new Button(getTranslation(cordon ? "nodes.cordon" : "nodes.uncordon"), e -> {
            try {
                cluster.setSchedulable(node.id(), !cordon);
                Ui.success(cordon ? "nodes.cordoned" : "nodes.uncordoned", node.name());
            } catch (UserFacingException problem) {
                Ui.refused(problem);
            }
            refresh();
        });
        button.setTooltipText(getTranslation(cordon ? "nodes.cordon.help" : "nodes.uncordon.help"));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        if (cordon) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return button;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private void refresh() {
        // A page at a time, sorted by the database; the summary is summed there too, never over loaded rows.
        NodeTotals totals = cluster.nodeTotals();
        grid.setItems(q -> cluster.nodes(GridQueryParameters.sorts(q), q.getOffset(), q.getLimit()).stream(),
                q -> cluster.nodeTotals().nodes());
        summary.setText(getTranslation("nodes.summary", totals.nodes(), totals.devices(), totals.schedulableDevices()));
    }
}
