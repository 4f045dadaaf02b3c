package io.gantry.shared.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before something is destroyed or ended; Cancel has the focus, so that Enter never destroys by accident. */
public final class Confirm {

    private Confirm() {
    }

    /** Opens a confirmation with a red "Delete" button that runs the action. */
    public static ConfirmDialog delete(String what, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(Ui.t("confirm.delete.title", what));
        dialog.setText(Ui.t("confirm.delete.text", what));
        cancelFirst(dialog);
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
        cancelFirst(dialog);
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> action.run());
        dialog.setId("confirm-action");
        dialog.open();
        return dialog;
    }

    /**
     * Puts a Cancel button of our own in the dialog and focuses it once the dialog is open. The dialog's focus trap
     * otherwise focuses the first button among its children, which is the confirm button.
     */
    private static void cancelFirst(ConfirmDialog dialog) {
        Button cancel = new Button(Ui.t("action.cancel"));
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        cancel.getElement().setAttribute("autofocus", true);
        cancel.setId("confirm-cancel");
        dialog.setCancelable(true);
        dialog.setCancelButton(cancel);
        // The overlay announces on the body that it is open, after its focus trap has taken the first button.
        dialog.getElement().executeJs("""
                const dialog = this;
                const focusCancel = e => {
                    if (e.detail.overlay.owner !== dialog) {
                        return;
                    }
                    document.body.removeEventListener('vaadin-overlay-open', focusCancel);
                    const cancel = dialog.querySelector('[slot="cancel-button"][autofocus]');
                    if (cancel) {
                        cancel.focus({focusVisible: true});
                    }
                };
                document.body.addEventListener('vaadin-overlay-open', focusCancel);
                """);
    }
}
