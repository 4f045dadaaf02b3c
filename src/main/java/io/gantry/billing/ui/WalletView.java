package io.gantry.billing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.billing.LedgerEntry;
import io.gantry.billing.LedgerFilter;
import io.gantry.billing.LedgerType;
import io.gantry.billing.ServiceType;
import io.gantry.billing.WalletService;
import io.gantry.billing.WalletSummary;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A project's wallet (AI-Stack 八.7): the balance, what the running work burns per hour and how long the balance
 * lasts at that rate, and the ledger, newest first, filtered by transaction time, transaction type and service type,
 * with a CSV export of what the filters show. Platform admins (BILLING_MANAGE) top up and refund here.
 *
 * <p>Demo credit is labelled twice: each DEMO_CREDIT line of the ledger carries its type as a badge, and the balance
 * carries a "demo credit" badge with the amount while any of the balance is still demo credit (spent first, as
 * {@link WalletService#summary} counts it), so nobody takes a demo project's balance for paid money.
 */
@Route("account/wallet")
@RolesAllowed({Permission.Names.BILLING_VIEW, Permission.Names.BILLING_MANAGE})
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.wallet", icon = "vaadin:wallet", order = 7)
public class WalletView extends VerticalLayout implements BeforeEnterObserver {

    private final WalletService wallets;
    final Select<Project> project = new Select<>();
    final DateTimePicker from = new DateTimePicker();
    final DateTimePicker to = new DateTimePicker();
    final Select<LedgerType> type = new Select<>();
    final Select<ServiceType> serviceType = new Select<>();
    final Grid<LedgerEntry> grid = new Grid<>();
    private final Span balance = new Span();
    private final Span demoCredit = new Span();
    private final Span burnRate = new Span();
    private final Span timeLeft = new Span();
    /** The zone the times of the CSV are written in: the reader's, read while the page is built. */
    private final ZoneId zone = Formats.zone();
    /** The filtered ledger as CSV, written straight into the response as it is read, a page at a time. */
    final DownloadHandler csvDownload = event -> {
        event.setFileName(fileName());
        event.setContentType("text/csv; charset=UTF-8");
        try (OutputStream out = event.getOutputStream()) {
            wallets().exportCsv(project.getValue().id(), filter(), this::getTranslation, zone, out);
        }
    };
    private final Button topUp = new Button();
    private final GridQueryParameters<LedgerEntry> parameters = new GridQueryParameters<>(grid);

    public WalletView(WalletService wallets, CurrentProjectService currentProject) {
        this.wallets = wallets;
        addClassName("gantry-page");
        setSizeFull();
        add(new H2(getTranslation("menu.wallet")));
        List<Project> choices = wallets.projects();
        if (choices.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("wallet.no-project"));
            none.setId("wallet-no-project");
            add(none);
            return;
        }
        Map<Long, Project> byId = choices.stream().collect(Collectors.toMap(Project::id, Function.identity()));
        project.setLabel(getTranslation("wallet.project"));
        project.setItems(choices);
        project.setItemLabelGenerator(Project::name);
        project.setId("wallet-project");
        project.setValue(currentProject.current().map(p -> byId.get(p.id())).orElse(choices.getFirst()));

        from.setLabel(getTranslation("wallet.from"));
        from.setId("ledger-from");
        to.setLabel(getTranslation("wallet.to"));
        to.setId("ledger-to");
        type.setLabel(getTranslation("wallet.type"));
        type.setItems(LedgerType.values());
        type.setEmptySelectionAllowed(true);
        type.setEmptySelectionCaption(getTranslation("wallet.all"));
        type.setItemLabelGenerator(t -> t == null ? getTranslation("wallet.all")
                : getTranslation("wallet.type." + t.name()));
        type.setId("ledger-type");
        serviceType.setLabel(getTranslation("wallet.service-type"));
        serviceType.setItems(ServiceType.values());
        serviceType.setEmptySelectionAllowed(true);
        serviceType.setEmptySelectionCaption(getTranslation("wallet.all"));
        serviceType.setItemLabelGenerator(s -> s == null ? getTranslation("wallet.all")
                : getTranslation("wallet.service-type." + s.name()));
        serviceType.setId("ledger-service-type");

        Anchor csv = new Anchor(csvDownload, getTranslation("wallet.csv"));
        csv.setId("ledger-csv");

        topUp.setText(getTranslation("wallet.top-up"));
        topUp.setIcon(VaadinIcon.PLUS.create());
        topUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        topUp.setId("top-up");
        topUp.addClickListener(e -> new TopUpDialog(wallets, project.getValue(), this::refresh).open());
        topUp.setVisible(wallets.canAdjust());

        HorizontalLayout header = new HorizontalLayout(project, topUp);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout filters = new HorizontalLayout(from, to, type, serviceType, csv);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        ledgerColumns();
        project.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refreshLedger());
        to.addValueChangeListener(e -> refreshLedger());
        type.addValueChangeListener(e -> refreshLedger());
        serviceType.addValueChangeListener(e -> refreshLedger());
        parameters.bind("project", project, s -> Optional.ofNullable(byId.get(Long.parseLong(s))).orElseThrow(),
                        p -> String.valueOf(p.id()))
                .dateTime("from", from).dateTime("to", to).choice("type", type, LedgerType.class)
                .choice("service", serviceType, ServiceType.class);
        add(header, cards(), filters);
        addAndExpand(grid);
        refresh();
    }

    private Component cards() {
        balance.setId("wallet-balance");
        demoCredit.setId("wallet-demo-credit");
        demoCredit.getElement().getThemeList().add("badge contrast");
        burnRate.setId("wallet-burn-rate");
        timeLeft.setId("wallet-time-left");
        HorizontalLayout balanceLine = new HorizontalLayout(balance, demoCredit);
        balanceLine.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout cards = new HorizontalLayout(card("wallet.balance", balanceLine),
                card("wallet.burn-rate", burnRate), card("wallet.time-left", timeLeft));
        cards.setWrap(true);
        return cards;
    }

    private static Div card(String titleKey, Component value) {
        Span title = new Span(Ui.t(titleKey));
        title.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        value.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD);
        Div card = new Div(title, value);
        card.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5, LumoUtility.Gap.XSMALL);
        card.setMinWidth("14em");
        return card;
    }

    private void ledgerColumns() {
        grid.addColumn(l -> Formats.dateTime(l.at())).setHeader(getTranslation("wallet.time")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(WalletView::typeBadge).setHeader(getTranslation("wallet.type")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(l -> l.serviceType() == null ? ""
                : getTranslation("wallet.service-type." + l.serviceType().name()))
                .setHeader(getTranslation("wallet.service-type")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(l -> Amounts.shown(l.amount())).setHeader(getTranslation("wallet.amount")).setAutoWidth(true)
                .setFlexGrow(0).setPartNameGenerator(l -> l.amount().isNegative() ? "debit" : "credit");
        grid.addColumn(l -> Formats.orDash(l.workloadName())).setHeader(getTranslation("wallet.work"))
                .setAutoWidth(true).setTooltipGenerator(LedgerEntry::workloadName);
        grid.addColumn(l -> Formats.orDash(l.specName())).setHeader(getTranslation("wallet.spec")).setAutoWidth(true);
        grid.addColumn(l -> Formats.orDash(l.username())).setHeader(getTranslation("wallet.user")).setAutoWidth(true);
        grid.addColumn(l -> Formats.orDash(SeededTexts.shown(l.note()))).setHeader(getTranslation("wallet.note"))
                .setFlexGrow(1).setTooltipGenerator(l -> SeededTexts.shown(l.note()));
        grid.addColumn(l -> l.createdBy() == null ? getTranslation("wallet.by-platform") : l.createdBy())
                .setHeader(getTranslation("wallet.created-by")).setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("wallet.ledger.empty"));
        grid.setId("ledger-grid");
    }

    /** The line's type; demo credit stands out, so that it is never taken for paid money. */
    private static Component typeBadge(LedgerEntry line) {
        Span badge = new Span(Ui.t("wallet.type." + line.type().name()));
        badge.getElement().getThemeList().add(switch (line.type()) {
            case DEMO_CREDIT -> "badge contrast";
            case TOP_UP -> "badge success";
            case REFUND -> "badge error";
            case CHARGE -> "badge";
        });
        return badge;
    }

    /** The service, for the download handler: a field's initializer may not name a final field set later. */
    private WalletService wallets() {
        return wallets;
    }

    private void refresh() {
        WalletSummary summary = wallets.summary(project.getValue().id());
        balance.setText(Amounts.shown(summary.balance()));
        demoCredit.setText(getTranslation("wallet.demo-credit", Amounts.shown(summary.demoCreditLeft())));
        demoCredit.setVisible(summary.hasDemoCredit());
        burnRate.setText(getTranslation("wallet.per-hour", Amounts.shown(summary.burnPerHour())));
        timeLeft.setText(summary.timeLeft().map(WalletView::duration).orElse("—"));
        timeLeft.getElement().setAttribute("title", summary.timeLeft().isEmpty()
                ? getTranslation("wallet.time-left.nothing-runs") : "");
        refreshLedger();
    }

    private void refreshLedger() {
        long projectId = project.getValue().id();
        LedgerFilter filter = filter();
        grid.setItems(q -> wallets.ledger(projectId, filter, q.getOffset(), q.getLimit()).stream(),
                q -> wallets.countLedger(projectId, filter));
    }

    LedgerFilter filter() {
        return new LedgerFilter(instant(from.getValue()), instant(to.getValue()), type.getValue(),
                serviceType.getValue());
    }

    private String fileName() {
        return "wallet-" + project.getValue().name().replaceAll("[^\\p{L}\\p{N}._-]", "_") + ".csv";
    }

    /** How long the balance lasts: days and hours, hours and minutes, or minutes. */
    static String duration(Duration left) {
        long minutes = left.toMinutes();
        if (minutes >= 24 * 60) {
            return Ui.t("wallet.time-left.days", left.toDays(), left.toHoursPart());
        }
        if (minutes >= 60) {
            return Ui.t("wallet.time-left.hours", left.toHours(), left.toMinutesPart());
        }
        return Ui.t("wallet.time-left.minutes", minutes);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(Formats.zone()).toInstant();
    }
}
