package io.gantry.billing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.billing.LedgerType;
import io.gantry.billing.WalletService;
import io.gantry.project.Project;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;

/**
 * Tops up a project's wallet or refunds from it, with a required note (platform admins). The amount is a text field,
 * not a number field: the service reads what was typed and says on the field why a zero, a negative amount, a
 * non-number, too many decimals or too large an amount is refused; a number field would silently drop some of them.
 */
class TopUpDialog extends Dialog {

    private final WalletService wallets;
    private final Project project;
    private final Runnable saved;
    final RadioButtonGroup<LedgerType> kind = new RadioButtonGroup<>();
    final TextField amount = new TextField(Ui.t("wallet.amount"));
    final TextArea note = new TextArea(Ui.t("wallet.note"));
    private final FormFields formFields = new FormFields().with("amount", amount).with("note", note);

    TopUpDialog(WalletService wallets, Project project, Runnable saved) {
        this.wallets = wallets;
        this.project = project;
        this.saved = saved;
        setHeaderTitle(Ui.t("wallet.top-up.title", project.name()));
        setWidth("32em");
        setId("top-up-dialog");

        kind.setLabel(Ui.t("wallet.top-up.kind"));
        kind.setItems(LedgerType.TOP_UP, LedgerType.REFUND);
        kind.setItemLabelGenerator(k -> Ui.t("wallet.type." + k.name()));
        kind.setValue(LedgerType.TOP_UP);
        kind.setId("top-up-kind");
        kind.addValueChangeListener(e -> amount.setHelperText(Ui.t(e.getValue() == LedgerType.REFUND
                ? "wallet.refund.help" : "wallet.top-up.help")));
        amount.setId("top-up-amount");
        amount.setRequiredIndicatorVisible(true);
        amount.setSuffixComponent(new Span(wallets.currency().getCurrencyCode()));
        amount.setHelperText(Ui.t("wallet.top-up.help"));
        note.setId("top-up-note");
        note.setRequiredIndicatorVisible(true);
        note.setMaxLength(WalletService.NOTE_MAX);

        FormLayout form = new FormLayout(kind, amount, note);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button confirm = new Button(Ui.t("wallet.top-up.confirm"), e -> confirm());
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setId("confirm-top-up");
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), confirm);
    }

    private void confirm() {
        Ui.clearInvalid(amount, note);
        try {
            wallets.adjust(project.id(), kind.getValue(), amount.getValue(), note.getValue());
            close();
            Ui.success(kind.getValue() == LedgerType.REFUND ? "wallet.refund.done" : "wallet.top-up.done",
                    amount.getValue().strip(), wallets.currency().getCurrencyCode(), project.name());
            saved.run();
        } catch (UserFacingException refusal) {
            formFields.show(refusal);
        }
    }
}
