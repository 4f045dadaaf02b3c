package io.gantry.identity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarTester;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import io.gantry.OnH2;
import io.gantry.ListUrls;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserService;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class UsersViewTest extends ViewTestSupport {

    @Autowired
    UserService userService;

    @BeforeEach
    void signInAsAdministrator() {
        accounts.signInAsAdmin();
    }

    @Test
    void theSearchNarrowsTheListToTheMatchingUsers() {
        String wanted = newAccount("wanted");
        newAccount("other");
        navigate(UsersView.class);

        search(wanted);

        assertThat(column(users(), t("user.username"))).containsExactly(wanted);
    }

    @Test
    void theSearchAndTheSortComeFromTheUrlAndChangingThemReplacesIt() {
        String tag = TestAccounts.uniqueName("url");
        accounts.create(tag + "a");
        accounts.create(tag + "c");
        accounts.create(tag + "b");

        ListUrls.open(UsersView.class, Map.of("q", tag, "sort", "-username"));

        assertThat(column(users(), t("user.username"))).containsExactly(tag + "c", tag + "b", tag + "a");
        test(users()).sortByColumn(headers(users()).indexOf(t("user.username")), SortDirection.ASCENDING);
        assertThat(column(users(), t("user.username"))).containsExactly(tag + "a", tag + "b", tag + "c");
        assertThat(ListUrls.lastReplacedParameters("admin/users")).isEqualTo(Map.of("q", tag, "sort", "username"));
        assertThat(users().getColumns()).allMatch(Grid.Column::isResizable);
    }

    @Test
    void deletingAUserAsksFirstAndThenRemovesIt() {
        String doomed = newAccount("doomed", PresetRole.USER);
        navigate(UsersView.class);
        search(doomed);

        new MenuBarTester<>(operationsOf(0)).clickItem(t("common.more"), t("action.delete"));
        ConfirmDialog confirm = find(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", doomed));
        test(confirm).confirm();

        assertThat(userService.search(doomed, 0, 10)).isEmpty();
        assertThat(test(users()).size()).isZero();
    }

    @Test
    void cancellingTheDeleteKeepsTheUser() {
        String kept = newAccount("kept", PresetRole.USER);
        navigate(UsersView.class);
        search(kept);

        new MenuBarTester<>(operationsOf(0)).clickItem(t("common.more"), t("action.delete"));
        test(find(ConfirmDialog.class).single()).cancel();

        assertThat(userService.search(kept, 0, 10)).extracting(UserAccount::username).containsExactly(kept);
    }

    @Test
    void theBuiltInAdministratorCannotBeDeleted() {
        navigate(UsersView.class);
        search(TestAccounts.ADMIN);

        int row = rows(users()).stream().map(UserAccount::username).toList().indexOf(TestAccounts.ADMIN);
        MenuItem delete = operationsOf(row).getItems().getFirst().getSubMenu().getItems().stream()
                .filter(item -> item.getText().equals(t("action.delete"))).findFirst().orElseThrow();
        assertThat(delete.isEnabled()).isFalse();
    }

    private Grid<UserAccount> users() {
        return grid("users");
    }

    private void search(String text) {
        fill(TextField.class, "search", text);
    }

    private MenuBar operationsOf(int row) {
        return (MenuBar) operations(users(), row);
    }
}
