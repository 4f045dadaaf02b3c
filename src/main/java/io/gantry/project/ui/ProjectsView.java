package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.gantry.identity.CurrentUser;
import io.gantry.project.ProjectExtensionService;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.project.QuotaUse;
import io.gantry.shared.Permission;
import io.gantry.shared.ui.Bars;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import jakarta.annotation.security.PermitAll;

/**
 * The projects overview (AI-Stack 四.1): a card per project with its dates, the user's role, quota use per spec,
 * members and running work; edit (managers) and extension requests (members) from the card.
 */
@Route("projects")
@PermitAll
@MenuItem(group = MenuGroup.PROJECTS, title = "menu.projects", icon = "vaadin:folder-open", order = 1)
public class ProjectsView extends VerticalLayout implements BeforeEnterObserver {

    /** How many cards the page shows at first, and how many more each time it is asked to. */
    static final int PAGE = 48;

    private final ProjectService projects;
    private final ProjectExtensionService extensions;
    private final Div cards = new Div();

    public ProjectsView(ProjectService projects, ProjectExtensionService extensions) {
        this.projects = projects;
        this.extensions = extensions;
        addClassName("gantry-page");
        cards.addClassName("gantry-cards");
        cards.setId("project-cards");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        render();
    }

    private void render() {
        removeAll();
        cards.removeAll();
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("menu.projects")));
        header.setAlignItems(Alignment.BASELINE);
        boolean admin = CurrentUser.get().map(u -> u.has(Permission.PROJECTS_MANAGE)).orElse(false);
        if (admin) {
            Button create = new Button(getTranslation("project.create"), VaadinIcon.PLUS.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate(ProjectFormView.class)));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("create-project");
            header.add(create);
        }
        add(header);
        var visible = projects.visible(0, PAGE);
        if (visible.isEmpty()) {
            Paragraph empty = new Paragraph(getTranslation(admin ? "project.empty.admin" : "project.empty.user"));
            empty.setId("no-projects");
            add(empty);
            if (!admin) {
                add(new RouterLink(getTranslation("menu.contact"), ContactView.class));
            }
            return;
        }
        visible.forEach(overview -> cards.add(card(overview, admin)));
        add(cards);
        // A page of cards at a time: with a thousand projects, the page reads and draws only what is shown.
        int total = projects.countVisible();
        if (total > visible.size()) {
            Button more = new Button();
            more.setId("more-projects");
            more.setText(getTranslation("project.cards.more", cards.getComponentCount(), total));
            more.addClickListener(e -> {
                projects.visible(cards.getComponentCount(), PAGE)
                        .forEach(overview -> cards.add(card(overview, admin)));
                more.setText(getTranslation("project.cards.more", cards.getComponentCount(), total));
                more.setVisible(cards.getComponentCount() < total);
            });
            add(more);
        }
    }

    private Div card(ProjectOverview overview, boolean admin) {
        var project = overview.project();
        RouterLink title = new RouterLink(project.name(), ProjectDetailView.class, project.id());
        H3 heading = new H3(title);
        HorizontalLayout badges = new HorizontalLayout(ProjectBadges.status(overview.status()),
                ProjectBadges.role(overview.myRole()));
        badges.setSpacing(true);
        Span dates = new Span(getTranslation("project.dates", Formats.date(project.startDate()),
                Formats.date(project.endDate())));
        Div card = new Div(heading, badges, dates);
        for (QuotaUse quota : overview.quotas()) {
            card.add(Bars.devices(quota.specName(), quota.used(), quota.granted()));
        }
        if (overview.quotas().isEmpty()) {
            card.add(new Paragraph(getTranslation("project.no-quota")));
        }
        card.add(new Paragraph(getTranslation("project.card.figures", overview.members(), overview.running())));
        HorizontalLayout actions = new HorizontalLayout();
        if (admin || overview.myRole() == io.gantry.project.ProjectRole.MANAGER) {
            Button edit = new Button(getTranslation("action.edit"), e -> getUI().ifPresent(ui ->
                    ui.navigate(ProjectDetailView.class, project.id())));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            actions.add(edit);
        }
        if (overview.myRole() != null) {
            Button extend = new Button(getTranslation("extension.request"), e ->
                    ExtensionDialog.open(extensions, project, this::render));
            extend.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            extend.setId("extend-" + project.id());
            actions.add(extend);
        }
        card.add(actions);
        card.addClassName("gantry-card");
        card.setId("project-" + project.id());
        return card;
    }
}
