package io.gantry.project;

import java.util.List;

/**
 * A project as its card and detail page show it.
 *
 * @param myRole the viewer's role in it, or null for a platform admin who is not a member
 * @param status where it stands today, in Gantry's time zone (the same day the services judge new work by)
 */
public record ProjectOverview(Project project, ProjectRole myRole, List<QuotaUse> quotas, int members, int running,
                              ProjectStatus status) {
}
