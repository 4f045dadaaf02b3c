package io.gantry.project.ui;

import com.vaadin.flow.component.html.Span;
import io.gantry.project.Project;
import io.gantry.shared.ui.Ui;
import java.time.LocalDate;

/** The badge of a project's dates: not started, active, expiring within a week, or expired. */
final class ProjectStatus {

    private ProjectStatus() {
    }

    static Span badge(Project project, LocalDate today) {
        String key;
        String theme;
        if (today.isBefore(project.startDate())) {
            key = "project.status.not-started";
            theme = "badge contrast";
        } else if (today.isAfter(project.endDate())) {
            key = "project.status.expired";
            theme = "badge error";
        } else if (!today.plusDays(7).isBefore(project.endDate())) {
            key = "project.status.expiring";
            theme = "badge warning";
        } else {
            key = "project.status.active";
            theme = "badge success";
        }
        Span badge = new Span(Ui.t(key));
        badge.getElement().setAttribute("theme", theme);
        badge.addClassName("project-status");
        return badge;
    }

    static Span role(io.gantry.project.ProjectRole role) {
        Span badge = new Span(Ui.t(role == null ? "project.role.admin" : "project.role." + role.name().toLowerCase()));
        badge.getElement().setAttribute("theme", role == io.gantry.project.ProjectRole.MANAGER ? "badge primary" : "badge");
        return badge;
    }
}
