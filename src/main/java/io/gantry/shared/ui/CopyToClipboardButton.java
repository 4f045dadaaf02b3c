package io.gantry.shared.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * A small button that copies a text (an SSH command, a one-time password) to the clipboard and says so in a toast.
 * The browser copies: {@code navigator.clipboard} where the page is a secure context (HTTPS, localhost), otherwise
 * the older copy command on a hidden text area, so that it also works on a plain-HTTP address. Only a copy the
 * browser confirms is announced as done.
 */
public class CopyToClipboardButton extends Button {

    // Returns a promise; Vaadin waits for it and reports its outcome to the server.
    static final String COPY = """
            const text = $0;
            if (navigator.clipboard && window.isSecureContext) {
                return navigator.clipboard.writeText(text).then(() => true);
            }
            const area = document.createElement('textarea');
            area.value = text;
            area.setAttribute('readonly', '');
            area.style.position = 'fixed';
            area.style.opacity = '0';
            document.body.appendChild(area);
            area.select();
            const copied = document.execCommand('copy');
            area.remove();
            if (!copied) {
                throw new Error('The browser refused to copy');
            }
            return true;
            """;

    public CopyToClipboardButton(String text) {
        super(VaadinIcon.COPY_O.create());
        addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        String label = Ui.t("clipboard.copy");
        setAriaLabel(label);
        setTooltipText(label);
        addClassName("gantry-copy");
        addClickListener(e -> getElement().executeJs(COPY, text).then(
                copied -> Ui.success("clipboard.copied"),
                refused -> Ui.error("clipboard.failed")));
    }
}
