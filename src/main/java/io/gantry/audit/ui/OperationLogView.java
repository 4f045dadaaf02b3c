package io.gantry.audit.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.TextRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.OperationLogQuery;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The operation log (AI-Stack 八.2): time, IP, action and details of every operation, newest first, with a time
 * range and a search. Users see their own lines; holders of AUDIT_VIEW_ALL see everyone's.
 */
@Route("account/operation-log")
@PermitAll
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.operation-log", icon = "vaadin:records", order = 3)
public class OperationLogView extends VerticalLayout implements BeforeEnterObserver {

    private final OperationLog operationLog;
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final TextField search = new TextField();
    private final Grid<OperationLogEntry> grid = new Grid<>();
    private final GridQueryParameters<OperationLogEntry> parameters = new GridQueryParameters<>(grid);

    public OperationLogView(OperationLog operationLog) {
        this.operationLog = operationLog;
        addClassName("gantry-page");
        setSizeFull();
        add(new H2(getTranslation("menu.operation-log")));

        from.setLabel(getTranslation("oplog.from"));
        from.setId("from");
        to.setLabel(getTranslation("oplog.to"));
        to.setId("to");
        search.setLabel(getTranslation("common.search"));
        search.setPlaceholder(getTranslation("oplog.search.placeholder"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setId("search");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        search.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(from, to, search);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> Formats.dateTime(e.at())).setHeader(getTranslation("oplog.time")).setAutoWidth(true)
                .setSortProperty("time");
        if (operationLog.seesEveryone()) {
            grid.addColumn(OperationLogEntry::username).setHeader(getTranslation("oplog.user")).setAutoWidth(true)
                    .setSortProperty("user").setTooltipGenerator(OperationLogEntry::username);
        }
        grid.addColumn(e -> Formats.address(e.sourceIp())).setHeader(getTranslation("oplog.ip")).setAutoWidth(true)
                .setSortProperty("ip");
        grid.addColumn(e -> action(e.action())).setHeader(getTranslation("oplog.action")).setAutoWidth(true)
                .setSortProperty("action").setTooltipGenerator(e -> action(e.action()));
        grid.addColumn(e -> OperationLogText.target(e.target())).setHeader(getTranslation("oplog.target"))
                .setAutoWidth(true).setSortProperty("target").setTooltipGenerator(e -> OperationLogText.target(e.target()));
        // A long line is cut in its cell: its whole text shows in a tooltip and, on a click, in the row's details.
        grid.addColumn(OperationLogText::details).setHeader(getTranslation("oplog.details")).setFlexGrow(1)
                .setTooltipGenerator(OperationLogText::details).setKey("details");
        grid.setItemDetailsRenderer(new TextRenderer<>(OperationLogText::details));
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("oplog.empty"));
        grid.setId("operation-log");
        parameters.dateTime("from", from).dateTime("to", to).text("q", search);
        refresh();
        add(filters);
        addAndExpand(grid);
    }

    private void refresh() {
        OperationLogQuery query = new OperationLogQuery(instant(from.getValue()), instant(to.getValue()),
                search.getValue());
        grid.setItems(q -> operationLog.find(query, GridQueryParameters.sorts(q), q.getOffset(), q.getLimit())
                        .stream(),
                q -> operationLog.count(query));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private String action(String action) {
        String translated = getTranslation("oplog.action." + action);
        return translated.startsWith("!") ? action : translated;
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(Formats.zone()).toInstant();
    }
}
