package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.UserService;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class UserDetailViewTest extends ViewTestSupport {

    @Autowired
    UserService userService;

    private long adminId;

    @BeforeEach
    void signInAsAdministrator() {
        adminId = accounts.signInAsAdmin().id();
    }

    @Test
    void theUsersRolesAreListed() {
        long id = accounts.create(uniqueName("detail"), PresetRole.USER, PresetRole.ANNOTATOR);

        navigate(UserDetailView.class, id);

        assertThat(Arrays.asList(shownRoles().split(", ")))
                .containsExactlyInAnyOrder(roleName(PresetRole.USER), roleName(PresetRole.ANNOTATOR));
    }

    @Test
    void theRolesChosenInTheEditDialogAreSavedAndShown() {
        long id = accounts.create(uniqueName("detail"), PresetRole.USER);
        navigate(UserDetailView.class, id);

        click("edit-roles");
        CheckboxGroup<?> choice = find(CheckboxGroup.class).withId("role-choice").single();
        test(choice).deselectItem(roleName(PresetRole.USER));
        test(choice).selectItem(roleName(PresetRole.ANNOTATOR));
        click("dialog-save");

        assertThat(userService.details(id).roles()).extracting(RoleInfo::preset).containsExactly(PresetRole.ANNOTATOR);
        assertThat(shownRoles()).isEqualTo(roleName(PresetRole.ANNOTATOR));
    }

    @Test
    void anOrdinaryUserIsDeletedAfterConfirmation() {
        String username = uniqueName("detail");
        long id = accounts.create(username, PresetRole.USER);
        navigate(UserDetailView.class, id);

        click("delete-user");
        test(find(ConfirmDialog.class).single()).confirm();

        assertThat(userService.search(username, 0, 10)).isEmpty();
        assertThat(getCurrentView()).isInstanceOf(UsersView.class);
    }

    @Test
    void aOneTimePasswordIsShownWithACopyButtonThatConfirmsTheCopy() {
        navigate(UserDetailView.class, adminId);
        RelationDialogs.passwordOnce("someone", "Once-Only-Pass-1");

        assertThat(find(com.vaadin.flow.component.html.Paragraph.class).withId("shown-password").single().getText())
                .isEqualTo("Once-Only-Pass-1");
        click("copy-password");
        roundTrip();

        var copy = UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(js -> js.getInvocation().getExpression().contains("navigator.clipboard.writeText"))
                .findFirst().orElseThrow();
        assertThat(copy.getInvocation().getParameters()).contains("Once-Only-Pass-1");
        copy.complete(tools.jackson.databind.node.JsonNodeFactory.instance.booleanNode(true));
        assertThat(notifications()).contains(t("clipboard.copied"));
    }

    @Test
    void resettingThePasswordAsksFirstAndShowsTheNewPasswordOnlyWhenConfirmed() {
        String username = uniqueName("reset");
        long id = accounts.create(username, PresetRole.USER);
        navigate(UserDetailView.class, id);

        click("reset-password");
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-reset-password").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("ums.reset-password.title", username));
        assertThat(find(Paragraph.class).withId("shown-password").exists()).isFalse();
        test(confirm).confirm();

        String shown = find(Paragraph.class).withId("shown-password").single().getText();
        assertThat(signInSucceeds(username, shown)).isTrue();
    }

    @Test
    void theBuiltInAdministratorCannotBeDeleted() {
        navigate(UserDetailView.class, adminId);

        assertThat(find(Button.class).withId("delete-user").single().isEnabled()).isFalse();
    }

    @Test
    void anUnknownUserShowsTheNotFoundPage() {
        assertNotFound(UserDetailView.class, Long.MAX_VALUE, "user");
    }

    private String shownRoles() {
        return find(Span.class).withId("roles").single().getText();
    }

    private String roleName(PresetRole preset) {
        return presetRole(preset).name();
    }
}
