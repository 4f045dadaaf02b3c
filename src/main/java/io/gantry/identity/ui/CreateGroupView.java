package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import io.gantry.identity.GroupService;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/** The create-group wizard (Apulis 4.2.6): group info → roles → confirm. */
@Route("admin/groups/new")
@RolesAllowed(Permission.Names.USERS_MANAGE)
@MenuItem(group = MenuGroup.USER_MANAGEMENT, title = "ums.create-group", icon = "vaadin:plus", order = 4)
public class CreateGroupView extends VerticalLayout {

    private final GroupService groups;
    private final WizardSteps steps = new WizardSteps("ums.step.group-info", "ums.step.roles", "ums.step.confirm");
    private final Div content = new Div();
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final FormFields formFields = new FormFields().with("name", name).with("description", description);
    private final CheckboxGroup<RoleInfo> roles = new CheckboxGroup<>();

    public CreateGroupView(GroupService groups, RoleService roleService) {
        this.groups = groups;
        addClassName("gantry-page");
        name.setLabel(getTranslation("group.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(GroupService.NAME_MAX);
        name.setId("name");
        description.setLabel(getTranslation("group.description"));
        description.setRequiredIndicatorVisible(true);
        description.setMaxLength(GroupService.DESCRIPTION_MAX);
        description.setId("description");
        roles.setLabel(getTranslation("user.roles"));
        roles.setItems(roleService.all());
        roles.setItemLabelGenerator(RoleLabels::name);
        roles.setRequiredIndicatorVisible(true);
        roles.setId("roles");
        add(new H2(getTranslation("ums.create-group")), steps, content);
        showInfo();
    }

    private void showInfo() {
        steps.show(0);
        content.removeAll();
        Button next = new Button(getTranslation("action.next"), e -> {
            Ui.clearInvalid(name, description);
            try {
                groups.validate(name.getValue(), description.getValue(), null);
                showRoles();
            } catch (InvalidInput problems) {
                formFields.show(problems);
            }
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.setId("next");
        FormLayout form = new FormLayout(name, description);
        form.setMaxWidth("40em");
        content.add(form, new HorizontalLayout(new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(GroupsView.class))), next));
    }

    private void showRoles() {
        steps.show(1);
        content.removeAll();
        roles.setInvalid(false);
        Button next = new Button(getTranslation("action.next"), e -> {
            if (roles.getValue().isEmpty()) {
                roles.setErrorMessage(getTranslation("user.roles.required"));
                roles.setInvalid(true);
            } else {
                showConfirm();
            }
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.setId("next");
        content.add(roles, new HorizontalLayout(new Button(getTranslation("action.previous"), e -> showInfo()), next));
    }

    private void showConfirm() {
        steps.show(2);
        content.removeAll();
        FormLayout summary = new FormLayout();
        summary.addFormItem(new Span(name.getValue()), getTranslation("group.name"));
        summary.addFormItem(new Span(description.getValue()), getTranslation("group.description"));
        summary.addFormItem(new Span(roles.getValue().stream().map(RoleLabels::name).sorted()
                .collect(Collectors.joining(", "))), getTranslation("user.roles"));
        Button submit = new Button(getTranslation("action.submit"), e -> {
            try {
                long id = groups.create(name.getValue(), description.getValue(),
                        roles.getValue().stream().map(RoleInfo::id).collect(Collectors.toSet()));
                Ui.success("common.created-named", name.getValue().strip());
                getUI().ifPresent(ui -> ui.navigate(GroupDetailView.class, id));
            } catch (InvalidInput problems) {
                showInfo();
                formFields.show(problems);
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("submit");
        content.add(summary, new HorizontalLayout(new Button(getTranslation("action.previous"), e -> showRoles()),
                submit));
    }
}
