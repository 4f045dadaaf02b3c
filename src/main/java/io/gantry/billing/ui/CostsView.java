package io.gantry.billing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.gantry.billing.CostDimension;
import io.gantry.billing.CostPeriod;
import io.gantry.billing.CostQuery;
import io.gantry.billing.CostReport;
import io.gantry.billing.CostService;
import io.gantry.billing.money.Money;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Chart;
import io.gantry.shared.ui.ChartModel;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost analysis (AI-Stack 八.6): the spending of a chosen range by week, month or year, split by service type, spec,
 * member or (for platform admins) project, as a stacked bar chart with the table it is drawn from below it, the
 * totals, and the table as a CSV file.
 */
@Route("account/costs")
@RolesAllowed(Permission.Names.BILLING_VIEW)
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.costs", icon = "vaadin:chart", order = 7)
public class CostsView extends VerticalLayout {

    /** The chart draws the largest groups each in its own colour and the rest together, so that it stays legible. */
    static final int CHART_GROUPS = 8;

    private final CostService costs;
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final RadioButtonGroup<CostPeriod> period = new RadioButtonGroup<>();
    private final Select<CostDimension> dimension = new Select<>();
    private final Chart chart = new Chart();
    private final Grid<CostReport.Cell> table = new Grid<>();
    private final Span total = new Span();
    private final Paragraph empty = new Paragraph();
    private final Anchor csv;
    private final Button csvButton = new Button();
    private final FormFields fields = new FormFields();
    private CostReport report;

    public CostsView(CostService costs) {
        this.costs = costs;
        addClassName("gantry-page");
        setWidthFull();

        LocalDate today = costs.today();
        from.setLabel(getTranslation("cost.from"));
        from.setId("costs-from");
        from.setValue(CostPeriod.MONTH.start(today).minusMonths(11));
        to.setLabel(getTranslation("cost.to"));
        to.setId("costs-to");
        to.setValue(today);
        period.setLabel(getTranslation("cost.period"));
        period.setId("costs-period");
        period.setItems(CostPeriod.values());
        period.setItemLabelGenerator(p -> getTranslation("cost.period." + p.name()));
        period.addThemeVariants(RadioGroupVariant.LUMO_HELPER_ABOVE_FIELD);
        period.setValue(CostPeriod.MONTH);
        dimension.setLabel(getTranslation("cost.dimension"));
        dimension.setId("costs-dimension");
        dimension.setItems(costs.dimensions());
        dimension.setItemLabelGenerator(d -> getTranslation("cost.dimension." + d.name()));
        dimension.setValue(CostDimension.SERVICE_TYPE);
        fields.with("from", from).with("to", to);

        DownloadHandler download = event -> {
            byte[] bytes = csv();
            event.setFileName(fileName());
            event.setContentType("text/csv; charset=UTF-8");
            event.setContentLength(bytes.length);
            try (var out = event.getOutputStream()) {
                out.write(bytes);
            }
        };
        csv = new Anchor(download, AttachmentType.DOWNLOAD, "");
        csv.setId("costs-csv");
        csvButton.setText(getTranslation("cost.csv"));
        csvButton.setIcon(VaadinIcon.DOWNLOAD.create());
        csvButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        csvButton.setTabIndex(-1);
        csv.add(csvButton);

        HorizontalLayout filters = new HorizontalLayout(from, to, period, dimension, csv);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        chart.setId("costs-chart");
        total.setId("costs-total");
        total.addClassName("gantry-costs-total");
        empty.setId("costs-empty");
        empty.setText(getTranslation("cost.empty"));

        table.setId("costs-table");
        table.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        table.setAllRowsVisible(true);
        table.setEmptyStateText(getTranslation("cost.empty"));

        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        period.addValueChangeListener(e -> refresh());
        dimension.addValueChangeListener(e -> refresh());

        add(new H2(getTranslation("menu.costs")), filters, total, empty, chart, table);
        refresh();
    }

    /** Asks for the analysis the fields describe and shows it; a refused range shows on its field and keeps the rest. */
    private void refresh() {
        Ui.clearInvalid(from, to);
        try {
            report = costs.analyse(new CostQuery(from.getValue(), to.getValue(), period.getValue(),
                    dimension.getValue()));
        } catch (UserFacingException refused) {
            fields.show(refused);
            return;
        }
        show(report);
    }

    private void show(CostReport report) {
        total.setText(getTranslation("cost.total", money(report.total())));
        empty.setVisible(report.isEmpty());
        chart.setVisible(!report.isEmpty());
        csv.setEnabled(!report.isEmpty());
        csvButton.setEnabled(!report.isEmpty());
        chart.setModel(chartModel(report));
        table.removeAllColumns();
        table.addColumn(c -> report.query().period().label(c.period())).setHeader(getTranslation("cost.period"))
                .setAutoWidth(true).setFlexGrow(0)
                .setFooter(getTranslation("cost.total.label"));
        Map<String, String> names = groupNames(report);
        table.addColumn(c -> names.get(c.group())).setHeader(dimensionHeader(report.query().dimension()))
                .setFlexGrow(1);
        table.addColumn(c -> money(c.amount())).setHeader(getTranslation("cost.amount", report.total().currency()
                        .getCurrencyCode())).setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END)
                .setAutoWidth(true).setFlexGrow(0).setFooter(money(report.total()));
        table.setItems(report.cells());
    }

    /** The stacked bars: a bar per period, a colour per group; past the largest groups, the rest as one. */
    ChartModel chartModel(CostReport report) {
        List<String> categories = report.periods().stream().map(report.query().period()::label).toList();
        Map<String, String> names = groupNames(report);
        List<CostReport.Group> shown = report.groups().stream().limit(CHART_GROUPS).toList();
        boolean others = report.groups().size() > CHART_GROUPS;
        Map<String, Integer> seriesOf = new HashMap<>();
        shown.forEach(g -> seriesOf.put(g.key(), seriesOf.size()));
        int seriesCount = shown.size() + (others ? 1 : 0);
        List<BigDecimal[]> values = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            values.add(new BigDecimal[categories.size()]);
        }
        Map<LocalDate, Integer> column = new HashMap<>();
        report.periods().forEach(p -> column.put(p, column.size()));
        for (CostReport.Cell cell : report.cells()) {
            int series = seriesOf.getOrDefault(cell.group(), shown.size());
            int at = column.get(cell.period());
            BigDecimal before = values.get(series)[at];
            values.get(series)[at] = before == null ? cell.amount().amount() : before.add(cell.amount().amount());
        }
        List<ChartModel.Series> series = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            String name = s < shown.size() ? names.get(shown.get(s).key()) : getTranslation("cost.others");
            series.add(new ChartModel.Series(name, java.util.Arrays.asList(values.get(s))));
        }
        return ChartModel.overCategories(ChartModel.Kind.STACKED_BAR, categories, series,
                report.total().currency().getCurrencyCode(), report.total().currency().getDefaultFractionDigits());
    }

    /** The table as the CSV file offers it: the same rows, plain numbers, and the total last. */
    byte[] csv() {
        CostReport shown = report;
        Map<String, String> names = groupNames(shown);
        List<List<String>> rows = new ArrayList<>();
        for (CostReport.Cell cell : shown.cells()) {
            rows.add(List.of(shown.query().period().label(cell.period()), names.get(cell.group()),
                    cell.amount().amount().toPlainString()));
        }
        rows.add(List.of(getTranslation("cost.total.label"), "", shown.total().amount().toPlainString()));
        return CostCsv.write(List.of(getTranslation("cost.period"), dimensionHeader(shown.query().dimension()),
                getTranslation("cost.amount", shown.total().currency().getCurrencyCode())), rows);
    }

    String fileName() {
        CostQuery query = report.query();
        return "costs-%s-%s-%s-%s.csv".formatted(query.from(), query.to(), query.period().name().toLowerCase(),
                query.dimension().name().toLowerCase().replace('_', '-'));
    }

    /** Each group as the reader knows it: a service type in their language, other names as stored. */
    private Map<String, String> groupNames(CostReport report) {
        Map<String, String> names = new HashMap<>();
        for (CostReport.Group group : report.groups()) {
            String name;
            if (group.key().isEmpty()) {
                name = getTranslation("cost.unknown");
            } else if (report.query().dimension() == CostDimension.SERVICE_TYPE) {
                name = getTranslation("cost.service-type." + group.key());
            } else {
                name = group.name().isEmpty() ? "#" + group.key() : group.name();
            }
            names.put(group.key(), name);
        }
        return names;
    }

    private String dimensionHeader(CostDimension dimension) {
        return getTranslation("cost.dimension." + dimension.name());
    }

    private static String money(Money money) {
        return Formats.money(money.amount(), money.currency());
    }
}
