package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.shared.Permission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class RolesViewTest extends ViewTestSupport {

    @Autowired
    RoleService roleService;

    @BeforeEach
    void signInAsAdministrator() {
        accounts.signInAsAdmin();
    }

    @Test
    void onlyCustomRolesOfferDelete() {
        String custom = newCustomRole();
        navigate(RolesView.class);

        List<RoleInfo> shown = rows(roles());
        for (int row = 0; row < shown.size(); row++) {
            boolean deletable = !deleteButtons(row).isEmpty();
            assertThat(deletable).as(shown.get(row).name()).isEqualTo(!shown.get(row).isPreset());
        }
        assertThat(shown).extracting(RoleInfo::name).contains(custom);
    }

    @Test
    void deletingACustomRoleAsksFirstAndThenRemovesIt() {
        String doomed = newCustomRole();
        navigate(RolesView.class);

        test(deleteButtons(rowOf(doomed)).getFirst()).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", doomed));
        test(confirm).confirm();

        assertThat(roleService.all()).extracting(RoleInfo::name).doesNotContain(doomed);
        assertThat(rows(roles())).extracting(RoleInfo::name).doesNotContain(doomed);
    }

    private Grid<RoleInfo> roles() {
        return grid("roles");
    }

    private List<Button> deleteButtons(int row) {
        return find(Button.class, operations(roles(), row)).withText(t("action.delete")).all();
    }

    private int rowOf(String name) {
        return rows(roles()).stream().map(RoleInfo::name).toList().indexOf(name);
    }

    private String newCustomRole() {
        String name = uniqueName("role");
        roleService.create(name, "Made for a test", Set.of(Permission.TASKS_USE));
        return name;
    }
}
