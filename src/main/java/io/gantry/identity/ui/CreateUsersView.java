package io.gantry.identity.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import io.gantry.identity.CreatedUser;
import io.gantry.identity.NewUser;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.identity.UserFields;
import io.gantry.identity.UserService;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.CopyToClipboardButton;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The create-users wizard (Apulis 4.2.3): user info → roles → confirm, up to ten users at a time. Each gets a
 * strong initial password, editable on the confirm step and shown once after creation.
 */
@Route("admin/users/new")
@RolesAllowed(Permission.Names.USERS_MANAGE)
@MenuItem(group = MenuGroup.USER_MANAGEMENT, title = "ums.create-user", icon = "vaadin:plus", order = 2)
public class CreateUsersView extends VerticalLayout {

    private final UserService users;
    private final WizardSteps steps = new WizardSteps("ums.step.user-info", "ums.step.roles", "ums.step.confirm");
    private final Div content = new Div();
    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout rowsLayout = new VerticalLayout();
    private final Button addRow = new Button(VaadinIcon.PLUS.create());
    private final CheckboxGroup<RoleInfo> roles = new CheckboxGroup<>();
    private final List<TextField> passwords = new ArrayList<>();
    /** Problems are named "row.field" after the row they are about. */
    private final FormFields rowFields = new FormFields().withEach(() -> {
        Map<String, HasValidation> fields = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = i;
            rows.get(i).fields().forEach((name, field) -> fields.put(index + "." + name, field));
        }
        return fields;
    });
    private final FormFields passwordFields = new FormFields().withEach(() -> {
        Map<String, HasValidation> fields = new HashMap<>();
        for (int i = 0; i < passwords.size(); i++) {
            fields.put(i + ".password", passwords.get(i));
        }
        return fields;
    });

    public CreateUsersView(UserService users, RoleService roleService) {
        this.users = users;
        addClassName("gantry-page");
        add(new H2(getTranslation("ums.create-user")), steps, content);
        content.setWidthFull();

        rowsLayout.setPadding(false);
        addRow.setText(getTranslation("ums.wizard.add-row"));
        addRow.setId("add-row");
        addRow.addClickListener(e -> addRow());
        addRow();

        List<RoleInfo> allRoles = roleService.all();
        roles.setLabel(getTranslation("user.roles"));
        roles.setItems(allRoles);
        roles.setItemLabelGenerator(RoleLabels::name);
        roles.setRequiredIndicatorVisible(true);
        roles.setId("roles");
        allRoles.stream().filter(r -> r.preset() == PresetRole.USER).findFirst().ifPresent(r -> roles.select(r));
        showInfo();
    }

    /** The fields of one user in step 1. */
    private final class Row extends HorizontalLayout {
        final TextField username = new TextField(getTranslation("user.username"));
        final TextField nickname = new TextField(getTranslation("user.nickname"));
        final TextField phone = new TextField(getTranslation("user.phone"));
        final EmailField email = new EmailField(getTranslation("user.email"));
        final TextField description = new TextField(getTranslation("user.description"));
        final IntegerField maxJobHours = new IntegerField(getTranslation("user.max-job-hours"));

        Row() {
            username.setRequiredIndicatorVisible(true);
            username.setMaxLength(UserFields.USERNAME_MAX);
            nickname.setRequiredIndicatorVisible(true);
            nickname.setMaxLength(UserFields.NICKNAME_MAX);
            phone.setMaxLength(UserFields.PHONE_MAX);
            email.setMaxLength(UserFields.EMAIL_MAX);
            description.setMaxLength(UserFields.DESCRIPTION_MAX);
            maxJobHours.setMin(1);
            maxJobHours.setMax(UserFields.MAX_JOB_HOURS_LIMIT);
            username.setWidth("11em");
            nickname.setWidth("11em");
            phone.setWidth("10em");
            email.setWidth("13em");
            description.setWidth("13em");
            maxJobHours.setWidth("12em");
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> removeRow(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("action.remove"));
            add(username, nickname, phone, email, description, maxJobHours, remove);
            setAlignItems(FlexComponent.Alignment.BASELINE);
            setWrap(true);
            addClassName("wizard-row");
        }

        NewUser value() {
            return new NewUser(username.getValue().strip(), nickname.getValue().strip(), phone.getValue().strip(),
                    email.getValue().strip(), description.getValue().strip(), maxJobHours.getValue());
        }

        Map<String, HasValidation> fields() {
            return Map.of("username", username, "nickname", nickname, "phone", phone, "email", email,
                    "description", description, "maxJobHours", maxJobHours);
        }
    }

    private void addRow() {
        if (rows.size() >= UserService.MAX_USERS_PER_WIZARD) {
            return;
        }
        Row row = new Row();
        row.username.setId("username-" + rows.size());
        row.nickname.setId("nickname-" + rows.size());
        row.phone.setId("phone-" + rows.size());
        row.email.setId("email-" + rows.size());
        row.description.setId("description-" + rows.size());
        row.maxJobHours.setId("max-job-hours-" + rows.size());
        rows.add(row);
        rowsLayout.add(row);
        addRow.setEnabled(rows.size() < UserService.MAX_USERS_PER_WIZARD);
    }

    private void removeRow(Row row) {
        if (rows.size() > 1) {
            rows.remove(row);
            rowsLayout.remove(row);
            addRow.setEnabled(true);
        }
    }

    private void showInfo() {
        steps.show(0);
        content.removeAll();
        Paragraph limit = new Paragraph(getTranslation("ums.wizard.limit", UserService.MAX_USERS_PER_WIZARD));
        Button next = new Button(getTranslation("action.next"), e -> {
            rows.forEach(r -> r.fields().values().forEach(f -> f.setInvalid(false)));
            try {
                users.validate(values());
                showRoles();
            } catch (InvalidInput problems) {
                rowFields.show(problems);
            }
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.setId("next");
        Button cancel = new Button(getTranslation("action.cancel"),
                e -> getUI().ifPresent(ui -> ui.navigate(UsersView.class)));
        content.add(limit, rowsLayout, addRow, new HorizontalLayout(cancel, next));
    }

    private void showRoles() {
        steps.show(1);
        content.removeAll();
        roles.setInvalid(false);
        Button previous = new Button(getTranslation("action.previous"), e -> showInfo());
        Button next = new Button(getTranslation("action.next"), e -> {
            if (roles.getValue().isEmpty()) {
                roles.setErrorMessage(getTranslation("user.roles.required"));
                roles.setInvalid(true);
                return;
            }
            showConfirm();
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.setId("next");
        content.add(roles, new HorizontalLayout(previous, next));
    }

    private void showConfirm() {
        steps.show(2);
        content.removeAll();
        passwords.clear();
        List<NewUser> values = values();
        String roleNames = roles.getValue().stream().map(RoleLabels::name).sorted().collect(Collectors.joining(", "));
        VerticalLayout summary = new VerticalLayout();
        summary.setPadding(false);
        for (int i = 0; i < values.size(); i++) {
            NewUser user = values.get(i);
            TextField password = new TextField(getTranslation("ums.wizard.initial-password"));
            password.setValue(users.proposeInitialPassword());
            password.setWidth("18em");
            password.setId("password-" + i);
            passwords.add(password);
            Paragraph who = new Paragraph(user.nickname() + " (" + user.username() + ") · " + roleNames);
            // Everything entered is shown once more before it is saved (Apulis 4.2.3, "Create User & Confirm").
            Div details = new Div(detail("user.phone", user.phone()), detail("user.email", user.email()),
                    detail("user.description", user.description()),
                    detail("user.max-job-hours", user.maxJobHours()));
            details.setId("details-" + i);
            VerticalLayout person = new VerticalLayout(who, details);
            person.setPadding(false);
            person.setSpacing(false);
            HorizontalLayout line = new HorizontalLayout(person, password);
            line.setAlignItems(FlexComponent.Alignment.BASELINE);
            summary.add(line);
        }
        Button previous = new Button(getTranslation("action.previous"), e -> showRoles());
        Button submit = new Button(getTranslation("action.submit"), e -> submit(values));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("submit");
        content.add(new Paragraph(getTranslation("ums.wizard.confirm-text")), summary,
                new HorizontalLayout(previous, submit));
    }

    private Span detail(String labelKey, Object value) {
        Span detail = new Span(getTranslation("ums.wizard.detail", getTranslation(labelKey), Formats.orDash(value)));
        detail.getStyle().set("margin-inline-end", "var(--lumo-space-l)");
        return detail;
    }

    private void submit(List<NewUser> values) {
        passwords.forEach(p -> p.setInvalid(false));
        Set<Long> roleIds = roles.getValue().stream().map(RoleInfo::id).collect(Collectors.toSet());
        try {
            List<CreatedUser> created = users.create(values, roleIds,
                    passwords.stream().map(TextField::getValue).toList());
            showCreated(created);
        } catch (InvalidInput problems) {
            if (passwordFields.placesAll(problems)) {
                passwordFields.show(problems);
            } else {
                showInfo();
                rowFields.show(problems);
            }
        }
    }

    private void showCreated(List<CreatedUser> created) {
        Dialog dialog = new Dialog(getTranslation("ums.wizard.created", created.size()));
        dialog.setId("created-users");
        dialog.add(new Paragraph(getTranslation("ums.password-once.text")));
        Grid<CreatedUser> grid = new Grid<>();
        grid.addColumn(CreatedUser::username).setHeader(getTranslation("user.username"));
        grid.addColumn(CreatedUser::initialPassword).setHeader(getTranslation("ums.wizard.initial-password"))
                .setPartNameGenerator(u -> "secret");
        grid.addComponentColumn(u -> {
            CopyToClipboardButton copy = new CopyToClipboardButton(u.initialPassword());
            copy.setId("copy-password-" + u.username());
            return copy;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(created);
        grid.setAllRowsVisible(true);
        grid.setWidth("36em");
        dialog.add(grid);
        Button done = new Button(getTranslation("action.close"), e -> {
            dialog.close();
            getUI().ifPresent(ui -> ui.navigate(UsersView.class));
        });
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("done");
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }

    private List<NewUser> values() {
        return rows.stream().map(Row::value).toList();
    }
}
