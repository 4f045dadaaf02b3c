package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PasswordPolicy;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class RegisterViewTest extends ViewTestSupport {

    @Autowired
    UserService userService;

    private String username;

    @BeforeEach
    void openTheForm() {
        username = uniqueName("reg");
        navigate(RegisterView.class);
    }

    @Test
    void aWeakPasswordIsReportedOnThePasswordFieldAndNothingIsSaved() {
        register("weak", "weak");

        PasswordField password = find(PasswordField.class).withId("password").single();
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo(t("password.rule.too-short", PasswordPolicy.MIN_LENGTH));
        assertThat(getCurrentView()).isInstanceOf(RegisterView.class);
        assertThat(accountAsAdmin(username)).isEmpty();
    }

    @Test
    void aConfirmationThatDiffersIsReportedOnTheConfirmFieldAndNothingIsSaved() {
        register("Good-Pass-123", "Good-Pass-124");

        PasswordField confirm = find(PasswordField.class).withId("confirm").single();
        assertThat(confirm.isInvalid()).isTrue();
        assertThat(confirm.getErrorMessage()).isEqualTo(t("password.confirm.mismatch"));
        assertThat(accountAsAdmin(username)).isEmpty();
    }

    @Test
    void aValidRegistrationCreatesAnAccountWithoutRolesAndLeadsToSignIn() {
        register("Good-Pass-123", "Good-Pass-123");

        assertThat(notifications()).contains(t("register.done", username));
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        UserAccount created = accountAsAdmin(username).orElseThrow();
        assertThat(userService.details(created.id()).roles()).isEmpty();
        assertThat(signInSucceeds(username, "Good-Pass-123")).isTrue();
    }

    private void register(String password, String confirmation) {
        fill(TextField.class, "username", username);
        fill(TextField.class, "nickname", "Nick " + username);
        fill(PasswordField.class, "password", password);
        fill(PasswordField.class, "confirm", confirmation);
        click("register");
    }
}
