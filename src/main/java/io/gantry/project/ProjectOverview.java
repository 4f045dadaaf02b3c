package io.gantry.project;

import java.util.List;

/**
 * A project as its card and detail page show it.
 *
 * @param myRole the viewer's role in it, or null for a platform admin who is not a member
 */
public record ProjectOverview(Project project, ProjectRole myRole, List<QuotaUse> quotas, int members, int running) {
}
