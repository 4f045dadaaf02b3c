package io.gantry.broker.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.broker.BrokerService;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestStatus;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.WorkloadPages;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The user's own device requests: where each runs, or why it waits and behind what. */
@Route("requests")
@PermitAll
@MenuItem(group = MenuGroup.MONITORING, title = "menu.my-requests", icon = "vaadin:hourglass", order = 2)
public class MyRequestsView extends VerticalLayout implements BeforeEnterObserver {

    private final Grid<QueuedRequest> grid = new Grid<>();
    private final ComboBox<RequestStatus> status = new ComboBox<>();
    private final GridQueryParameters<QueuedRequest> parameters = new GridQueryParameters<>(grid);

    public MyRequestsView(BrokerService broker, WorkloadPages pages) {
        addClassName("gantry-page");
        setSizeFull();
        Map<Long, String> specs = broker.specNames();
        Explanations.statusFilter(status, () -> grid.getDataProvider().refreshAll());
        parameters.choice("status", status, RequestStatus.class);
        grid.addColumn(QueuedRequest::id).setHeader("#").setAutoWidth(true).setSortProperty("id");
        Map<String, String> workloadPages = new HashMap<>();
        grid.addComponentColumn(r -> Explanations.workload(r, workloadPages))
                .setHeader(getTranslation("broker.workload")).setAutoWidth(true).setSortProperty("workload").setTooltipGenerator(QueuedRequest::workload);
        grid.addColumn(r -> Explanations.shape(r, specs.getOrDefault(r.specId(), "?")))
                .setHeader(getTranslation("broker.request")).setAutoWidth(true);
        grid.addComponentColumn(Explanations::status).setHeader(getTranslation("extension.status")).setAutoWidth(true)
                .setSortProperty("status");
        grid.addComponentColumn(r -> Explanations.cell(r, specs.getOrDefault(r.specId(), "?")))
                .setHeader(getTranslation("broker.why")).setWidth("20em").setFlexGrow(1);
        grid.addColumn(r -> Formats.dateTime(r.submittedAt())).setHeader(getTranslation("broker.submitted"))
                .setAutoWidth(true).setSortProperty("submitted");
        grid.addComponentColumn(r -> {
            if (r.status() == RequestStatus.PLACED) {
                // Held by running work: its devices come back when that work stops, not from here.
                Span held = new Span(getTranslation("broker.held", r.workload()));
                held.setId("held-" + r.id());
                return held;
            }
            Button cancel = new Button(getTranslation("broker.cancel.action"), e -> Confirm.action(
                    getTranslation("broker.cancel.title", r.id()),
                    getTranslation("broker.cancel.text", r.id(), r.workload()),
                    getTranslation("broker.cancel.action"), () -> {
                        try {
                            broker.cancel(r.id());
                        } catch (UserFacingException refused) {
                            Ui.refused(refused);
                        }
                        grid.getDataProvider().refreshAll();
                    }));
            cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            cancel.setId("cancel-" + r.id());
            cancel.setVisible(Explanations.live(r));
            return cancel;
        }).setHeader(getTranslation("common.operation")).setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.setItems(q -> {
            List<QueuedRequest> page = broker.mine(status.getValue(), GridQueryParameters.sorts(q), q.getOffset(),
                    q.getLimit());
            workloadPages.putAll(pages.pages(page.stream().map(QueuedRequest::workload).distinct().toList()));
            return page.stream();
        }, q -> broker.countMine(status.getValue()));
        grid.setEmptyStateText(getTranslation("broker.mine.empty"));
        grid.setId("my-requests");
        add(new H2(getTranslation("menu.my-requests")), new Paragraph(getTranslation("broker.mine.intro")), status);
        addAndExpand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }
}
