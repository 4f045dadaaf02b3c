package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.GroupService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.UserAccount;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class GroupDetailViewTest extends ViewTestSupport {

    @Autowired
    GroupService groupService;

    private long groupId;
    private String staying;
    private String leaving;

    @BeforeEach
    void groupWithTwoMembers() {
        accounts.signInAsAdmin();
        staying = uniqueName("member");
        leaving = uniqueName("member");
        long stayingId = accounts.create(staying, PresetRole.USER);
        long leavingId = accounts.create(leaving, PresetRole.USER);
        groupId = groupService.create(uniqueName("grp"), "Made for a test", Set.of(presetRole(PresetRole.USER).id()));
        groupService.addMembers(groupId, Set.of(stayingId, leavingId));
    }

    @Test
    void theMembersAreListed() {
        navigate(GroupDetailView.class, groupId);

        assertThat(column(members(), t("user.username"))).containsExactlyInAnyOrder(staying, leaving);
    }

    @Test
    void aRemovedMemberLeavesTheGroup() {
        navigate(GroupDetailView.class, groupId);

        int row = column(members(), t("user.username")).indexOf(leaving);
        test(find(Button.class, operations(members(), row)).withText(t("action.remove")).single()).click();

        assertThat(column(members(), t("user.username"))).containsExactly(staying);
        assertThat(groupService.details(groupId).members()).extracting(UserAccount::username).containsExactly(staying);
    }

    @Test
    void thePickerOffersOnlyThoseNotInTheGroupAndSaysHowManyJoined() {
        String newcomer = newAccount("newcomer", PresetRole.USER);
        navigate(GroupDetailView.class, groupId);

        click("add-members");
        MultiSelectComboBox<UserAccount> choice = find(MultiSelectComboBox.class).withId("user-choice").single();
        test(choice).setFilter(staying);
        assertThat(test(choice).getSuggestionItems()).isEmpty();
        test(choice).setFilter(newcomer);
        assertThat(test(choice).getSuggestionItems()).extracting(UserAccount::username).containsExactly(newcomer);
        choice.setValue(Set.copyOf(test(choice).getSuggestionItems()));
        click("dialog-save");

        assertThat(notifications()).contains("1 user added to " + groupService.details(groupId).group().name() + ".");
        assertThat(column(members(), t("user.username"))).contains(newcomer);
    }

    @Test
    void anUnknownGroupShowsTheNotFoundPage() {
        assertNotFound(GroupDetailView.class, Long.MAX_VALUE, "group");
    }

    private Grid<UserAccount> members() {
        return grid("members");
    }
}
