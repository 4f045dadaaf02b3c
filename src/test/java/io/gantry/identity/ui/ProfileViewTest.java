package io.gantry.identity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.AccountService;
import io.gantry.identity.PresetRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class ProfileViewTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;

    @BeforeEach
    void openOwnProfile() {
        accounts.signInAs(newAccount("profile", PresetRole.USER));
        navigate(ProfileView.class);
    }

    @Test
    void aNewNicknameIsSaved() {
        fill(TextField.class, "nickname", "Renamed Person");
        click("save-profile");

        assertThat(accountService.me().account().nickname()).isEqualTo("Renamed Person");
        assertThat(notifications()).contains(t("profile.saved"));
    }

    @Test
    void aMalformedEmailIsReportedOnItsFieldAndNothingIsSaved() {
        String before = accountService.me().account().email();

        fill(EmailField.class, "email", "no-at-sign");
        click("save-profile");

        EmailField email = find(EmailField.class).withId("email").single();
        assertThat(email.isInvalid()).isTrue();
        assertThat(email.getErrorMessage()).isEqualTo(t("user.email.invalid"));
        assertThat(accountService.me().account().email()).isEqualTo(before);
    }
}
