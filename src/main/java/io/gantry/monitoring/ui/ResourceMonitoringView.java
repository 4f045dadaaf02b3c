package io.gantry.monitoring.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.Route;
import io.gantry.monitoring.ClusterUsage;
import io.gantry.monitoring.NodeUsage;
import io.gantry.monitoring.ResourceUsageService;
import io.gantry.project.ProjectOverview;
import io.gantry.project.QuotaUse;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Bars;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shell.UserRefresh;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/**
 * Resource monitoring (Apulis 3.9): "project device usage" and "cluster device usage", each as bars and a table,
 * reloaded at the user's data refresh interval.
 */
@Route("monitoring")
@RolesAllowed(Permission.Names.MONITORING_VIEW)
@MenuItem(group = MenuGroup.MONITORING, title = "menu.monitoring", icon = "vaadin:chart-3d", order = 1)
public class ResourceMonitoringView extends VerticalLayout {

    /** One row of the project table: a project's quota line. */
    record ProjectLine(String project, String spec, int granted, int used, int free) {
    }

    /** How many projects and nodes the page draws at first (and projects more each time it is asked to). */
    static final int PAGE = 48;

    private final ResourceUsageService usage;
    private final Div projectBars = new Div();
    private final Grid<ProjectLine> projectGrid = new Grid<>();
    private final Div nodeBars = new Div();
    private final Grid<NodeUsage> nodeGrid = new Grid<>();
    private final Span clusterTotals = new Span();
    private final Button moreProjects = new Button();
    private final List<ProjectLine> projectLines = new ArrayList<>();
    private int shownProjects;

    public ResourceMonitoringView(ResourceUsageService usage) {
        this.usage = usage;
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.monitoring")));

        projectGrid.addColumn(ProjectLine::project).setHeader(getTranslation("project.name")).setAutoWidth(true);
        projectGrid.addColumn(ProjectLine::spec).setHeader(getTranslation("monitoring.spec")).setAutoWidth(true);
        projectGrid.addColumn(ProjectLine::granted).setHeader(getTranslation("monitoring.granted"));
        projectGrid.addColumn(ProjectLine::used).setHeader(getTranslation("monitoring.used"));
        projectGrid.addColumn(ProjectLine::free).setHeader(getTranslation("monitoring.free"));
        projectGrid.setAllRowsVisible(true);
        projectGrid.setEmptyStateText(getTranslation("monitoring.projects.empty"));
        projectGrid.setId("project-usage");

        nodeGrid.addColumn(n -> n.node().name()).setHeader(getTranslation("monitoring.node")).setAutoWidth(true);
        nodeGrid.addComponentColumn(n -> {
            Span kind = new Span(getTranslation(n.node().simulated() ? "node.simulated" : "node.real"));
            kind.getElement().setAttribute("theme", n.node().simulated() ? "badge contrast" : "badge success");
            return kind;
        }).setHeader(getTranslation("monitoring.kind")).setAutoWidth(true);
        nodeGrid.addColumn(n -> n.node().specName() == null ? "-" : n.node().specName())
                .setHeader(getTranslation("monitoring.spec")).setAutoWidth(true);
        nodeGrid.addColumn(NodeUsage::devicesInUse).setHeader(getTranslation("monitoring.devices-used"));
        nodeGrid.addColumn(NodeUsage::devicesFree).setHeader(getTranslation("monitoring.devices-free"));
        nodeGrid.addColumn(n -> n.cpuLoad() == null ? getTranslation("monitoring.cores", n.node().cpuCores())
                        : getTranslation("monitoring.cpu-load", Math.round(n.cpuLoad() * 100), n.node().cpuCores()))
                .setHeader(getTranslation("monitoring.cpu")).setAutoWidth(true);
        nodeGrid.addColumn(n -> n.memoryUsedMib() == null
                        ? Formats.memory(n.node().memoryMib())
                        : getTranslation("monitoring.memory-used", Formats.memory(n.memoryUsedMib()),
                                Formats.memory(n.node().memoryMib())))
                .setHeader(getTranslation("monitoring.memory")).setAutoWidth(true);
        nodeGrid.setItems(q -> usage.nodeUsage(q.getOffset(), q.getLimit()).stream(),
                q -> usage.clusterUsage().nodes());
        nodeGrid.setHeight("32em");
        nodeGrid.setId("node-usage");
        clusterTotals.setId("cluster-totals");
        moreProjects.setId("more-projects");
        moreProjects.addClickListener(e -> {
            showProjects(usage.projectUsage(shownProjects, PAGE));
            int projects = usage.countProjects();
            moreProjects.setVisible(projects > shownProjects);
            moreProjects.setText(getTranslation("monitoring.projects.more", shownProjects, projects));
        });

        TabSheet tabs = new TabSheet();
        tabs.add(getTranslation("monitoring.projects"), new VerticalLayout(projectBars, projectGrid, moreProjects));
        tabs.add(getTranslation("monitoring.cluster"), new VerticalLayout(clusterTotals, nodeBars, nodeGrid));
        tabs.setWidthFull();
        add(tabs);
        refresh();
        UserRefresh.every(this, this::refresh);
    }

    private void refresh() {
        projectBars.removeAll();
        projectLines.clear();
        projectBars.addClassName("gantry-cards");
        showProjects(usage.projectUsage(0, PAGE));
        int projects = usage.countProjects();
        moreProjects.setVisible(projects > shownProjects);
        moreProjects.setText(getTranslation("monitoring.projects.more", shownProjects, projects));

        // Summed by the database; the table below reads a page of nodes at a time, and the bars are the first page's.
        ClusterUsage cluster = usage.clusterUsage();
        clusterTotals.setText(getTranslation("monitoring.cluster.totals", cluster.nodes(), cluster.devices(),
                cluster.devicesInUse(), cluster.devicesFree()));
        nodeBars.removeAll();
        for (NodeUsage node : usage.nodeUsage(0, PAGE)) {
            if (node.node().deviceCount() > 0) {
                nodeBars.add(Bars.devices(node.node().name() + (node.node().simulated()
                        ? " (" + getTranslation("node.simulated") + ")" : ""), node.devicesInUse(),
                        node.node().deviceCount()));
            }
        }
        nodeGrid.getDataProvider().refreshAll();
    }

    private void showProjects(List<ProjectOverview> page) {
        for (ProjectOverview project : page) {
            Div card = new Div(new H3(project.project().name()));
            card.addClassName("gantry-card");
            for (QuotaUse quota : project.quotas()) {
                card.add(Bars.devices(quota.specName(), quota.used(), quota.granted()));
                projectLines.add(new ProjectLine(project.project().name(), quota.specName(), quota.granted(),
                        quota.used(), quota.free()));
            }
            projectBars.add(card);
        }
        shownProjects = projectBars.getComponentCount();
        projectGrid.setItems(projectLines);
    }

}
