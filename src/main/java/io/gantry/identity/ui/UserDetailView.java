package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.gantry.identity.AccountDetails;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.GroupService;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserEdit;
import io.gantry.identity.UserFields;
import io.gantry.identity.UserService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.PageSection;
import io.gantry.shared.ui.InSystem;
import io.gantry.shared.ui.MenuGroup.AppSystem;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.stream.Collectors;

/** A user's detail page (Apulis 4.2.2): info, roles and groups, each editable; reset password; delete. */
@Route("admin/user")
@InSystem(AppSystem.USER_MANAGEMENT)
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class UserDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final UserService users;
    private final RoleService roles;
    private final GroupService groups;
    private final List<PageSection> sections;
    private long userId;

    public UserDetailView(UserService users, RoleService roles, GroupService groups, List<PageSection> sections) {
        this.users = users;
        this.roles = roles;
        this.groups = groups;
        this.sections = sections;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        userId = id;
        render(users.details(id));
    }

    private void render(AccountDetails details) {
        removeAll();
        UserAccount user = details.account();
        add(new H2(SeededTexts.shown(user.nickname()) + " (" + user.username() + ")"));

        FormLayout info = new FormLayout();
        info.addFormItem(new Span(user.username()), getTranslation("user.username"));
        info.addFormItem(new Span(SeededTexts.shown(user.nickname())), getTranslation("user.nickname"));
        info.addFormItem(new Span(Formats.orDash(user.phone())), getTranslation("user.phone"));
        info.addFormItem(new Span(Formats.orDash(user.email())), getTranslation("user.email"));
        info.addFormItem(new Span(Formats.orDash(user.description())), getTranslation("user.description"));
        info.addFormItem(new Span(Formats.orDash(user.maxJobHours())), getTranslation("user.max-job-hours"));
        info.addFormItem(new Span(Formats.dateTime(user.createdAt())), getTranslation("common.created"));
        Button edit = new Button(getTranslation("action.edit"), e -> editInfo(user));
        edit.setId("edit-info");
        add(Ui.sectionHeader("user.info", edit), info);

        Button editRoles = new Button(getTranslation("action.edit"), e -> RelationDialogs.roles(
                getTranslation("ums.edit-roles"), roles.all(), details.roles().stream().map(RoleInfo::id).toList(),
                ids -> {
                    users.setRoles(userId, ids);
                    render(users.details(userId));
                }));
        editRoles.setId("edit-roles");
        Span roleNames = new Span(joined(details.roles().stream().map(RoleLabels::name)
                .collect(Collectors.joining(", "))));
        roleNames.setId("roles");
        add(Ui.sectionHeader("user.roles", editRoles), roleNames);

        Button editGroups = new Button(getTranslation("action.edit"), e -> RelationDialogs.groups(
                getTranslation("ums.edit-groups"), groups.all(), details.groups().stream().map(GroupInfo::id).toList(),
                ids -> {
                    users.setGroups(userId, ids);
                    render(users.details(userId));
                }));
        editGroups.setId("edit-groups");
        Span groupNames = new Span(joined(details.groups().stream().map(GroupInfo::name)
                .collect(Collectors.joining(", "))));
        groupNames.setId("groups");
        add(Ui.sectionHeader("user.groups", editGroups), groupNames);
        sections.stream().filter(section -> section.page() == PageSection.Page.USER_DETAIL)
                .forEach(section -> section.create(userId).ifPresent(this::add));

        Button reset = new Button(getTranslation("ums.reset-password"),
                e -> RelationDialogs.confirmPasswordReset(user.username(), () -> users.resetPassword(userId)));
        reset.setId("reset-password");
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(user.username(), () -> {
            try {
                users.delete(userId);
                Ui.success("common.deleted", user.username());
                getUI().ifPresent(ui -> ui.navigate(UsersView.class));
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setEnabled(!user.builtin());
        delete.setId("delete-user");
        add(new HorizontalLayout(reset, delete));
    }

    private void editInfo(UserAccount user) {
        TextField nickname = new TextField(getTranslation("user.nickname"));
        nickname.setValue(user.nickname());
        nickname.setMaxLength(UserFields.NICKNAME_MAX);
        nickname.setId("edit-nickname");
        TextField phone = new TextField(getTranslation("user.phone"));
        phone.setValue(user.phone() == null ? "" : user.phone());
        phone.setMaxLength(UserFields.PHONE_MAX);
        EmailField email = new EmailField(getTranslation("user.email"));
        email.setValue(user.email() == null ? "" : user.email());
        email.setMaxLength(UserFields.EMAIL_MAX);
        TextField description = new TextField(getTranslation("user.description"));
        description.setValue(user.description() == null ? "" : user.description());
        description.setMaxLength(UserFields.DESCRIPTION_MAX);
        IntegerField maxJobHours = new IntegerField(getTranslation("user.max-job-hours"));
        FormFields formFields = new FormFields().with("nickname", nickname).with("phone", phone).with("email", email)
                .with("description", description).with("maxJobHours", maxJobHours);
        maxJobHours.setValue(user.maxJobHours());
        maxJobHours.setMin(1);
        maxJobHours.setMax(UserFields.MAX_JOB_HOURS_LIMIT);
        maxJobHours.setId("edit-max-job-hours");
        Dialog dialog = new Dialog(getTranslation("user.info"));
        dialog.add(new FormLayout(nickname, phone, email, description, maxJobHours));
        Button save = new Button(getTranslation("action.save"), e -> {
            Ui.clearInvalid(nickname, phone, email, description, maxJobHours);
            try {
                users.update(userId, new UserEdit(nickname.getValue(), phone.getValue(), email.getValue(),
                        description.getValue(), maxJobHours.getValue()));
                dialog.close();
                Ui.success("common.saved");
                render(users.details(userId));
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("dialog-save");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private String joined(String text) {
        return text.isEmpty() ? getTranslation("common.none") : text;
    }
}
