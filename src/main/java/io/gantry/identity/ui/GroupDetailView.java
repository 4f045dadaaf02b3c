package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.gantry.identity.GroupDetails;
import io.gantry.identity.GroupService;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.identity.UserAccount;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.InSystem;
import io.gantry.shared.ui.MenuGroup.AppSystem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/** A group's detail page (Apulis 4.2.7): info, its roles, its members; add and remove members; delete. */
@Route("admin/group")
@InSystem(AppSystem.USER_MANAGEMENT)
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class GroupDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final GroupService groups;
    private final RoleService roles;
    private long groupId;

    public GroupDetailView(GroupService groups, RoleService roles) {
        this.groups = groups;
        this.roles = roles;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        groupId = id;
        render(groups.details(id));
    }

    private void render(GroupDetails details) {
        removeAll();
        add(new H2(details.group().name()));
        FormLayout info = new FormLayout();
        info.addFormItem(new Span(details.group().name()), getTranslation("group.name"));
        info.addFormItem(new Span(details.group().description()), getTranslation("group.description"));
        info.addFormItem(new Span(Formats.dateTime(details.group().createdAt())), getTranslation("common.created"));
        Button edit = new Button(getTranslation("action.edit"), e -> editInfo(details));
        edit.setId("edit-info");
        add(Ui.sectionHeader("group.info", edit), info);

        Grid<RoleInfo> roleGrid = new Grid<>();
        roleGrid.addColumn(RoleLabels::name).setHeader(getTranslation("role.name"));
        roleGrid.addColumn(r -> Formats.orDash(r.description())).setHeader(getTranslation("role.description"));
        roleGrid.addComponentColumn(r -> {
            Button remove = new Button(getTranslation("action.remove"), e -> {
                groups.setRoles(groupId, details.roles().stream().map(RoleInfo::id).filter(id -> id != r.id())
                        .collect(Collectors.toSet()));
                render(groups.details(groupId));
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            return remove;
        }).setHeader(getTranslation("common.operation"));
        roleGrid.setItems(details.roles());
        roleGrid.setAllRowsVisible(true);
        roleGrid.setEmptyStateText(getTranslation("common.no-data"));
        roleGrid.setId("group-roles");
        Button editRoles = new Button(getTranslation("action.edit"), e -> RelationDialogs.roles(
                getTranslation("ums.edit-roles"), roles.all(), details.roles().stream().map(RoleInfo::id).toList(),
                ids -> {
                    groups.setRoles(groupId, ids);
                    render(groups.details(groupId));
                }));
        editRoles.setId("edit-roles");
        add(Ui.sectionHeader("user.roles", editRoles), roleGrid);

        Grid<UserAccount> members = new Grid<>();
        members.addColumn(UserAccount::nickname).setHeader(getTranslation("user.nickname"));
        members.addColumn(UserAccount::username).setHeader(getTranslation("user.username"));
        members.addColumn(u -> Formats.orDash(u.phone())).setHeader(getTranslation("user.phone"));
        members.addColumn(u -> Formats.orDash(u.email())).setHeader(getTranslation("user.email"));
        members.addColumn(u -> Formats.orDash(u.description())).setHeader(getTranslation("user.description"));
        members.addComponentColumn(u -> {
            Button remove = new Button(getTranslation("action.remove"), e -> {
                groups.removeMember(groupId, u.id());
                render(groups.details(groupId));
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            return remove;
        }).setHeader(getTranslation("common.operation"));
        members.setItems(details.members());
        members.setAllRowsVisible(true);
        members.setEmptyStateText(getTranslation("common.no-data"));
        members.setId("members");
        Button addMembers = new Button(getTranslation("group.add-users"), e -> RelationDialogs.addUsers(
                getTranslation("group.add-users"), details.group().name(),
                (text, offset, limit) -> groups.candidates(groupId, text, offset, limit), ids -> {
                    int added = groups.addMembers(groupId, ids);
                    render(groups.details(groupId));
                    return added;
                }));
        addMembers.setId("add-members");
        add(Ui.sectionHeader("group.members", addMembers), members);

        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(details.group().name(), () -> {
            groups.delete(groupId);
            Ui.success("common.deleted", details.group().name());
            getUI().ifPresent(ui -> ui.navigate(GroupsView.class));
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("delete-group");
        add(delete);
    }

    private void editInfo(GroupDetails details) {
        TextField name = new TextField(getTranslation("group.name"));
        name.setValue(details.group().name());
        name.setMaxLength(GroupService.NAME_MAX);
        TextArea description = new TextArea(getTranslation("group.description"));
        FormFields formFields = new FormFields().with("name", name).with("description", description);
        description.setValue(details.group().description() == null ? "" : details.group().description());
        description.setMaxLength(GroupService.DESCRIPTION_MAX);
        Dialog dialog = new Dialog(getTranslation("group.info"));
        dialog.add(new FormLayout(name, description));
        Button save = new Button(getTranslation("action.save"), e -> {
            Ui.clearInvalid(name, description);
            try {
                groups.update(groupId, name.getValue(), description.getValue());
                dialog.close();
                render(groups.details(groupId));
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}
