package io.gantry.container.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.container.RentalService;
import io.gantry.container.RentalService.RentalOverview;
import io.gantry.container.RentalWeek;
import io.gantry.project.Project;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Chart;
import io.gantry.shared.ui.ChartModel;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The device rental overview (AI-Stack 五.4): devices rented per hour and spec over the last seven days as stacked
 * bars, the peak hours shaded in the error colour and the quiet ones in the success colour, and the same hours as a
 * table.
 * Admins choose a project or all of them; managers one of the projects they manage.
 */
@Route("containers/rental")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
@MenuItem(group = MenuGroup.DEVELOPMENT, title = "menu.rental", icon = "vaadin:chart-timeline", order = 3)
public class RentalView extends VerticalLayout {

    /** What the page shows: one project, or all of them together (a null project). */
    record Scope(Long projectId, String label) {
    }

    private final RentalService rentals;
    private final ComboBox<Scope> scope = new ComboBox<>();
    private final Paragraph window = new Paragraph();
    private final Paragraph empty = new Paragraph();
    private final Span busiest = new Span();
    private final Chart chart = new Chart();
    private final Grid<Integer> table = new Grid<>();

    public RentalView(RentalService rentals) {
        this.rentals = rentals;
        addClassName("gantry-page");
        setWidthFull();
        add(new H2(getTranslation("menu.rental")));
        List<Scope> choices = new ArrayList<>();
        if (rentals.seesAllProjects()) {
            choices.add(new Scope(null, getTranslation("rental.all-projects")));
        }
        for (Project project : rentals.projects()) {
            choices.add(new Scope(project.id(), project.name()));
        }
        if (choices.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("rental.managers-only"));
            none.setId("rental-none");
            add(none);
            return;
        }
        scope.setLabel(getTranslation("rental.scope"));
        scope.setItems(choices);
        scope.setItemLabelGenerator(Scope::label);
        scope.setId("rental-scope");
        scope.setValue(choices.getFirst());
        scope.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show(e.getValue());
            }
        });
        window.setId("rental-window");
        empty.setText(getTranslation("rental.empty"));
        empty.setId("rental-empty");
        busiest.setId("rental-busiest");
        chart.setId("rental-chart");
        table.setId("rental-table");
        table.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        table.setHeight("30em");
        Paragraph legend = new Paragraph(getTranslation("rental.legend", percent(RentalWeek.PEAK_SHARE),
                percent(RentalWeek.QUIET_SHARE)));
        legend.setId("rental-legend");
        add(scope, window, busiest, empty, chart, legend, table);
        show(choices.getFirst());
    }

    private void show(Scope chosen) {
        RentalOverview overview;
        try {
            overview = rentals.overview(chosen.projectId());
        } catch (UserFacingException refused) {
            Ui.refused(refused);
            return;
        }
        RentalWeek week = overview.week();
        window.setText(getTranslation("rental.window", Formats.dateTime(overview.from()),
                Formats.dateTime(overview.to())));
        empty.setVisible(week.isEmpty());
        chart.setVisible(!week.isEmpty());
        busiest.setVisible(!week.isEmpty());
        busiest.setText(getTranslation("rental.busiest", devices(week.busiest())));
        chart.setModel(chartModel(overview));
        table.removeAllColumns();
        DateTimeFormatter hour = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(Formats.locale()).withZone(Formats.zone());
        table.addColumn(i -> hour.format(week.hours().get(i))).setHeader(getTranslation("rental.hour"))
                .setAutoWidth(true).setFlexGrow(0);
        for (Map.Entry<Long, String> spec : overview.specNames().entrySet()) {
            List<BigDecimal> values = week.perSpec().get(spec.getKey());
            table.addColumn(i -> devices(values.get(i))).setHeader(spec.getValue())
                    .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        }
        table.addColumn(i -> devices(week.totals().get(i))).setHeader(getTranslation("rental.total"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        table.addComponentColumn(i -> mark(week.marks().get(i))).setHeader(getTranslation("rental.mark"))
                .setAutoWidth(true).setFlexGrow(0);
        // Newest first: the hours a user is most likely to compare with today.
        table.setItems(IntStream.range(0, week.hours().size()).map(i -> week.hours().size() - 1 - i).boxed()
                .toList());
        table.setPartNameGenerator(i -> switch (week.marks().get(i)) {
            case PEAK -> "rental-peak";
            case QUIET -> "rental-quiet";
            case NONE -> null;
        });
    }

    /** Stacked bars of each spec's devices per hour, the peak and quiet stretches marked behind them. */
    ChartModel chartModel(RentalOverview overview) {
        RentalWeek week = overview.week();
        List<ChartModel.Series> series = overview.specNames().entrySet().stream()
                .map(spec -> new ChartModel.Series(spec.getValue(), week.perSpec().get(spec.getKey()))).toList();
        List<ChartModel.Band> bands = new ArrayList<>();
        for (RentalWeek.Stretch stretch : week.stretches(RentalWeek.Mark.PEAK)) {
            bands.add(new ChartModel.Band(getTranslation("rental.mark.peak"), stretch.from(), stretch.to(),
                    ChartModel.Tone.HIGH));
        }
        for (RentalWeek.Stretch stretch : week.stretches(RentalWeek.Mark.QUIET)) {
            bands.add(new ChartModel.Band(getTranslation("rental.mark.quiet"), stretch.from(), stretch.to(),
                    ChartModel.Tone.LOW));
        }
        return ChartModel.overTime(ChartModel.Kind.STACKED_BAR, week.hours(), series,
                getTranslation("rental.unit"), 1).withBands(week.isEmpty() ? List.of() : bands);
    }

    private Span mark(RentalWeek.Mark mark) {
        Span badge = new Span();
        switch (mark) {
            case PEAK -> {
                badge.setText(getTranslation("rental.mark.peak"));
                badge.getElement().setAttribute("theme", "badge error");
            }
            case QUIET -> {
                badge.setText(getTranslation("rental.mark.quiet"));
                badge.getElement().setAttribute("theme", "badge success");
            }
            case NONE -> badge.setVisible(false);
        }
        return badge;
    }

    /** Devices with one decimal in the user's language: a device held half the hour counts 0.5. */
    private static String devices(BigDecimal value) {
        NumberFormat format = NumberFormat.getNumberInstance(Formats.locale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
