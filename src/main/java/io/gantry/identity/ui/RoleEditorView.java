package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.Route;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.InSystem;
import io.gantry.shared.ui.MenuGroup.AppSystem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;

/**
 * Creates or edits a custom role (Apulis 4.2.9): name, description and the permission tree, one branch per area of
 * the platform; ticking an area ticks all its permissions.
 */
@Route("admin/roles/edit")
@InSystem(AppSystem.USER_MANAGEMENT)
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class RoleEditorView extends VerticalLayout implements HasUrlParameter<Long> {

    private final RoleService roles;
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private PermissionTree tree = new PermissionTree(Set.of());
    private FormFields formFields = new FormFields();
    private Long roleId;

    public RoleEditorView(RoleService roles) {
        this.roles = roles;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long id) {
        roleId = id;
        RoleInfo role = id == null ? null : roles.details(id).role();
        removeAll();
        add(new H2(getTranslation(id == null ? "ums.create-role" : "role.edit-title",
                role == null ? "" : RoleLabels.name(role))));
        if (role != null && role.isPreset()) {
            add(new Span(getTranslation("role.preset.fixed", RoleLabels.name(role))));
            return;
        }
        name.setLabel(getTranslation("role.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(RoleService.NAME_MAX);
        name.setId("name");
        description.setLabel(getTranslation("role.description"));
        description.setRequiredIndicatorVisible(true);
        description.setMaxLength(RoleService.DESCRIPTION_MAX);
        description.setId("description");
        if (role != null) {
            name.setValue(role.name());
            description.setValue(role.description() == null ? "" : role.description());
        }
        FormLayout form = new FormLayout(name, description);
        form.setMaxWidth("40em");
        tree = new PermissionTree(role == null ? Set.of() : role.permissions());
        formFields = new FormFields().with("name", name).with("description", description).with("permissions", tree);
        add(form, new Span(getTranslation("role.choose-permissions")), tree);
        Button submit = new Button(getTranslation("action.submit"), e -> submit());
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("submit");
        add(new HorizontalLayout(new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(RolesView.class))), submit));
    }

    private void submit() {
        Ui.clearInvalid(name, description, tree);
        try {
            if (roleId == null) {
                roles.create(name.getValue(), description.getValue(), tree.value());
            } else {
                roles.update(roleId, name.getValue(), description.getValue(), tree.value());
            }
            Ui.success("common.saved");
            getUI().ifPresent(ui -> ui.navigate(RolesView.class));
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }
}
