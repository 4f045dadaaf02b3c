package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.gantry.identity.CurrentUser;
import io.gantry.project.Project;
import io.gantry.project.ProjectExtensionService;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.PageSection;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * A project's detail page (AI-Stack 四.2): its title, status and actions, then its sections: dates and limits, quota
 * usage, members (managers add, remove and appoint them), extension requests, and what other features add (the
 * project's containers). Only members and platform admins find it; for anyone else the project does not exist.
 */
@Route("project")
@PermitAll
public class ProjectDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final ProjectService projects;
    private final ProjectExtensionService extensions;
    private final List<PageSection> sections;
    private long projectId;

    public ProjectDetailView(ProjectService projects, ProjectExtensionService extensions,
                             List<PageSection> sections) {
        this.projects = projects;
        this.extensions = extensions;
        this.sections = sections;
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
                ProjectBadges.status(overview.status()), ProjectBadges.role(overview.myRole()));
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
                    e -> ExtensionDialog.open(extensions, project, this::render));
            extend.setId("request-extension");
            actions.add(extend);
        }
        add(actions);

        add(new ProjectInfoSection(project), new QuotaUsageSection(overview),
                new MembersSection(projects, projectId, project.name(), manages, this::render),
                new ExtensionsSection(extensions, projectId));
        sections.stream().filter(section -> section.page() == PageSection.Page.PROJECT_DETAIL)
                .forEach(section -> section.create(projectId).ifPresent(this::add));
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
}
