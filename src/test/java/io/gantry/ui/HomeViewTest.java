package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.router.RouterLink;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.AccountService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserAccount;
import io.gantry.identity.ui.NoAccessView;
import io.gantry.shared.ui.Formats;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class HomeViewTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;

    @Test
    void aUserWithoutAnyRoleIsSentToTheNoAccessPageWhichNamesTheAdministrator() {
        accounts.signInAs(newAccount("norole"));

        navigate("", NoAccessView.class);

        UserAccount admin = accountService.administrators().stream()
                .filter(a -> a.username().equals(TestAccounts.ADMIN)).findFirst().orElseThrow();
        assertThat(find(ListItem.class).all()).extracting(ListItem::getText).contains(t("no-access.contact",
                admin.nickname(), admin.username(), Formats.orDash(admin.email()), Formats.orDash(admin.phone())));
    }

    @Test
    void aUserWithARoleIsWelcomedByNicknameAndOfferedOnlyTheScreensTheyMayOpen() {
        SignedInUser user = accounts.signInAs(newAccount("plain", PresetRole.USER));

        navigate(HomeView.class);

        assertThat(find(H1.class).single().getText()).isEqualTo(t("home.welcome", user.nickname()));
        assertThat(linkTexts()).contains(t("menu.profile"), t("menu.settings"), t("menu.operation-log"))
                .doesNotContain(t("menu.ums.users"));
    }

    @Test
    void theAdministratorsStartPageLeadsToUserManagement() {
        accounts.signInAsAdmin();

        navigate(HomeView.class);

        assertThat(linkTexts()).contains(t("menu.ums.users"), t("menu.ums.groups"), t("menu.ums.roles"));
    }

    private List<String> linkTexts() {
        return find(RouterLink.class).all().stream().map(RouterLink::getText).toList();
    }
}
