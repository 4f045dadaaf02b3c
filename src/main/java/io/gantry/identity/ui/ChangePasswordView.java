package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.PasswordPolicy;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;

/** Change password, with the current one required (Apulis 3.2.4, AI-Stack 八.3); forced while it is an initial one. */
@Route("account/password")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

    private final PasswordField current = new PasswordField();
    private final PasswordField next = new PasswordField();
    private final PasswordField confirm = new PasswordField();
    private final FormFields formFields = new FormFields().with("currentPassword", current).with("newPassword", next);

    public ChangePasswordView(AccountService accounts) {
        addClassName("gantry-page");
        boolean forced = CurrentUser.get().map(u -> u.mustChangePassword()).orElse(false);
        add(new H2(getTranslation("password.change.title")));
        if (forced) {
            Paragraph explanation = new Paragraph(getTranslation("password.change.forced"));
            explanation.setId("forced-change");
            add(explanation);
        }
        current.setLabel(getTranslation("password.current"));
        current.setId("current-password");
        current.setMaxLength(PasswordPolicy.MAX_LENGTH);
        next.setMaxLength(PasswordPolicy.MAX_LENGTH);
        confirm.setMaxLength(PasswordPolicy.MAX_LENGTH);
        next.setLabel(getTranslation("password.new"));
        next.setHelperText(getTranslation("password.rules", PasswordPolicy.MIN_LENGTH));
        next.setId("new-password");
        confirm.setLabel(getTranslation("password.confirm"));
        confirm.setId("confirm-password");
        Button save = new Button(getTranslation("action.save"), e -> {
            Ui.clearInvalid(current, next, confirm);
            if (!next.getValue().equals(confirm.getValue())) {
                confirm.setErrorMessage(getTranslation("password.confirm.mismatch"));
                confirm.setInvalid(true);
                return;
            }
            try {
                accounts.changePassword(current.getValue(), next.getValue());
                Ui.success("password.change.done");
                // A fresh page load picks up the session's new state (no longer forced to change the password).
                String contextPath = VaadinServletRequest.getCurrent() == null ? ""
                        : VaadinServletRequest.getCurrent().getContextPath();
                getUI().ifPresent(ui -> ui.getPage().setLocation(contextPath + (forced ? "/" : "/account/profile")));
            } catch (InvalidInput problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-password");
        FormLayout form = new FormLayout(current, next, confirm);
        form.setMaxWidth("28em");
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form, save);
    }
}
