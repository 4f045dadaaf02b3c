package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import io.gantry.identity.UserRef;
import io.gantry.project.Member;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import java.util.stream.Collectors;

/**
 * A project's members with their roles; its managers and platform admins add members, appoint and remove them. After
 * a change the page is drawn again ({@code changed}), since the figures above the section count the members too.
 */
class MembersSection extends VerticalLayout {

    private final ProjectService projects;
    private final long projectId;
    private final Runnable changed;

    MembersSection(ProjectService projects, long projectId, String projectName, boolean manages, Runnable changed) {
        this.projects = projects;
        this.projectId = projectId;
        this.changed = changed;
        setPadding(false);
        Grid<Member> grid = new Grid<>();
        grid.addColumn(Member::username).setHeader(getTranslation("user.username")).setAutoWidth(true);
        grid.addColumn(Member::nickname).setHeader(getTranslation("user.nickname")).setAutoWidth(true);
        grid.addComponentColumn(m -> ProjectBadges.role(m.role())).setHeader(getTranslation("project.role"))
                .setAutoWidth(true);
        grid.addColumn(m -> Formats.dateTime(m.addedAt())).setHeader(getTranslation("project.joined")).setAutoWidth(true);
        if (manages) {
            grid.addComponentColumn(m -> {
                ProjectRole other = m.role() == ProjectRole.MANAGER ? ProjectRole.MEMBER : ProjectRole.MANAGER;
                Button role = new Button(getTranslation(other == ProjectRole.MANAGER ? "project.make-manager"
                        : "project.make-member"), e -> act(() -> projects.setRole(projectId, m.userId(), other)));
                role.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                role.setId("role-" + m.username());
                Button remove = new Button(getTranslation("action.remove"), e -> act(() ->
                        projects.removeMember(projectId, m.userId())));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                remove.setId("remove-" + m.username());
                return new HorizontalLayout(role, remove);
            }).setHeader(getTranslation("common.operation")).setAutoWidth(true);
        }
        grid.setItems(projects.members(projectId));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("project.members.empty"));
        grid.setId("members");
        Button add = new Button(getTranslation("project.add-members"), e -> addMembers(projectName));
        add.setId("add-members");
        add.setVisible(manages);
        add(Ui.sectionHeader("project.members", add), grid);
    }

    private void addMembers(String projectName) {
        Dialog dialog = new Dialog(getTranslation("project.add-members"));
        MultiSelectComboBox<UserRef> users = new MultiSelectComboBox<>(getTranslation("ums.users"));
        // Only those who are not members yet: adding a member again would change nothing.
        users.setItems(q -> projects.candidates(projectId, q.getFilter().orElse(""), q.getOffset(), q.getLimit())
                .stream());
        users.setItemLabelGenerator(UserRef::label);
        users.setWidthFull();
        users.setId("member-choice");
        RadioButtonGroup<ProjectRole> role = new RadioButtonGroup<>(getTranslation("project.role"));
        role.setItems(ProjectRole.values());
        role.setItemLabelGenerator(r -> getTranslation("project.role." + r.name().toLowerCase()));
        role.setValue(ProjectRole.MEMBER);
        role.setId("member-role");
        dialog.add(new VerticalLayout(users, role));
        FormFields formFields = new FormFields().with("members", users);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                int added = projects.addMembers(projectId, users.getValue().stream().map(UserRef::id)
                        .collect(Collectors.toSet()), role.getValue());
                dialog.close();
                Ui.success("project.members.added", added, projectName);
                changed.run();
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("dialog-save");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void act(Runnable action) {
        try {
            action.run();
            changed.run();
        } catch (UserFacingException refused) {
            Ui.refused(refused);
        }
    }
}
