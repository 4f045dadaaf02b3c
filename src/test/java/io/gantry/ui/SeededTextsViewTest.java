package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.i18n.I18NProvider;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.cluster.ui.ImagesView;
import io.gantry.identity.AccountService;
import io.gantry.identity.Language;
import io.gantry.identity.Preferences;
import io.gantry.identity.PresetRole;
import io.gantry.identity.Theme;
import io.gantry.identity.ui.RolesView;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the platform itself creates (preset roles, the administrator's nickname, demo images) reads in Chinese. */
@OnH2
class SeededTextsViewTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;

    @Test
    void presetRolesAndDemoImagesReadInTheUsersLanguage() {
        signInSpeakingSimplifiedChinese(newAccount("admin-zh", PresetRole.SYSTEM_ADMIN));

        navigate(RolesView.class);
        assertThat(column(grid("roles"), zh("role.name")))
                .contains(zh("role.preset-name.SYSTEM_ADMIN"), zh("role.preset-name.USER"),
                        zh("role.preset-name.ANNOTATOR"))
                .contains("系统管理员")
                .doesNotContain("System admin", "User", "Annotator");

        navigate(ImagesView.class);
        assertThat(column(grid("images"), zh("images.description")))
                .contains(zh("seeded.image.python-password"), zh("seeded.image.python-key"))
                .doesNotContain(t("seeded.image.python-password"), t("seeded.image.python-key"));
    }

    @Test
    void theSeededNicknameReadsInTheUsersLanguageUntilItIsChanged() {
        String user = newAccount("seeded", PresetRole.USER);
        accounts.signInAs(user);
        accountService.updateProfile(t("seeded.admin-nickname"), "", "");
        signInSpeakingSimplifiedChinese(user);

        navigate(HomeView.class);
        assertThat(find(H1.class).single().getText()).isEqualTo(zh("home.welcome", "管理员"));

        accountService.updateProfile("Ada", "", "");
        accounts.signInAs(user);
        navigate(HomeView.class);
        assertThat(find(H1.class).single().getText()).isEqualTo(zh("home.welcome", "Ada"));
    }

    /** Signs in as the user with Simplified Chinese as their saved language. */
    private void signInSpeakingSimplifiedChinese(String username) {
        accounts.signInAs(username);
        accountService.savePreferences(new Preferences(Theme.SYSTEM, Language.ZH_CN, 0));
        accounts.signInAs(username);
    }

    private static String zh(String key, Object... arguments) {
        return I18NProvider.translate(Locale.SIMPLIFIED_CHINESE, key, arguments);
    }
}
