package io.gantry.network.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.network.Protocol;
import io.gantry.network.RuleForm;
import io.gantry.network.WhitelistDetails;
import io.gantry.network.WhitelistForm;
import io.gantry.network.WhitelistRule;
import io.gantry.network.WhitelistService;
import io.gantry.ui.AccessDeniedView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whitelists screen: rule rows added and removed, problems on the row's field, details, edit and delete. */
@OnH2
class WhitelistsViewTest extends ViewTestSupport {

    @Autowired
    WhitelistService whitelists;

    @BeforeEach
    void signInAsUser() {
        accounts.signInAs(newAccount("lists", PresetRole.USER));
    }

    Grid<WhitelistDetails> grid() {
        return grid("whitelists");
    }

    TextField field(String id) {
        return find(TextField.class).withId(id).single();
    }

    void chooseProtocol(int row, Protocol protocol) {
        Select<?> select = find(Select.class).withId("rule-" + row + "-protocol").single();
        test(select).selectItem(t("network.protocol." + protocol.name()));
    }

    @Test
    void saysWhatToDoWhileThereAreNoWhitelists() {
        navigate(WhitelistsView.class);

        assertThat(test(grid()).size()).isZero();
        assertThat(grid().getEmptyStateText()).isEqualTo(t("network.whitelists.empty"));
    }

    @Test
    void createsAWhitelistFromRuleRowsAndShowsEachProblemOnItsRow() {
        navigate(WhitelistsView.class);
        click("create-whitelist");
        fill(TextField.class, "whitelistName", "office");
        fill(TextArea.class, "whitelistDescription", "Office and VPN");
        fill(TextField.class, "rule-0-cidr", "10.0.0.0/8");
        fill(TextField.class, "rule-0-portFrom", "22");
        click("add-rule");
        fill(TextField.class, "rule-1-cidr", "192.168.1.7/24");
        chooseProtocol(1, Protocol.ANY);
        click("add-rule");
        fill(TextField.class, "rule-2-cidr", "2001:db8::/32");
        chooseProtocol(2, Protocol.UDP);
        fill(TextField.class, "rule-2-portFrom", "9000");
        fill(TextField.class, "rule-2-portTo", "8000");
        click("whitelist-save");

        assertThat(field("rule-0-cidr").isInvalid()).isFalse();
        assertThat(field("rule-1-cidr").isInvalid()).isTrue();
        assertThat(field("rule-1-cidr").getErrorMessage()).isEqualTo(t("network.cidr.host-bits", "192.168.1.0/24"))
                .isEqualTo("The address has bits set beyond the prefix. Did you mean 192.168.1.0/24?");
        assertThat(field("rule-2-portTo").getErrorMessage()).isEqualTo(t("network.rule.port-order"));
        assertThat(field("rule-2-portFrom").isInvalid()).isFalse();
        assertThat(whitelists.mine()).isEmpty();

        fill(TextField.class, "rule-1-cidr", "192.168.1.0/24");
        fill(TextField.class, "rule-2-portTo", "9100");
        click("whitelist-save");

        assertThat(find(Dialog.class).all()).noneMatch(Dialog::isOpened);
        WhitelistDetails saved = whitelists.mine().getFirst();
        assertThat(saved.rules()).extracting(r -> r.cidr().toString(), WhitelistRule::protocol,
                        WhitelistRule::portFrom, WhitelistRule::portTo)
                .containsExactly(tuple("10.0.0.0/8", Protocol.TCP, 22, 22),
                        tuple("192.168.1.0/24", Protocol.ANY, 1, 65535),
                        tuple("2001:db8::/32", Protocol.UDP, 9000, 9100));
        assertThat(column(grid(), t("network.whitelists.name"))).containsExactly("office");
        assertThat(column(grid(), t("network.whitelists.rules"))).containsExactly(
                "10.0.0.0/8 · TCP · 22; 192.168.1.0/24 · TCP and UDP · Any port; " + t("network.whitelists.more-rules", 1));
    }

    @Test
    void removesARowAndRefusesAWhitelistWithoutRules() {
        navigate(WhitelistsView.class);
        click("create-whitelist");
        fill(TextField.class, "whitelistName", "empty");
        click("add-rule");
        fill(TextField.class, "rule-1-cidr", "10.0.0.0/8");
        click("rule-0-remove");

        assertThat(field("rule-0-cidr").getValue()).isEqualTo("10.0.0.0/8");
        assertThat(find(TextField.class).withId("rule-1-cidr").exists()).isFalse();

        click("rule-0-remove");
        click("whitelist-save");
        assertThat(notifications()).contains(t("network.whitelist.no-rules"));
        assertThat(whitelists.mine()).isEmpty();
    }

    @Test
    void showsTheRulesEditsAndDeletes() {
        long id = whitelists.create(new WhitelistForm("lab", null, List.of(
                new RuleForm("10.0.0.0/8", Protocol.TCP, "22", ""), new RuleForm("::/0", Protocol.UDP, "", ""))));
        navigate(WhitelistsView.class);

        HorizontalLayout operations = (HorizontalLayout) operations(grid(), 0);
        test((Button) operations.getComponentAt(0)).click();
        Grid<WhitelistRule> rules = grid("whitelist-rules");
        assertThat(column(rules, t("network.rules.cidr"))).containsExactly("10.0.0.0/8", "::/0");
        assertThat(column(rules, t("network.rules.ports"))).containsExactly("22", t("network.rules.any-port"));
        click("whitelist-details-close");

        test((Button) operations.getComponentAt(1)).click();
        assertThat(field("whitelistName").getValue()).isEqualTo("lab");
        assertThat(field("rule-1-cidr").getValue()).isEqualTo("::/0");
        fill(TextField.class, "rule-0-portTo", "23");
        click("whitelist-save");
        assertThat(whitelists.whitelist(id).rules().getFirst().portTo()).isEqualTo(23);

        operations = (HorizontalLayout) operations(grid(), 0);
        test((Button) operations.getComponentAt(2)).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", "lab"));
        test(confirm).confirm();
        assertThat(whitelists.mine()).isEmpty();
        assertThat(test(grid()).size()).isZero();
    }

    @Test
    void isNotForAnAccountWithoutTheNetworkPermission() {
        accounts.signInAs(newAccount("annotator", PresetRole.ANNOTATOR));
        assertThatThrownBy(() -> navigate(WhitelistsView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
    }
}
