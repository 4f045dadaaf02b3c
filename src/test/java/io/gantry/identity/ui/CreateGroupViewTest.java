package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupTester;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.GroupService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleInfo;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class CreateGroupViewTest extends ViewTestSupport {

    @Autowired
    GroupService groupService;

    @BeforeEach
    void openTheWizard() {
        accounts.signInAsAdmin();
        navigate(CreateGroupView.class);
    }

    @Test
    void theWizardCreatesTheGroupWithItsRolesAndOpensIt() {
        String name = uniqueName("grp");
        describe(name);
        click("next");
        roleChoice().selectItem(presetRole(PresetRole.ANNOTATOR).name());
        click("next");
        click("submit");

        GroupInfo group = groupService.search(name, 0, 10).stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow();
        assertThat(groupService.details(group.id()).roles()).extracting(RoleInfo::preset)
                .containsExactly(PresetRole.ANNOTATOR);
        assertThat(getCurrentView()).isInstanceOf(GroupDetailView.class);
    }

    @Test
    void aTakenGroupNameIsReportedOnTheNameField() {
        String taken = uniqueName("grp");
        groupService.create(taken, "Already there", Set.of(presetRole(PresetRole.USER).id()));

        describe(taken);
        click("next");

        TextField name = find(TextField.class).withId("name").single();
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo(t("error.name-taken", taken));
        assertThat(find(CheckboxGroup.class).withId("roles").exists()).isFalse();
    }

    @Test
    void aGroupNeedsAtLeastOneRole() {
        String name = uniqueName("grp");
        describe(name);
        click("next");
        click("next");

        CheckboxGroup<?> roles = find(CheckboxGroup.class).withId("roles").single();
        assertThat(roles.isInvalid()).isTrue();
        assertThat(roles.getErrorMessage()).isEqualTo(t("user.roles.required"));
        assertThat(groupService.search(name, 0, 10)).isEmpty();
    }

    private void describe(String name) {
        fill(TextField.class, "name", name);
        test(find(TextArea.class).withId("description").single()).setValue("Made for a test");
    }

    private CheckboxGroupTester<?, ?> roleChoice() {
        CheckboxGroup<?> roles = find(CheckboxGroup.class).withId("roles").single();
        return test(roles);
    }
}
