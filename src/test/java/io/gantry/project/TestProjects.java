package io.gantry.project;

import io.gantry.identity.CurrentUser;
import io.gantry.identity.TestAccounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Test-data builder for projects; needs a platform admin signed in. */
public final class TestProjects {

    private final ProjectService projects;

    public TestProjects(ProjectService projects) {
        this.projects = projects;
    }

    /** An open project with these quotas and members (role MEMBER); the signed-in admin is its manager. */
    public long create(List<Quota> quotas, long... members) {
        long id = projects.create(new ProjectForm(TestAccounts.uniqueName("tp"), null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, quotas), Set.of(CurrentUser.get().orElseThrow().id()));
        for (long member : members) {
            projects.addMembers(id, Set.of(member), ProjectRole.MEMBER);
        }
        return id;
    }

    /** Takes back every quota granted so far, so that a test can grant the shared capacity from zero. */
    public void releaseAllQuotas() {
        for (var overview : projects.visible()) {
            var p = overview.project();
            projects.update(p.id(), new ProjectForm(p.name(), p.description(), p.startDate(), p.endDate(), p.limits(),
                    List.of()));
        }
    }
}
