package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.identity.UserService;
import org.junit.jupiter.api.Test;

@OnH2
class ChangePasswordViewTest extends ViewTestSupport {

    private static final String INITIAL = "Initial-Pass-9";
    private static final String CHOSEN = "Chosen-Pass-42";

    @Test
    void aWrongCurrentPasswordIsReportedOnItsFieldAndThePasswordStays() {
        String username = signedInUser();
        navigate(ChangePasswordView.class);

        change("Not-The-Pass-1", CHOSEN);

        PasswordField current = find(PasswordField.class).withId("current-password").single();
        assertThat(current.isInvalid()).isTrue();
        assertThat(current.getErrorMessage()).isEqualTo(t("password.current.wrong"));
        assertThat(signInSucceeds(username, INITIAL)).isTrue();
    }

    @Test
    void theRightCurrentPasswordLetsTheUserChooseANewOne() {
        String username = signedInUser();
        navigate(ChangePasswordView.class);

        change(INITIAL, CHOSEN);

        assertThat(notifications()).contains(t("password.change.done"));
        assertThat(signInSucceeds(username, CHOSEN)).isTrue();
    }

    @Test
    void aVoluntaryChangeNeedsNoExplanation() {
        signedInUser();
        navigate(ChangePasswordView.class);

        assertThat(find(Paragraph.class).withId("forced-change").exists()).isFalse();
    }

    @Test
    void aUserWithAnInitialPasswordIsSentHereAndToldWhy() {
        String username = uniqueName("reset");
        long id = accounts.createWithPassword(username, INITIAL, PresetRole.USER);
        accounts.signInAsAdmin();
        context.getBean(UserService.class).resetPassword(id);
        accounts.signInAs(username);

        navigate("", ChangePasswordView.class);

        assertThat(find(Paragraph.class).withId("forced-change").single().getText())
                .isEqualTo(t("password.change.forced"));
    }

    private String signedInUser() {
        String username = uniqueName("pw");
        accounts.createWithPassword(username, INITIAL, PresetRole.USER);
        accounts.signInAs(username);
        return username;
    }

    private void change(String current, String chosen) {
        fill(PasswordField.class, "current-password", current);
        fill(PasswordField.class, "new-password", chosen);
        fill(PasswordField.class, "confirm-password", chosen);
        click("save-password");
    }
}
