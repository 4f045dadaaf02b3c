package io.gantry.project.ui;

import com.vaadin.flow.component.html.Span;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectStatus;
import io.gantry.shared.ui.Ui;

/** The badges of a project: where it stands (not started, active, expiring, expired) and the viewer's role. */
final class ProjectBadges {

    private ProjectBadges() {
    }

    /** The status as the service judged it, in Gantry's time zone, not the browser's. */
    static Span status(ProjectStatus status) {
        String theme = switch (status) {
            case NOT_STARTED -> "badge contrast";
            case ACTIVE -> "badge success";
            case EXPIRING -> "badge warning";
            case EXPIRED -> "badge error";
        };
        Span badge = new Span(Ui.t("project.status." + status.name().toLowerCase().replace('_', '-')));
        badge.getElement().setAttribute("theme", theme);
        badge.addClassName("project-status");
        return badge;
    }

    static Span role(ProjectRole role) {
        Span badge = new Span(Ui.t(role == null ? "project.role.admin" : "project.role." + role.name().toLowerCase()));
        badge.getElement().setAttribute("theme", role == ProjectRole.MANAGER ? "badge primary" : "badge");
        return badge;
    }
}
