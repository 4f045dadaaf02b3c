package io.gantry.workload.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.project.Project;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import io.gantry.workload.Job;
import io.gantry.workload.JobFilter;
import io.gantry.workload.JobService;
import io.gantry.workload.Phase;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Job management for platform admins (Apulis 3.11): every user's work across projects, filtered by kind, state,
 * project and keyword; each opens its own page (a container's detail, whatever project it is in), and what still
 * waits or runs can be stopped.
 */
@Route("admin/jobs")
@RolesAllowed(Permission.Names.PROJECTS_MANAGE)
@MenuItem(group = MenuGroup.ADMINISTRATION, title = "menu.jobs", icon = "vaadin:tasks", order = 14)
public class JobsView extends VerticalLayout implements BeforeEnterObserver {

    private final JobService jobs;
    private final Grid<Job> grid = new Grid<>();
    private final ComboBox<String> kind = new ComboBox<>();
    private final ComboBox<Phase> state = new ComboBox<>();
    private final ComboBox<Project> project = new ComboBox<>();
    private final TextField keyword = new TextField();
    private final GridQueryParameters<Job> parameters = new GridQueryParameters<>(grid);

    public JobsView(JobService jobs) {
        this.jobs = jobs;
        addClassName("gantry-page");
        setSizeFull();
        kind.setPlaceholder(getTranslation("job.kind"));
        kind.setItems(jobs.kinds());
        kind.setItemLabelGenerator(JobsView::kindLabel);
        kind.setClearButtonVisible(true);
        kind.setId("kind-filter");
        state.setPlaceholder(getTranslation("container.state"));
        state.setItems(Arrays.stream(Phase.values()).filter(p -> p != Phase.DELETED).toList());
        state.setItemLabelGenerator(JobsView::stateLabel);
        state.setClearButtonVisible(true);
        state.setId("state-filter");
        List<Project> projects = jobs.projects();
        project.setPlaceholder(getTranslation("project.name"));
        project.setItems(projects);
        project.setItemLabelGenerator(Project::name);
        project.setClearButtonVisible(true);
        project.setId("project-filter");
        keyword.setPlaceholder(getTranslation("job.keyword"));
        keyword.setValueChangeMode(ValueChangeMode.LAZY);
        keyword.setClearButtonVisible(true);
        keyword.setId("keyword");
        kind.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        state.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        project.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        keyword.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        parameters.text("q", keyword).choice("state", state, Phase.class)
                .bind("kind", kind, value -> value, value -> value)
                .bind("project", project, id -> projects.stream().filter(p -> String.valueOf(p.id()).equals(id))
                        .findFirst().orElse(null), p -> String.valueOf(p.id()));

        grid.addComponentColumn(this::name).setHeader(getTranslation("container.name")).setSortProperty("name")
                .setFlexGrow(2);
        grid.addColumn(j -> kindLabel(j.kind())).setHeader(getTranslation("job.kind")).setSortProperty("kind")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(j -> badge(j.phase())).setHeader(getTranslation("container.state"))
                .setSortProperty("state").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Job::projectName).setHeader(getTranslation("project.name")).setTooltipGenerator(Job::projectName)
                .setFlexGrow(1);
        grid.addColumn(Job::owner).setHeader(getTranslation("container.owner")).setTooltipGenerator(Job::owner)
                .setFlexGrow(1);
        grid.addColumn(Job::imageReference).setHeader(getTranslation("container.image")).setSortProperty("image")
                .setTooltipGenerator(Job::imageReference).setFlexGrow(2);
        grid.addColumn(j -> j.devices() + " × " + j.specName()).setHeader(getTranslation("container.devices"))
                .setSortProperty("devices").setAutoWidth(true);
        grid.addColumn(j -> Formats.dateTime(j.createdAt())).setHeader(getTranslation("container.created"))
                .setSortProperty("created").setAutoWidth(true);
        grid.addColumn(j -> runningFor(j.runningFor())).setHeader(getTranslation("job.running-for"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::stop).setHeader(getTranslation("common.operation")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setPartNameGenerator(j -> j.phase() == Phase.RUNNING ? null : "inactive");
        grid.setItems(q -> jobs.page(filter(), GridQueryParameters.sorts(q), q.getOffset(), q.getLimit()).stream(),
                q -> jobs.count(filter()));
        grid.setEmptyStateText(getTranslation("job.empty"));
        grid.setId("jobs");
        HorizontalLayout filters = new HorizontalLayout(keyword, kind, state, project);
        filters.setAlignItems(Alignment.BASELINE);
        filters.setWrap(true);
        add(new H2(getTranslation("menu.jobs")), new Paragraph(getTranslation("job.intro")), filters);
        addAndExpand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private JobFilter filter() {
        return new JobFilter(kind.getValue(), state.getValue(),
                project.getValue() == null ? null : project.getValue().id(), keyword.getValue());
    }

    /** The name, as a link to the job's own page where its kind has one. */
    private Component name(Job job) {
        if (job.page() == null) {
            return new Span(job.name());
        }
        Anchor link = new Anchor(job.page(), job.name());
        link.setId("job-" + job.workloadId());
        return link;
    }

    private Component stop(Job job) {
        Button stop = new Button(getTranslation("container.stop"), e -> Confirm.action(
                getTranslation("job.stop.title", job.name()),
                getTranslation("job.stop.text", job.name(), job.owner(), job.projectName()),
                getTranslation("container.stop"), () -> {
                    try {
                        jobs.stop(job.workloadId());
                        Ui.success("job.stopped", job.name());
                    } catch (UserFacingException refused) {
                        Ui.refused(refused);
                    }
                    grid.getDataProvider().refreshAll();
                }));
        stop.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        stop.setId("stop-" + job.workloadId());
        stop.setVisible(job.stoppable());
        return stop;
    }

    private static Span badge(Phase phase) {
        Span badge = new Span(stateLabel(phase));
        badge.getElement().setAttribute("theme", switch (phase) {
            case RUNNING, SUCCEEDED -> "badge success";
            case FAILED, REJECTED -> "badge error";
            case STOPPED, DELETED -> "badge contrast";
            default -> "badge";
        });
        return badge;
    }

    private static String stateLabel(Phase phase) {
        return Ui.t("container.state." + phase.name().toLowerCase(Locale.ROOT));
    }

    /** A kind's name in the user's language; a kind without words of its own shows as stored. */
    private static String kindLabel(String kind) {
        String key = "job.kind." + kind;
        String label = Ui.t(key);
        return label.startsWith("!") ? kind : label;
    }

    /** Hours and minutes ("3 h 05 min"); "-" for work that never ran. */
    private static String runningFor(Duration duration) {
        if (duration == null) {
            return "-";
        }
        return Ui.t("job.running-for.value", duration.toHours(), String.format(Locale.ROOT, "%02d",
                duration.toMinutesPart()));
    }
}
