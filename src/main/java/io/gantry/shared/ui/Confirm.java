package io.gantry.shared.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before something is destroyed or ended. */
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

    /**
     * Opens a confirmation whose words are the action's own: the header, what happens, and a red button named after
     * the action (never "Delete" for something that is not a deletion).
     */
    public static ConfirmDialog action(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(Ui.t("action.cancel"));
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> action.run());
        dialog.setId("confirm-action");
        dialog.open();
        return dialog;
    }
}
