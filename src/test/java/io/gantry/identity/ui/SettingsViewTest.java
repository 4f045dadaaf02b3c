package io.gantry.identity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.AccountService;
import io.gantry.identity.Language;
import io.gantry.identity.Preferences;
import io.gantry.identity.PresetRole;
import io.gantry.identity.Theme;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class SettingsViewTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;

    private String username;

    @BeforeEach
    void signIn() {
        username = newAccount("settings", PresetRole.USER);
        accounts.signInAs(username);
    }

    @Test
    void theChosenThemeLanguageAndRefreshIntervalAreSaved() {
        navigate(SettingsView.class);

        RadioButtonGroup<?> theme = find(RadioButtonGroup.class).withId("theme").single();
        test(theme).selectItem(t("settings.theme.dark"));
        choose("language", t("language.zh-TW"));
        choose("refresh", t("settings.refresh.seconds", 10));
        click("save-settings");

        assertThat(accountService.preferences()).isEqualTo(new Preferences(Theme.DARK, Language.ZH_TW, 10));
    }

    @Test
    void likeTheBrowserSavesNoLanguageOfItsOwn() {
        accountService.savePreferences(new Preferences(Theme.LIGHT, Language.ZH_CN, 0));
        navigate(SettingsView.class);

        choose("language", t("settings.language.browser"));
        click("save-settings");

        assertThat(accountService.preferences()).isEqualTo(new Preferences(Theme.LIGHT, null, 0));
    }

    @Test
    void likeTheBrowserBringsBackTheBrowsersLanguage() {
        accountService.savePreferences(new Preferences(Theme.SYSTEM, Language.ZH_TW, 30));
        signInAgain();
        navigate(SettingsView.class);
        assertThat(title()).isNotEqualTo(t("menu.settings"));

        // The list speaks the chosen language by now.
        choose("language", UI.getCurrent().getTranslation("settings.language.browser"));
        click("save-settings");
        signInAgain();
        navigate(SettingsView.class);

        assertThat(title()).isEqualTo(t("menu.settings"));
    }

    /** A new request brings the saved settings into the session, as the reload after saving does. */
    private void signInAgain() {
        accounts.signInAs(username);
    }

    private String title() {
        return find(H2.class).single().getText();
    }

    private void choose(String id, String label) {
        Select<?> select = find(Select.class).withId(id).single();
        test(select).selectItem(label);
    }
}
