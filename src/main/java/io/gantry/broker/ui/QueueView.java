package io.gantry.broker.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.broker.BrokerService;
import io.gantry.broker.QueuedRequest;
import io.gantry.identity.AccountService;
import io.gantry.project.Project;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
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
public class QueueView extends VerticalLayout {

    private final Grid<QueuedRequest> grid = new Grid<>();
    private final Checkbox liveOnly = new Checkbox();
    private final Map<Long, String> usernames = new HashMap<>();

    public QueueView(BrokerService broker, ProjectService projects, AccountService accounts) {
        addClassName("gantry-page");
        setSizeFull();
        Map<Long, String> specs = broker.specNames();
        Map<Long, String> projectNames = projects.all().stream()
                .collect(Collectors.toMap(Project::id, Project::name));
        liveOnly.setLabel(getTranslation("broker.live-only"));
        liveOnly.setValue(true);
        liveOnly.setId("live-only");
        liveOnly.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.addColumn(QueuedRequest::id).setHeader("#").setAutoWidth(true);
        grid.addColumn(r -> projectNames.getOrDefault(r.projectId(), "#" + r.projectId()))
                .setHeader(getTranslation("project.name")).setAutoWidth(true);
        grid.addColumn(r -> usernames.getOrDefault(r.userId(), "#" + r.userId()))
                .setHeader(getTranslation("broker.user")).setAutoWidth(true);
        grid.addColumn(QueuedRequest::workload).setHeader(getTranslation("broker.workload")).setAutoWidth(true);
        grid.addColumn(r -> Explanations.shape(r, specs.getOrDefault(r.specId(), "?")))
                .setHeader(getTranslation("broker.request")).setAutoWidth(true);
        grid.addColumn(QueuedRequest::priority).setHeader(getTranslation("broker.priority")).setAutoWidth(true);
        grid.addColumn(r -> getTranslation(r.preemptible() ? "common.yes" : "common.no"))
                .setHeader(getTranslation("broker.preemptible")).setAutoWidth(true);
        grid.addComponentColumn(Explanations::status).setHeader(getTranslation("extension.status")).setAutoWidth(true);
        grid.addComponentColumn(r -> Explanations.cell(r, specs.getOrDefault(r.specId(), "?")))
                .setHeader(getTranslation("broker.why")).setWidth("20em").setFlexGrow(1);
        grid.addColumn(r -> Formats.dateTime(r.submittedAt())).setHeader(getTranslation("broker.submitted"))
                .setAutoWidth(true);
        // One lookup of the page's users, not one per row.
        grid.setItems(q -> {
            List<QueuedRequest> page = broker.queue(liveOnly.getValue(), q.getOffset(), q.getLimit());
            accounts.refs(page.stream().map(QueuedRequest::userId).distinct().toList())
                    .forEach(u -> usernames.put(u.id(), u.username()));
            return page.stream();
        }, q -> broker.countQueue(liveOnly.getValue()));
        grid.setEmptyStateText(getTranslation("broker.queue.empty"));
        grid.setId("queue");
        add(new H2(getTranslation("menu.queue")), new Paragraph(getTranslation("broker.queue.intro")), liveOnly);
        addAndExpand(grid);
    }
}
