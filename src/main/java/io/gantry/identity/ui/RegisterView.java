package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.gantry.identity.AccountService;
import io.gantry.identity.PasswordPolicy;
import io.gantry.identity.UserFields;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import io.gantry.shell.SignedOutLayout;

/** Self-registration (Apulis 3.1.1): username, nickname and password. The new account has no role yet. */
@Route(value = "register", layout = SignedOutLayout.class)
@AnonymousAllowed
public class RegisterView extends VerticalLayout {

    private final TextField username = new TextField();
    private final TextField nickname = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField confirm = new PasswordField();
    private final FormFields formFields = new FormFields().with("username", username).with("nickname", nickname)
            .with("password", password);

    public RegisterView(AccountService accounts) {
        // One centred column: the heading, the form and its button share its width and its middle.
        setWidth("min(100%, 28em)");
        setPadding(false);
        setAlignItems(FlexComponent.Alignment.CENTER);
        username.setLabel(getTranslation("user.username"));
        username.setMaxLength(UserFields.USERNAME_MAX);
        username.setHelperText(getTranslation("user.username.help"));
        username.setRequiredIndicatorVisible(true);
        username.setId("username");
        nickname.setLabel(getTranslation("user.nickname"));
        nickname.setMaxLength(UserFields.NICKNAME_MAX);
        nickname.setRequiredIndicatorVisible(true);
        nickname.setId("nickname");
        password.setLabel(getTranslation("login.password"));
        password.setHelperText(getTranslation("password.rules", PasswordPolicy.MIN_LENGTH));
        password.setRequiredIndicatorVisible(true);
        password.setId("password");
        password.setMaxLength(PasswordPolicy.MAX_LENGTH);
        confirm.setLabel(getTranslation("password.confirm"));
        confirm.setRequiredIndicatorVisible(true);
        confirm.setId("confirm");
        confirm.setMaxLength(PasswordPolicy.MAX_LENGTH);

        Button submit = new Button(getTranslation("register.submit"), e -> {
            Ui.clearInvalid(username, nickname, password, confirm);
            if (!password.getValue().equals(confirm.getValue())) {
                confirm.setErrorMessage(getTranslation("password.confirm.mismatch"));
                confirm.setInvalid(true);
                return;
            }
            try {
                accounts.register(username.getValue().strip(), nickname.getValue(), password.getValue(),
                        VaadinRequest.getCurrent() == null ? null : VaadinRequest.getCurrent().getRemoteAddr());
                Ui.success("register.done", username.getValue().strip());
                getUI().ifPresent(ui -> ui.navigate(LoginView.class));
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("register");
        FormLayout form = new FormLayout(username, nickname, password, confirm);
        form.setWidthFull();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H1(getTranslation("register.title")), new Paragraph(getTranslation("register.intro")), form, submit,
                new RouterLink(getTranslation("register.back"), LoginView.class));
    }
}
