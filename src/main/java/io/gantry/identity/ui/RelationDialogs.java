package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserService;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.CopyToClipboardButton;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Ui;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** The dialogs that relate users, groups and roles to each other, shared by the lists and the detail pages. */
final class RelationDialogs {

    private RelationDialogs() {
    }

    /** Choose roles (checkboxes); the choice is handed to {@code save}, which may refuse it. */
    static void roles(String title, List<RoleInfo> all, Collection<Long> selected, Consumer<Set<Long>> save) {
        CheckboxGroup<RoleInfo> roles = new CheckboxGroup<>(Ui.t("user.roles"));
        roles.setItems(all);
        roles.setItemLabelGenerator(RoleLabels::name);
        roles.setValue(all.stream().filter(r -> selected.contains(r.id())).collect(Collectors.toSet()));
        roles.setId("role-choice");
        open(title, roles, () -> save.accept(roles.getValue().stream().map(RoleInfo::id).collect(Collectors.toSet())),
                Map.of("roles", roles));
    }

    static void groups(String title, List<GroupInfo> all, Collection<Long> selected, Consumer<Set<Long>> save) {
        MultiSelectComboBox<GroupInfo> groups = new MultiSelectComboBox<>(Ui.t("user.groups"));
        groups.setItems(all);
        groups.setItemLabelGenerator(GroupInfo::name);
        groups.setValue(all.stream().filter(g -> selected.contains(g.id())).collect(Collectors.toSet()));
        groups.setWidthFull();
        groups.setId("group-choice");
        open(title, groups, () -> save.accept(groups.getValue().stream().map(GroupInfo::id).collect(Collectors.toSet())),
                Map.of());
    }

    /** Choose users from the whole directory, searched lazily. */
    static void users(String title, UserService users, Collection<UserAccount> selected, Consumer<Set<Long>> save) {
        MultiSelectComboBox<UserAccount> choice = new MultiSelectComboBox<>(Ui.t("ums.users"));
        choice.setItems(query -> users.search(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
        choice.setItemLabelGenerator(u -> SeededTexts.shown(u.nickname()) + " (" + u.username() + ")");
        choice.setValue(Set.copyOf(selected));
        choice.setWidthFull();
        choice.setId("user-choice");
        open(title, choice, () -> save.accept(choice.getValue().stream().map(UserAccount::id)
                .collect(Collectors.toSet())), Map.of());
    }

    /** Searches a page of the accounts a picker may offer. */
    @FunctionalInterface
    interface Candidates {
        List<UserAccount> find(String text, int offset, int limit);
    }

    /**
     * Picks users to add to a group: only those not in it yet are offered. {@code add} returns how many joined, and
     * the admin is told so by name of the group.
     */
    static void addUsers(String title, String groupName, Candidates candidates, ToIntFunction<Set<Long>> add) {
        MultiSelectComboBox<UserAccount> choice = new MultiSelectComboBox<>(Ui.t("ums.users"));
        choice.setItems(query -> candidates.find(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
        choice.setItemLabelGenerator(u -> u.nickname() + " (" + u.username() + ")");
        choice.setWidthFull();
        choice.setId("user-choice");
        Dialog dialog = new Dialog(title);
        dialog.setWidth("32em");
        dialog.add(choice);
        Button ok = new Button(Ui.t("action.save"), e -> {
            try {
                int added = add.applyAsInt(choice.getValue().stream().map(UserAccount::id)
                        .collect(Collectors.toSet()));
                dialog.close();
                Ui.success("group.members.added", added, groupName);
            } catch (UserFacingException problem) {
                Ui.refused(problem);
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setId("dialog-save");
        dialog.getFooter().add(new Button(Ui.t("action.cancel"), e -> dialog.close()), ok);
        dialog.open();
    }

    /** Asks before a password is replaced (the old one stops working at once), then shows the new one once. */
    static void confirmPasswordReset(String username, Supplier<String> reset) {
        ConfirmDialog dialog = Confirm.action(Ui.t("ums.reset-password.title", username),
                Ui.t("ums.reset-password.text", username), Ui.t("ums.reset-password"),
                () -> passwordOnce(username, reset.get()));
        dialog.setId("confirm-reset-password");
    }

    /** Shows a new password once, with a note that it will not be shown again. */
    static void passwordOnce(String username, String password) {
        Dialog dialog = new Dialog(Ui.t("ums.password-once.title", username));
        Paragraph value = new Paragraph(password);
        value.addClassName("gantry-secret");
        value.setId("shown-password");
        CopyToClipboardButton copy = new CopyToClipboardButton(password);
        copy.setId("copy-password");
        HorizontalLayout shown = new HorizontalLayout(value, copy);
        shown.setAlignItems(FlexComponent.Alignment.CENTER);
        dialog.add(new Paragraph(Ui.t("ums.password-once.text")), shown);
        Button close = new Button(Ui.t("action.close"), e -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.open();
    }

    private static void open(String title, com.vaadin.flow.component.Component field, Runnable save,
                             Map<String, ? extends com.vaadin.flow.component.HasValidation> fields) {
        Dialog dialog = new Dialog(title);
        dialog.setWidth("32em");
        dialog.add(field);
        FormFields formFields = new FormFields();
        fields.forEach(formFields::with);
        Button ok = new Button(Ui.t("action.save"), e -> {
            try {
                save.run();
                dialog.close();
                Ui.success("common.saved");
            } catch (UserFacingException problem) {
                formFields.show(problem);
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setId("dialog-save");
        dialog.getFooter().add(new Button(Ui.t("action.cancel"), e -> dialog.close()), ok);
        dialog.open();
    }
}
