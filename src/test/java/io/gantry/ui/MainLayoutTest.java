package io.gantry.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarTester;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.AccountService;
import io.gantry.identity.GroupService;
import io.gantry.identity.Preferences;
import io.gantry.identity.PresetRole;
import io.gantry.identity.Theme;
import io.gantry.identity.ui.GroupDetailView;
import io.gantry.identity.ui.RoleEditorView;
import io.gantry.identity.ui.UserDetailView;
import io.gantry.identity.ui.UserManagementView;
import io.gantry.identity.ui.UsersView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class MainLayoutTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;
    @Autowired
    GroupService groupService;

    @Test
    void theAdministratorSeesTheUserManagementMenuAndTheSystemMenu() {
        accounts.signInAsAdmin();
        navigate(UsersView.class);

        assertThat(sideNavLabels()).contains(t("menu.ums.users"), t("menu.ums.groups"), t("menu.ums.roles"));
        assertThat(find(MenuBar.class).withId("system-menu").exists()).isTrue();
    }

    @Test
    void theUserManagementMenuStaysOnItsDetailPagesAndEditors() {
        long user = accounts.create(uniqueName("shown"), PresetRole.USER);
        accounts.signInAsAdmin();
        long group = groupService.create(uniqueName("grp"), "Made for a test",
                Set.of(presetRole(PresetRole.USER).id()));

        navigate(UserDetailView.class, user);
        assertThat(sideNavLabels()).contains(t("menu.ums.users"), t("menu.ums.groups"), t("menu.ums.roles"));
        navigate(GroupDetailView.class, group);
        assertThat(sideNavLabels()).contains(t("menu.ums.users"), t("menu.ums.groups"), t("menu.ums.roles"));
        navigate(RoleEditorView.class);
        assertThat(sideNavLabels()).contains(t("menu.ums.users"), t("menu.ums.groups"), t("menu.ums.roles"));
    }

    @Test
    void anOrdinaryUserSeesNeitherTheUserManagementMenuNorTheSystemMenu() {
        accounts.signInAs(newAccount("plain", PresetRole.USER));
        navigate(HomeView.class);

        assertThat(sideNavLabels()).isNotEmpty().doesNotContain(t("menu.ums.users"), t("menu.ums.groups"),
                t("menu.ums.roles"));
        assertThat(find(MenuBar.class).withId("system-menu").exists()).isFalse();
    }

    @Test
    void anOrdinaryUserIsRefusedTheUserListEvenByItsAddress() {
        accounts.signInAs(newAccount("plain", PresetRole.USER));

        assertThatThrownBy(() -> navigate(UsersView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
        assertThat(find(UsersView.class).exists()).isFalse();
    }

    @Test
    void theSystemMenuSwitchesToTheUserManagementSystem() {
        accounts.signInAsAdmin();
        navigate(HomeView.class);

        new MenuBarTester<>(find(MenuBar.class).withId("system-menu").single())
                .clickItem(t("shell.system"), t("shell.system.user_management"));

        assertThat(getCurrentView()).isInstanceOf(UserManagementView.class);
        assertThat(sideNavLabels()).contains(t("menu.ums.users"));
    }

    @Test
    void theThemeSwitchSavesTheThemeAndLeavesTheOtherSettingsAlone() {
        accounts.signInAs(newAccount("switch", PresetRole.USER));
        Preferences before = accountService.preferences();
        navigate(HomeView.class);

        test(find(Button.class).withId("theme-switch").single()).click();

        Theme toggled = before.theme() == Theme.DARK ? Theme.LIGHT : Theme.DARK;
        assertThat(accountService.preferences())
                .isEqualTo(new Preferences(toggled, before.language(), before.refreshSeconds()));
    }

    @Test
    void theAvatarKeepsAnEmojiInTheNicknameWhole() {
        String user = newAccount("emoji", PresetRole.USER);
        accounts.signInAs(user);
        accountService.updateProfile("Alice \uD83D\uDC31", "", "");
        accounts.signInAs(user);

        navigate(HomeView.class);

        assertThat(find(Avatar.class).single().getAbbreviation()).isEqualTo("A\uD83D\uDC31");
    }

    private List<String> sideNavLabels() {
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
