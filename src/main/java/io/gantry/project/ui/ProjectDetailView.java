package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.UserRef;
import io.gantry.project.ExtensionRequest;
import io.gantry.project.Member;
import io.gantry.project.Project;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.QuotaUse;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Bars;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * A project's detail page (AI-Stack 四.2): dates and limits, quota usage, members (managers add, remove and appoint
 * them), extension requests. Only members and platform admins find it; for anyone else the project does not exist.
 */
@Route("project")
@PermitAll
public class ProjectDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final ProjectService projects;
    private final Clock clock;
    private long projectId;

    public ProjectDetailView(ProjectService projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        projectId = id;
        render();
    }

    private void render() {
        removeAll();
        ProjectOverview overview = projects.overview(projectId);
        Project project = overview.project();
        boolean manages = projects.canManage(projectId);
        boolean admin = CurrentUser.get().map(u -> u.has(Permission.PROJECTS_MANAGE)).orElse(false);

        HorizontalLayout title = new HorizontalLayout(new H2(project.name()),
                ProjectStatus.badge(project, LocalDate.now(clock.withZone(Formats.zone()))),
                ProjectStatus.role(overview.myRole()));
        title.setAlignItems(Alignment.BASELINE);
        add(title);
        if (project.description() != null) {
            add(new Span(project.description()));
        }

        HorizontalLayout actions = new HorizontalLayout();
        if (manages) {
            Button rename = new Button(getTranslation("project.rename"), e -> rename(project));
            rename.setId("rename-project");
            actions.add(rename);
        }
        if (admin) {
            Button settings = new Button(getTranslation("project.settings"),
                    e -> getUI().ifPresent(ui -> ui.navigate(ProjectFormView.class, projectId)));
            settings.setId("project-settings");
            Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(project.name(), () -> {
                try {
                    projects.delete(projectId);
                    Ui.success("common.deleted", project.name());
                    getUI().ifPresent(ui -> ui.navigate(ProjectsView.class));
                } catch (UserFacingException refused) {
                    Ui.refused(refused);
                }
            }));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.setId("delete-project");
            actions.add(settings, delete);
        }
        if (overview.myRole() != null) {
            Button extend = new Button(getTranslation("extension.request"),
                    e -> ExtensionDialog.open(projects, project, this::render));
            extend.setId("request-extension");
            actions.add(extend);
        }
        add(actions);

        FormLayout info = new FormLayout();
        info.addFormItem(new Span(getTranslation("project.dates", Formats.date(project.startDate()),
                Formats.date(project.endDate()))), getTranslation("project.period"));
        info.addFormItem(new Span(limit(project.limits().maxUsers(), "unit.people")), getTranslation("project.max-users"));
        info.addFormItem(new Span(limit(project.limits().maxJobHours(), "unit.hours")),
                getTranslation("project.max-job-hours"));
        info.addFormItem(new Span(limit(project.limits().containerMaxHours(), "unit.hours")),
                getTranslation("project.container-max-hours"));
        info.addFormItem(new Span(limit(project.limits().idleReclaimHours(), "unit.hours")),
                getTranslation("project.idle-reclaim-hours"));
        // Empty means no request ever waits for approval, not an unlimited amount of something.
        Span approval = new Span(project.limits().approvalThreshold() == null
                ? getTranslation("project.approval-threshold.none")
                : limit(project.limits().approvalThreshold(), "unit.devices"));
        approval.setId("approval-threshold");
        info.addFormItem(approval, getTranslation("project.approval-threshold"));
        info.addFormItem(new Span(getTranslation(project.limits().membersSeeAll() ? "common.yes" : "common.no")),
                getTranslation("project.members-see-all"));
        add(Ui.sectionHeader("project.info", null), info);

        Div quotas = new Div();
        quotas.setId("quota-usage");
        for (QuotaUse quota : overview.quotas()) {
            quotas.add(Bars.devices(quota.specName(), quota.used(), quota.granted()));
            if (quota.maxPerUser() != null) {
                quotas.add(new Span(getTranslation("quota.per-user.show", quota.maxPerUser())));
            }
        }
        if (overview.quotas().isEmpty()) {
            quotas.add(new Span(getTranslation("project.no-quota")));
        }
        add(Ui.sectionHeader("project.quota", null), quotas,
                new Span(getTranslation("project.card.figures", overview.members(), overview.running())));

        add(membersSection(manages, project.name()));
        add(extensionsSection());
    }

    private VerticalLayout membersSection(boolean manages, String projectName) {
        Grid<Member> grid = new Grid<>();
        grid.addColumn(Member::username).setHeader(getTranslation("user.username")).setAutoWidth(true);
        grid.addColumn(Member::nickname).setHeader(getTranslation("user.nickname")).setAutoWidth(true);
        grid.addComponentColumn(m -> ProjectStatus.role(m.role())).setHeader(getTranslation("project.role"))
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
        VerticalLayout section = new VerticalLayout(Ui.sectionHeader("project.members", add), grid);
        section.setPadding(false);
        return section;
    }

    private VerticalLayout extensionsSection() {
        Grid<ExtensionRequest> grid = new Grid<>();
        grid.addColumn(r -> Formats.dateTime(r.requestedAt())).setHeader(getTranslation("extension.requested-at"))
                .setAutoWidth(true);
        grid.addColumn(ExtensionRequest::requester).setHeader(getTranslation("extension.requester")).setAutoWidth(true);
        grid.addColumn(ExtensionRequest::days).setHeader(getTranslation("extension.days")).setAutoWidth(true);
        grid.addColumn(ExtensionRequest::reason).setHeader(getTranslation("extension.reason")).setFlexGrow(1);
        grid.addColumn(r -> getTranslation("extension.status." + r.status().name().toLowerCase()))
                .setHeader(getTranslation("extension.status")).setAutoWidth(true);
        grid.addColumn(r -> Formats.orDash(r.decisionMessage())).setHeader(getTranslation("extension.decision"))
                .setFlexGrow(1);
        grid.setItems(projects.extensions(projectId));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("extension.none"));
        grid.setId("extensions");
        VerticalLayout section = new VerticalLayout(Ui.sectionHeader("extension.title", null), grid);
        section.setPadding(false);
        return section;
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
                render();
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("dialog-save");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void rename(Project project) {
        Dialog dialog = new Dialog(getTranslation("project.rename"));
        TextField name = new TextField(getTranslation("project.name"));
        name.setValue(project.name());
        name.setMaxLength(ProjectService.NAME_MAX);
        name.setId("rename-name");
        TextArea description = new TextArea(getTranslation("project.description"));
        description.setValue(project.description() == null ? "" : project.description());
        description.setMaxLength(ProjectService.DESCRIPTION_MAX);
        dialog.add(new FormLayout(name, description));
        FormFields formFields = new FormFields().with("name", name).with("description", description);
        Button save = new Button(getTranslation("action.save"), e -> {
            Ui.clearInvalid(name, description);
            try {
                projects.rename(projectId, name.getValue(), description.getValue());
                dialog.close();
                render();
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
            render();
        } catch (UserFacingException refused) {
            Ui.refused(refused);
        }
    }

    private String limit(Integer value, String unitKey) {
        return value == null ? getTranslation("project.no-limit") : getTranslation(unitKey, value);
    }
}
