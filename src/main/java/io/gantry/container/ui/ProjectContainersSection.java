package io.gantry.container.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouteConfiguration;
import io.gantry.broker.BrokerService;
import io.gantry.container.Container;
import io.gantry.container.ContainerFilter;
import io.gantry.container.ContainerService;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.shared.Permission;
import io.gantry.workload.Phase;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.PageSection;
import io.gantry.shared.ui.Ui;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project page's containers (AI-Stack 四.2): each with its owner and state, linked to its detail. Who sees which
 * is the container list's rule: managers and admins all of them, members their own unless the project lets them see
 * all.
 */
@org.springframework.stereotype.Component
class ProjectContainersSection implements PageSection {

    private final ContainerService containers;
    private final AccountService accounts;
    private final BrokerService broker;

    ProjectContainersSection(ContainerService containers, AccountService accounts, BrokerService broker) {
        this.containers = containers;
        this.accounts = accounts;
        this.broker = broker;
    }

    @Override
    public Page page() {
        return Page.PROJECT_DETAIL;
    }

    @Override
    public Optional<Component> create(Long projectId) {
        if (projectId == null || !CurrentUser.get().map(u -> u.has(Permission.CONTAINERS_USE)).orElse(false)) {
            return Optional.empty();
        }
        Map<Long, String> specNames = broker.specNames();
        Map<Long, String> owners = new HashMap<>();
        Grid<Container> grid = new Grid<>();
        grid.addComponentColumn(c -> {
            Anchor link = new Anchor(RouteConfiguration.forSessionScope().getUrl(ContainerDetailView.class, c.id()),
                    c.name());
            link.setId("project-container-" + c.id());
            return link;
        }).setHeader(Ui.t("container.name")).setSortProperty("name").setFlexGrow(2);
        grid.addColumn(c -> owners.getOrDefault(c.userId(), "")).setHeader(Ui.t("container.owner"))
                .setTooltipGenerator(c -> owners.getOrDefault(c.userId(), "")).setFlexGrow(1);
        grid.addColumn(c -> c.devices() + " × " + specNames.getOrDefault(c.specId(), "?"))
                .setHeader(Ui.t("container.devices")).setSortProperty("devices").setAutoWidth(true);
        grid.addComponentColumn(c -> ContainerStates.badge(c.state())).setHeader(Ui.t("container.state"))
                .setSortProperty("state").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setPartNameGenerator(c -> c.state() == Phase.RUNNING ? null : "inactive");
        grid.setItems(query -> {
            List<Container> page = containers.list(projectId, ContainerFilter.NONE, GridQueryParameters.sorts(query),
                    query.getOffset(), query.getLimit());
            accounts.refs(page.stream().map(Container::userId).distinct().toList())
                    .forEach(u -> owners.put(u.id(), u.label()));
            return page.stream();
        }, query -> containers.countMatching(projectId, ContainerFilter.NONE));
        grid.setEmptyStateText(Ui.t("project.containers.empty"));
        grid.setHeight("20em");
        grid.setId("project-containers");
        VerticalLayout section = new VerticalLayout(Ui.sectionHeader("project.containers", null), grid);
        section.setPadding(false);
        return Optional.of(section);
    }
}
