package io.gantry.project.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.gantry.identity.CurrentUser;
import io.gantry.project.Project;
import io.gantry.project.ProjectRole;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.PageSection;
import io.gantry.shared.ui.Ui;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The project parts of other features' pages: the default project in Settings, a user's projects on their page. */
@Configuration(proxyBeanMethods = false)
class ProjectSections {

    /** Settings › Default project (Apulis 3.14 "Default Virtual Cluster"). */
    @Bean
    PageSection defaultProjectSetting(CurrentProjectService projects) {
        return new PageSection() {
            @Override
            public Page page() {
                return Page.SETTINGS;
            }

            @Override
            public Optional<Component> create(Long subjectId) {
                Map<Project, ProjectRole> mine = projects.mine();
                if (mine.isEmpty()) {
                    return Optional.empty();
                }
                Select<Project> choice = new Select<>();
                choice.setLabel(Ui.t("settings.default-project"));
                choice.setItems(List.copyOf(mine.keySet()));
                choice.setItemLabelGenerator(Project::name);
                choice.setHelperText(Ui.t("settings.default-project.help"));
                projects.defaultProject().flatMap(id -> mine.keySet().stream().filter(p -> p.id() == id).findFirst())
                        .ifPresent(choice::setValue);
                choice.setId("default-project");
                Button confirm = new Button(Ui.t("action.confirm"), e -> {
                    projects.setDefault(choice.getValue() == null ? null : choice.getValue().id());
                    Ui.success("settings.saved");
                });
                confirm.setId("save-default-project");
                HorizontalLayout line = new HorizontalLayout(choice, confirm);
                line.setAlignItems(HorizontalLayout.Alignment.BASELINE);
                return Optional.of(line);
            }
        };
    }

    /** A user's projects on the user's detail page, with adding, removing and appointing (platform admins). */
    @Bean
    PageSection userProjects(ProjectService projects) {
        return new PageSection() {
            @Override
            public Page page() {
                return Page.USER_DETAIL;
            }

            @Override
            public Optional<Component> create(Long userId) {
                if (!CurrentUser.get().map(u -> u.has(Permission.PROJECTS_MANAGE)).orElse(false)) {
                    return Optional.empty();
                }
                VerticalLayout section = new VerticalLayout();
                section.setPadding(false);
                section.setId("user-projects");
                render(section, projects, userId);
                return Optional.of(section);
            }
        };
    }

    private static void render(VerticalLayout section, ProjectService projects, long userId) {
        section.removeAll();
        Map<Project, ProjectRole> memberships = projects.projectsOf(userId);
        Grid<Map.Entry<Project, ProjectRole>> grid = new Grid<>();
        grid.addColumn(e -> e.getKey().name()).setHeader(Ui.t("project.name")).setAutoWidth(true);
        grid.addColumn(e -> Ui.t("project.role." + e.getValue().name().toLowerCase())).setHeader(Ui.t("project.role"))
                .setAutoWidth(true);
        grid.addComponentColumn(e -> {
            ProjectRole other = e.getValue() == ProjectRole.MANAGER ? ProjectRole.MEMBER : ProjectRole.MANAGER;
            Button role = new Button(Ui.t(other == ProjectRole.MANAGER ? "project.make-manager" : "project.make-member"),
                    click -> act(section, projects, userId, () -> projects.setRole(e.getKey().id(), userId, other)));
            Button remove = new Button(Ui.t("action.remove"),
                    click -> act(section, projects, userId, () -> projects.removeMember(e.getKey().id(), userId)));
            role.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(role, remove);
        }).setHeader(Ui.t("common.operation")).setAutoWidth(true);
        grid.setItems(List.copyOf(memberships.entrySet()));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(Ui.t("project.user.none"));
        ComboBox<Project> add = new ComboBox<>();
        add.setItems(projects.all().stream().filter(p -> !memberships.containsKey(p)).toList());
        add.setItemLabelGenerator(Project::name);
        add.setPlaceholder(Ui.t("project.user.add"));
        add.setId("add-to-project");
        Button relate = new Button(Ui.t("project.user.relate"), click -> {
            if (add.getValue() != null) {
                act(section, projects, userId, () -> projects.addMembers(add.getValue().id(), Set.of(userId),
                        ProjectRole.MEMBER));
            }
        });
        relate.setId("relate-to-project");
        HorizontalLayout adding = new HorizontalLayout(add, relate);
        section.add(Ui.sectionHeader("menu.projects", null), grid, adding);
    }

    private static void act(VerticalLayout section, ProjectService projects, long userId, Runnable action) {
        try {
            action.run();
            render(section, projects, userId);
        } catch (UserFacingException refused) {
            Ui.refused(refused);
        }
    }
}
