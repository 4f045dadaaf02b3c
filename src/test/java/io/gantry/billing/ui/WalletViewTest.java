package io.gantry.billing.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import io.gantry.ListUrls;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.billing.LedgerEntry;
import io.gantry.billing.LedgerFilter;
import io.gantry.billing.LedgerType;
import io.gantry.billing.ServiceType;
import io.gantry.billing.TestCharges;
import io.gantry.billing.WalletService;
import io.gantry.billing.Wallets;
import io.gantry.billing.money.Money;
import io.gantry.identity.PresetRole;
import io.gantry.project.ProjectService;
import io.gantry.project.TestProjects;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The wallet page: the balance and its demo credit, the ledger with filters and CSV, admins' top-up dialog. */
@OnH2
class WalletViewTest extends ViewTestSupport {

    @Autowired
    WalletService service;
    @Autowired
    Wallets wallets;
    @Autowired
    ProjectService projects;

    String member;
    long memberId;
    long projectId;

    @BeforeEach
    void aProjectWithAMember() {
        member = newAccount("wv", PresetRole.USER);
        accounts.signInAsAdmin();
        memberId = accountAsAdmin(member).orElseThrow().id();
        projectId = new TestProjects(projects).create(List.of(), memberId);
    }

    /** Opens the page on the project, as the create form's link to it does. */
    private WalletView open() {
        return open(projectId);
    }

    private WalletView open(long project) {
        ListUrls.open(WalletView.class, java.util.Map.of("project", String.valueOf(project)));
        // The view itself, not the proxy its method security puts around it.
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(getCurrentView());
    }

    private String text(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    private List<LedgerEntry> shown() {
        return rows(grid("ledger-grid"));
    }

    @Test
    void anEmptyWalletSaysSoAndNothingRuns() {
        accounts.signInAs(member);
        open();

        assertThat(text("wallet-balance")).isEqualTo("0.00 CNY");
        assertThat(text("wallet-burn-rate")).isEqualTo(t("wallet.per-hour", "0.00 CNY"));
        assertThat(text("wallet-time-left")).isEqualTo("—");
        assertThat(find(Span.class).withId("wallet-demo-credit").exists()).isFalse();
        assertThat(shown()).isEmpty();
        assertThat(grid("ledger-grid").getEmptyStateText()).isEqualTo(t("wallet.ledger.empty"));
        // Members read their wallet; only platform admins top up.
        assertThat(find(Button.class).withId("top-up").exists()).isFalse();
    }

    @Test
    void demoCreditIsLabelledOnTheBalanceAndInTheLedger() {
        wallets.credit(projectId, LedgerType.DEMO_CREDIT, new Money(new BigDecimal("1000"), wallets.currency()),
                "Demo credit to try Gantry with; not paid money", null);
        TestCharges.charge(context, projectId, "12.64", ServiceType.CONTAINER, memberId);
        accounts.signInAs(member);
        open();

        assertThat(text("wallet-balance")).isEqualTo("987.36 CNY");
        Span badge = find(Span.class).withId("wallet-demo-credit").single();
        assertThat(badge.getText()).isEqualTo(t("wallet.demo-credit", "987.36 CNY"));
        assertThat(column(grid("ledger-grid"), t("wallet.type")))
                .containsExactly(t("wallet.type.CHARGE"), t("wallet.type.DEMO_CREDIT"));
        assertThat(column(grid("ledger-grid"), t("wallet.note"))).containsExactly("-", t("seeded.demo-credit"));
        assertThat(column(grid("ledger-grid"), t("wallet.created-by")))
                .containsExactly(t("wallet.by-platform"), t("wallet.by-platform"));
    }

    @Test
    void theFiltersNarrowTheLedgerAndTheCsvFollowsThem() throws Exception {
        service.adjust(projectId, LedgerType.TOP_UP, "100", "经费");
        TestCharges.charge(context, projectId, "2.50", ServiceType.CONTAINER, memberId);
        TestCharges.charge(context, projectId, "1.25", ServiceType.TASK, memberId);
        accounts.signInAs(member);
        WalletView view = open();
        assertThat(shown()).hasSize(3);

        view.type.setValue(LedgerType.CHARGE);
        assertThat(shown()).extracting(l -> l.amount().amount().toPlainString()).containsExactly("-1.25", "-2.50");
        view.serviceType.setValue(ServiceType.CONTAINER);
        assertThat(shown()).extracting(l -> l.amount().amount().toPlainString()).containsExactly("-2.50");
        assertThat(column(grid("ledger-grid"), t("wallet.service-type")))
                .containsExactly(t("wallet.service-type.CONTAINER"));

        String csv = download(view);
        assertThat(csv).startsWith("\uFEFF" + t("wallet.time") + ",");
        assertThat(csv.lines()).hasSize(2);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains(",-2.50,", member);

        view.type.clear();
        view.serviceType.clear();
        view.from.setValue(java.time.LocalDateTime.now().plusDays(1));
        assertThat(shown()).isEmpty();
        assertThat(find(Anchor.class).withId("ledger-csv").single().getText()).isEqualTo(t("wallet.csv"));
    }

    @Test
    void anAdminTopsUpThroughTheDialogWhichRefusesBadAmountsOnTheField() {
        accounts.signInAsAdmin();
        open();
        click("top-up");
        assertThat(find(Dialog.class).withId("top-up-dialog").exists()).isTrue();

        for (String[] bad : new String[][] {
                {"0", t("wallet.amount.not-positive")},
                {"-3", t("wallet.amount.not-positive")},
                {"ten", t("wallet.amount.not-a-number")},
                {"1.234", t("wallet.amount.too-many-decimals", 2, "CNY")}}) {
            fill(TextField.class, "top-up-amount", bad[0]);
            fill(TextArea.class, "top-up-note", "a note");
            click("confirm-top-up");
            TextField amount = find(TextField.class).withId("top-up-amount").single();
            assertThat(amount.isInvalid()).as(bad[0]).isTrue();
            assertThat(amount.getErrorMessage()).as(bad[0]).isEqualTo(bad[1]);
        }
        fill(TextField.class, "top-up-amount", "25.50");
        fill(TextArea.class, "top-up-note", " ");
        click("confirm-top-up");
        TextArea note = find(TextArea.class).withId("top-up-note").single();
        assertThat(note.isInvalid()).isTrue();
        assertThat(note.getErrorMessage()).isEqualTo(t("wallet.note.required"));
        assertThat(find(TextField.class).withId("top-up-amount").single().isInvalid()).isFalse();
        assertThat(service.countLedger(projectId, LedgerFilter.ALL)).isZero();

        fill(TextArea.class, "top-up-note", "budget for December");
        click("confirm-top-up");

        assertThat(find(Dialog.class).withId("top-up-dialog").exists()).isFalse();
        assertThat(text("wallet-balance")).isEqualTo("25.50 CNY");
        assertThat(column(grid("ledger-grid"), t("wallet.note"))).containsExactly("budget for December");
        assertThat(notifications()).contains(t("wallet.top-up.done", "25.50", "CNY",
                projects.overview(projectId).project().name()));
    }

    @Test
    void aRefundBeyondTheBalanceIsRefusedOnTheAmount() {
        service.adjust(projectId, LedgerType.TOP_UP, "10", "start");
        WalletView view = open();
        click("top-up");
        TopUpDialog dialog = (TopUpDialog) find(Dialog.class).withId("top-up-dialog").single();
        dialog.kind.setValue(LedgerType.REFUND);
        fill(TextField.class, "top-up-amount", "10.01");
        fill(TextArea.class, "top-up-note", "too much");
        click("confirm-top-up");

        assertThat(dialog.amount.getErrorMessage()).isEqualTo(t("wallet.refund.beyond-balance", "10.00", "CNY"));
        assertThat(service.countLedger(projectId, LedgerFilter.ALL)).isEqualTo(1);
        assertThat(view).isNotNull();
    }

    @Test
    void aProjectOfSomeoneElseInTheAddressIsNotShown() {
        long other = new TestProjects(projects).create(List.of());
        service.adjust(other, LedgerType.TOP_UP, "77", "not yours");
        accounts.signInAs(member);
        open(other);

        assertThat(text("wallet-balance")).isEqualTo("0.00 CNY");
        assertThat(shown()).isEmpty();
    }

    /** What a browser would get for the CSV link. */
    private static String download(WalletView view) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        VaadinResponse response = mock(VaadinResponse.class);
        when(response.getOutputStream()).thenReturn(body);
        view.csvDownload.handleDownloadRequest(new DownloadEvent(mock(VaadinRequest.class), response,
                mock(VaadinSession.class), view.getElement()));
        return body.toString(StandardCharsets.UTF_8);
    }
}
