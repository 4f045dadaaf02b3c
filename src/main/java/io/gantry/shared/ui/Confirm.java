package io.gantry.shared.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before something is destroyed. */
public final class Confirm {

    private Confirm() {
    }

    /** Opens a confirmation with a red "Delete" button that runs the action. */
    public static ConfirmDialog delete(String what, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(Ui.t("confirm.delete.title", what));
        dialog.setText(Ui.t("confirm.delete.text", what));
        dialog.setCancelable(true);
        dialog.setCancelText(Ui.t("action.cancel"));
        dialog.setConfirmText(Ui.t("action.delete"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> action.run());
        dialog.setId("confirm-delete");
        dialog.open();
        return dialog;
    }
}
