package io.gantry.billing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.billing.CostDimension;
import io.gantry.billing.CostPeriod;
import io.gantry.billing.CostReport;
import io.gantry.billing.ServiceType;
import io.gantry.billing.TestLedger;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import io.gantry.shared.ui.Chart;
import io.gantry.shared.ui.ChartModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class CostsViewTest extends ViewTestSupport {

    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    Clock clock;

    String member;
    long memberId;
    AcceleratorSpec a100;

    /** A member whose containers cost 12.50 a minute ago and whose task cost 7.25 five weeks ago. */
    @BeforeEach
    void aMemberWithCharges() {
        member = newAccount("spender", PresetRole.USER);
        accounts.signInAsAdmin();
        memberId = accountAsAdmin(member).orElseThrow().id();
        a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        long project = new TestProjects(projects).create(List.of(), memberId);
        TestLedger ledger = new TestLedger(context);
        Instant now = clock.instant();
        ledger.charge(project, memberId, ServiceType.CONTAINER, a100.id(), now.minus(Duration.ofMinutes(1)), "12.50");
        ledger.charge(project, memberId, ServiceType.TASK, a100.id(), now.minus(Duration.ofDays(35)), "7.25");
        accounts.signOut();
    }

    @Test
    void showsTheLastTwelveMonthsByServiceTypeAsAChartWithItsTableAndTotal() {
        accounts.signInAs(member);
        navigate(CostsView.class);

        assertThat(find(RadioButtonGroup.class).withId("costs-period").single().getValue())
                .isEqualTo(CostPeriod.MONTH);
        assertThat(find(Select.class).withId("costs-dimension").single().getValue())
                .isEqualTo(CostDimension.SERVICE_TYPE);
        ChartModel model = chart().getModel();
        assertThat(model.kind()).isEqualTo(ChartModel.Kind.STACKED_BAR);
        assertThat(model.categories()).hasSize(12).last().isEqualTo(CostPeriod.MONTH.label(today()));
        assertThat(model.series()).extracting(ChartModel.Series::name)
                .containsExactly(t("cost.service-type.CONTAINER"), t("cost.service-type.TASK"));
        assertThat(model.unit()).isEqualTo("CNY");
        assertThat(model.series().getFirst().values().getLast()).isEqualByComparingTo("12.50");

        Grid<CostReport.Cell> table = grid("costs-table");
        assertThat(column(table, t("cost.dimension.SERVICE_TYPE")))
                .containsExactlyInAnyOrder(t("cost.service-type.CONTAINER"), t("cost.service-type.TASK"));
        assertThat(column(table, t("cost.amount", "CNY"))).containsExactlyInAnyOrder("12.50 CNY", "7.25 CNY");
        assertThat(find(Span.class).withId("costs-total").single().getText())
                .isEqualTo(t("cost.total", "19.75 CNY"));
        assertThat(find(Paragraph.class).withId("costs-empty").exists()).as("the empty state, shown").isFalse();
    }

    @Test
    void byMemberAndWeekTheTableNamesTheMemberAndTheIsoWeek() {
        accounts.signInAs(member);
        navigate(CostsView.class);
        find(Select.class).withId("costs-dimension").single().setValue(CostDimension.MEMBER);
        find(RadioButtonGroup.class).withId("costs-period").single().setValue(CostPeriod.WEEK);

        Grid<CostReport.Cell> table = grid("costs-table");
        assertThat(headers(table)).containsExactly(t("cost.period"), t("cost.dimension.MEMBER"),
                t("cost.amount", "CNY"));
        assertThat(column(table, t("cost.dimension.MEMBER"))).containsOnly("Nick " + member + " (" + member + ")");
        assertThat(column(table, t("cost.period"))).contains(CostPeriod.WEEK.label(CostPeriod.WEEK.start(today())))
                .allMatch(label -> label.matches("\\d{4}-W\\d{2}"));
        assertThat(chart().getModel().series()).singleElement()
                .extracting(ChartModel.Series::name).isEqualTo("Nick " + member + " (" + member + ")");
    }

    @Test
    void theCsvFileHoldsTheTableWithAByteOrderMarkAndTheTotal() {
        accounts.signInAs(member);
        CostsView view = navigate(CostsView.class);

        byte[] csv = view.csv();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Period,Service type,Spent (CNY)");
        assertThat(lines).contains(CostPeriod.MONTH.label(today()) + ",Containers,12.50")
                .endsWith("Total,,19.75").hasSize(4);
        assertThat(text).contains("\r\n");
        assertThat(view.fileName()).endsWith("-month-service-type.csv");
        assertThat(find(Anchor.class).withId("costs-csv").single().isEnabled()).isTrue();
    }

    @Test
    void aRangeWithoutSpendingSaysSoInsteadOfAChart() {
        accounts.signInAs(newAccount("saver", PresetRole.USER));
        navigate(CostsView.class);

        assertThat(find(Paragraph.class).withId("costs-empty").single().getText()).isEqualTo(t("cost.empty"));
        assertThat(find(Chart.class).withId("costs-chart").exists()).as("the chart, shown").isFalse();
        assertThat(find(Anchor.class).withId("costs-csv").single().isEnabled()).isFalse();
        assertThat(find(Span.class).withId("costs-total").single().getText()).isEqualTo(t("cost.total", "0.00 CNY"));
    }

    @Test
    void aRangeEndingBeforeItStartsIsShownOnTheLastDay() {
        accounts.signInAs(member);
        navigate(CostsView.class);
        DatePicker to = find(DatePicker.class).withId("costs-to").single();
        to.setValue(today().minusYears(2));

        assertThat(to.isInvalid()).isTrue();
        assertThat(to.getErrorMessage()).isEqualTo(t("cost.to.before-from"));
    }

    @Test
    void onlyPlatformAdminsMaySplitByProject() {
        accounts.signInAs(member);
        navigate(CostsView.class);
        assertThat(find(Select.class).withId("costs-dimension").single().getListDataView().getItems())
                .doesNotContain(CostDimension.PROJECT);

        accounts.signInAsAdmin();
        navigate(CostsView.class);
        assertThat(find(Select.class).withId("costs-dimension").single().getListDataView().getItems())
                .contains(CostDimension.PROJECT);
    }

    @Test
    void theMenuOffersCostAnalysisInTheAccountGroup() {
        accounts.signInAs(member);
        navigate(CostsView.class);
        assertThat(context.getBean(io.gantry.ui.Menu.class).userMenu(io.gantry.identity.CurrentUser.get()
                .orElseThrow())).extracting(e -> e.view().getSimpleName()).contains("CostsView");
    }

    private Chart chart() {
        return find(Chart.class).withId("costs-chart").single();
    }

    private LocalDate today() {
        return context.getBean(io.gantry.billing.CostService.class).today();
    }
}
