package io.gantry.broker.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.broker.BrokerService;
import io.gantry.broker.QueueFilter;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestStatus;
import io.gantry.identity.AccountService;
import io.gantry.project.Project;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.WorkloadPages;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The broker's queue for platform admins: every request in order, with where it runs or why it waits. */
@Route("admin/queue")
@RolesAllowed(Permission.Names.CLUSTER_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.queue", icon = "vaadin:list-ol", order = 13)
public class QueueView extends VerticalLayout implements BeforeEnterObserver {

    private final Grid<QueuedRequest> grid = new Grid<>();
    private final Checkbox liveOnly = new Checkbox();
    private final Map<Long, String> usernames = new HashMap<>();
    private final Map<String, String> workloadPages = new HashMap<>();
    private final ComboBox<RequestStatus> status = new ComboBox<>();
    private final ComboBox<Project> project = new ComboBox<>();
    private final GridQueryParameters<QueuedRequest> parameters = new GridQueryParameters<>(grid);

    public QueueView(BrokerService broker, ProjectService projects, AccountService accounts, WorkloadPages pages) {
        addClassName("gantry-page");
        setSizeFull();
        Map<Long, String> specs = broker.specNames();
        Map<Long, String> projectNames = projects.all().stream()
                .collect(Collectors.toMap(Project::id, Project::name));
        liveOnly.setLabel(getTranslation("broker.live-only"));
        liveOnly.setValue(true);
        liveOnly.setId("live-only");
        liveOnly.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Explanations.statusFilter(status, () -> grid.getDataProvider().refreshAll());
        List<Project> allProjects = projects.all();
        project.setPlaceholder(getTranslation("project.name"));
        project.setItems(allProjects);
        project.setItemLabelGenerator(Project::name);
        project.setClearButtonVisible(true);
        project.setId("project-filter");
        project.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        parameters.bind("live", liveOnly, Boolean::parseBoolean, String::valueOf)
                .choice("status", status, RequestStatus.class)
                .bind("project", project, id -> allProjects.stream().filter(p -> p.id() == Long.parseLong(id))
                        .findFirst().orElse(null), p -> String.valueOf(p.id()));

        grid.addColumn(QueuedRequest::id).setHeader("#").setAutoWidth(true).setSortProperty("id");
        grid.addColumn(r -> projectNames.getOrDefault(r.projectId(), "#" + r.projectId()))
                .setHeader(getTranslation("project.name")).setAutoWidth(true);
        grid.addColumn(r -> usernames.getOrDefault(r.userId(), "#" + r.userId()))
                .setHeader(getTranslation("broker.user")).setAutoWidth(true);
        grid.addComponentColumn(r -> Explanations.workload(r, workloadPages))
                .setHeader(getTranslation("broker.workload")).setAutoWidth(true).setSortProperty("workload").setTooltipGenerator(QueuedRequest::workload);
        grid.addColumn(r -> Explanations.shape(r, specs.getOrDefault(r.specId(), "?")))
                .setHeader(getTranslation("broker.request")).setAutoWidth(true);
        grid.addColumn(QueuedRequest::priority).setHeader(getTranslation("broker.priority")).setAutoWidth(true)
                .setSortProperty("priority");
        grid.addColumn(r -> getTranslation(r.preemptible() ? "common.yes" : "common.no"))
                .setHeader(getTranslation("broker.preemptible")).setAutoWidth(true).setSortProperty("preemptible");
        grid.addComponentColumn(Explanations::status).setHeader(getTranslation("extension.status")).setAutoWidth(true)
                .setSortProperty("status");
        grid.addComponentColumn(r -> Explanations.cell(r, specs.getOrDefault(r.specId(), "?")))
                .setHeader(getTranslation("broker.why")).setWidth("20em").setFlexGrow(1);
        grid.addColumn(r -> Formats.dateTime(r.submittedAt())).setHeader(getTranslation("broker.submitted"))
                .setAutoWidth(true).setSortProperty("submitted");
        grid.getColumns().forEach(column -> column.setResizable(true));
        // One lookup of the page's users and one of its workloads' pages, not one per row.
        grid.setItems(q -> {
            List<QueuedRequest> page = broker.queue(filter(), GridQueryParameters.sorts(q), q.getOffset(),
                    q.getLimit());
            accounts.refs(page.stream().map(QueuedRequest::userId).distinct().toList())
                    .forEach(u -> usernames.put(u.id(), u.username()));
            workloadPages.putAll(pages.pages(page.stream().map(QueuedRequest::workload).distinct().toList()));
            return page.stream();
        }, q -> broker.countQueue(filter()));
        grid.setEmptyStateText(getTranslation("broker.queue.empty"));
        grid.setId("queue");
        HorizontalLayout filters = new HorizontalLayout(liveOnly, status, project);
        filters.setAlignItems(Alignment.BASELINE);
        filters.setWrap(true);
        add(new H2(getTranslation("menu.queue")), new Paragraph(getTranslation("broker.queue.intro")), filters);
        addAndExpand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private QueueFilter filter() {
        return new QueueFilter(liveOnly.getValue(), status.getValue(),
                project.getValue() == null ? null : project.getValue().id());
    }
}
