package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.GroupService;
import io.gantry.identity.PresetRole;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class GroupsViewTest extends ViewTestSupport {

    @Autowired
    GroupService groupService;

    @BeforeEach
    void signInAsAdministrator() {
        accounts.signInAsAdmin();
    }

    @Test
    void theSearchNarrowsTheListToTheMatchingGroups() {
        String wanted = newGroup();
        newGroup();
        navigate(GroupsView.class);

        fill(TextField.class, "search", wanted);

        assertThat(column(groups(), t("group.name"))).containsExactly(wanted);
    }

    @Test
    void deletingAGroupAsksFirstAndThenRemovesIt() {
        String doomed = newGroup();
        navigate(GroupsView.class);
        fill(TextField.class, "search", doomed);

        test(find(Button.class, operations(groups(), 0)).withText(t("action.delete")).single()).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", doomed));
        test(confirm).confirm();

        assertThat(groupService.search(doomed, 0, 10)).isEmpty();
        assertThat(test(groups()).size()).isZero();
    }

    @Test
    void theNewGroupButtonOpensTheWizard() {
        navigate(GroupsView.class);

        click("create-group");

        assertThat(getCurrentView()).isInstanceOf(CreateGroupView.class);
    }

    private Grid<GroupInfo> groups() {
        return grid("groups");
    }

    private String newGroup() {
        String name = uniqueName("grp");
        groupService.create(name, "Made for a test", Set.of(presetRole(PresetRole.USER).id()));
        return name;
    }
}
