package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.CreatedUser;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserService;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class CreateUsersViewTest extends ViewTestSupport {

    @Autowired
    UserService userService;

    @BeforeEach
    void openTheWizard() {
        accounts.signInAsAdmin();
        navigate(CreateUsersView.class);
    }

    @Test
    void theWizardCreatesTheUsersWithTheirRoleAndShowsEachInitialPassword() {
        String first = uniqueName("made");
        String second = uniqueName("made");
        fillRow(0, first);
        click("add-row");
        fillRow(1, second);

        click("next");
        assertThat(roleChoice().getValue()).extracting(RoleInfo::preset).containsExactly(PresetRole.USER);
        click("next");
        click("submit");

        Dialog created = find(Dialog.class).withId("created-users").single();
        Grid<CreatedUser> shown = find(Grid.class, created).single();
        List<String> usernames = List.of(first, second);
        assertThat(column(shown, t("user.username"))).isEqualTo(usernames);
        List<String> passwords = column(shown, t("ums.wizard.initial-password"));
        assertThat(passwords).allSatisfy(password -> assertThat(password).isNotBlank());
        for (int i = 0; i < usernames.size(); i++) {
            String username = usernames.get(i);
            UserAccount account = saved(username);
            assertThat(account.mustChangePassword()).isTrue();
            assertThat(userService.details(account.id()).roles()).extracting(RoleInfo::preset)
                    .containsExactly(PresetRole.USER);
            assertThat(signInSucceeds(username, passwords.get(i))).isTrue();
        }

        // Each password has its copy button, which hands that password to the browser's clipboard.
        Button copy = (Button) test(shown).getCellComponent(1, shown.getColumns().size() - 1);
        assertThat(copy.getId()).contains("copy-password-" + second);
        test(copy).click();
        roundTrip();
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(js -> js.getInvocation().getExpression().contains("navigator.clipboard.writeText"))
                .map(js -> js.getInvocation().getParameters())).singleElement()
                .satisfies(parameters -> assertThat(parameters).contains(passwords.get(1)));
    }

    @Test
    void theConfirmStepShowsEverythingEnteredForEachUser() {
        String full = uniqueName("full");
        String sparse = uniqueName("sparse");
        fillRow(0, full);
        fill(TextField.class, "phone-0", "+86 138 0000 1234");
        fill(com.vaadin.flow.component.textfield.EmailField.class, "email-0", full + "@example.com");
        fill(TextField.class, "description-0", "Speech team intern");
        find(com.vaadin.flow.component.textfield.IntegerField.class).withId("max-job-hours-0").single().setValue(36);
        click("add-row");
        fillRow(1, sparse);

        click("next");
        click("next");

        assertThat(find(com.vaadin.flow.component.html.Span.class, details(0)).all())
                .extracting(com.vaadin.flow.component.html.Span::getText).containsExactly(
                        t("ums.wizard.detail", t("user.phone"), "+86 138 0000 1234"),
                        t("ums.wizard.detail", t("user.email"), full + "@example.com"),
                        t("ums.wizard.detail", t("user.description"), "Speech team intern"),
                        t("ums.wizard.detail", t("user.max-job-hours"), "36"));
        assertThat(find(com.vaadin.flow.component.html.Span.class, details(1)).all())
                .extracting(com.vaadin.flow.component.html.Span::getText).containsExactly(
                        t("ums.wizard.detail", t("user.phone"), "-"),
                        t("ums.wizard.detail", t("user.email"), "-"),
                        t("ums.wizard.detail", t("user.description"), "-"),
                        t("ums.wizard.detail", t("user.max-job-hours"), "-"));
    }

    private com.vaadin.flow.component.html.Div details(int row) {
        return find(com.vaadin.flow.component.html.Div.class).withId("details-" + row).single();
    }

    @Test
    void noMoreThanTenUsersCanBeAddedAtOnce() {
        Button addRow = find(Button.class).withId("add-row").single();
        IntStream.range(1, UserService.MAX_USERS_PER_WIZARD).forEach(i -> test(addRow).click());

        assertThat(find(TextField.class).withId("username-9").exists()).isTrue();
        assertThat(addRow.isEnabled()).isFalse();
    }

    @Test
    void aTakenUsernameIsReportedOnItsRowAndNothingIsSaved() {
        String fresh = uniqueName("fresh");
        String taken = newAccount("taken");
        fillRow(0, fresh);
        click("add-row");
        fillRow(1, taken);

        click("next");

        TextField username = find(TextField.class).withId("username-1").single();
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).isEqualTo(t("error.name-taken", taken));
        assertThat(find(TextField.class).withId("username-0").single().isInvalid()).isFalse();
        assertThat(find(CheckboxGroup.class).withId("roles").exists()).isFalse();
        assertThat(userService.search(fresh, 0, 10)).isEmpty();
    }

    @Test
    void aNameTakenWhileTheWizardIsOpenIsReportedOnItsRowAtSubmitAndNothingIsSaved() {
        String fresh = uniqueName("fresh");
        String meanwhile = uniqueName("meanwhile");
        fillRow(0, fresh);
        click("add-row");
        fillRow(1, meanwhile);
        click("next");
        click("next");

        accounts.create(meanwhile);
        click("submit");

        TextField username = find(TextField.class).withId("username-1").single();
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).isEqualTo(t("error.name-taken", meanwhile));
        assertThat(find(Dialog.class).withId("created-users").exists()).isFalse();
        assertThat(userService.search(fresh, 0, 10)).isEmpty();
    }

    private void fillRow(int row, String username) {
        fill(TextField.class, "username-" + row, username);
        fill(TextField.class, "nickname-" + row, "Nick " + username);
    }

    @SuppressWarnings("unchecked")
    private CheckboxGroup<RoleInfo> roleChoice() {
        return find(CheckboxGroup.class).withId("roles").single();
    }

    private UserAccount saved(String username) {
        return userService.search(username, 0, 10).stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow();
    }
}
