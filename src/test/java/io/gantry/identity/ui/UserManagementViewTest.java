package io.gantry.identity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.UserManagementCounts;
import io.gantry.identity.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class UserManagementViewTest extends ViewTestSupport {

    @Autowired
    UserService userService;

    @BeforeEach
    void signInAsAdministrator() {
        accounts.signInAsAdmin();
    }

    @Test
    void theNumbersOfUsersGroupsAndRolesAreShown() {
        navigate(UserManagementView.class);

        UserManagementCounts counts = userService.counts();
        assertThat(figure("count-users")).isEqualTo(String.valueOf(counts.users()));
        assertThat(figure("count-groups")).isEqualTo(String.valueOf(counts.groups()));
        assertThat(figure("count-roles")).isEqualTo(String.valueOf(counts.roles()));
    }

    @Test
    void aNewUserIsCountedTheNextTimeTheDashboardOpens() {
        navigate(UserManagementView.class);
        int before = Integer.parseInt(figure("count-users"));

        newAccount("counted");
        navigate(UserManagementView.class);

        assertThat(Integer.parseInt(figure("count-users"))).isGreaterThan(before);
    }

    @Test
    void eachCreateButtonOpensItsWizard() {
        assertThat(afterClicking("create-users")).isInstanceOf(CreateUsersView.class);
        assertThat(afterClicking("create-groups")).isInstanceOf(CreateGroupView.class);
        assertThat(afterClicking("create-roles")).isInstanceOf(RoleEditorView.class);
    }

    private String figure(String id) {
        return find(Div.class).withId(id).single().getText();
    }

    private Component afterClicking(String buttonId) {
        navigate(UserManagementView.class);
        click(buttonId);
        return (Component) getCurrentView();
    }
}
