package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.shared.Permission;
import io.gantry.shared.PermissionArea;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class RoleEditorViewTest extends ViewTestSupport {

    @Autowired
    RoleService roleService;

    private String name;

    @BeforeEach
    void openTheEditor() {
        accounts.signInAsAdmin();
        name = uniqueName("role");
        navigate(RoleEditorView.class);
        fill(TextField.class, "name", name);
        test(find(TextArea.class).withId("description").single()).setValue("Made for a test");
    }

    @Test
    void tickingAnAreaGrantsEveryPermissionOfIt() {
        test(find(Checkbox.class).withId("area-all-" + PermissionArea.DATA.name()).single()).click();
        click("submit");

        RoleInfo role = saved().orElseThrow();
        assertThat(role.isPreset()).isFalse();
        assertThat(role.permissions()).isEqualTo(Set.copyOf(Permission.in(PermissionArea.DATA)));
        assertThat(getCurrentView()).isInstanceOf(RolesView.class);
    }

    @Test
    void aRoleWithoutPermissionsIsRefusedWithAMessage() {
        click("submit");

        Span error = find(Span.class).withId("permissions-error").single();
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo(t("role.permissions.required"));
        assertThat(saved()).isEmpty();
        assertThat(getCurrentView()).isInstanceOf(RoleEditorView.class);
    }

    private Optional<RoleInfo> saved() {
        return roleService.all().stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
