package io.gantry.project;

import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects as other modules read them on the platform's or a named user's behalf: a project by id, its limits and
 * quotas, a user's role in it, whether it takes new work. No user check and no signed-in user read here: the caller
 * names the user and decides what that user may do with the answer. Joins the caller's transaction. People read and
 * change projects through {@link ProjectService}.
 */
@Component
@NamedInterface("api")
public class Projects {

    private final ProjectRepository repository;
    private final ProjectCalendar calendar;

    Projects(ProjectRepository repository, ProjectCalendar calendar) {
        this.repository = repository;
        this.calendar = calendar;
    }

    /** A project, or NotFound. */
    @Transactional(readOnly = true)
    public Project project(long projectId) {
        return repository.byId(projectId).orElseThrow(() -> new NotFound("project"));
    }

    @Transactional(readOnly = true)
    public ProjectLimits limits(long projectId) {
        return project(projectId).limits();
    }

    /** The project's quota per spec. */
    @Transactional(readOnly = true)
    public List<Quota> quotas(long projectId) {
        return repository.quotas(projectId);
    }

    /** The user's role in the project; empty when the user is not a member. */
    @Transactional(readOnly = true)
    public Optional<ProjectRole> roleOf(long projectId, long userId) {
        return repository.roleOf(projectId, userId);
    }

    /** Whether the user is one of the project's managers (platform admins are the caller's business). */
    @Transactional(readOnly = true)
    public boolean isManager(long projectId, long userId) {
        return roleOf(projectId, userId).filter(r -> r == ProjectRole.MANAGER).isPresent();
    }

    /** The projects the user manages (platform admins are the caller's business). */
    @Transactional(readOnly = true)
    public List<Long> managedBy(long userId) {
        return repository.membershipsOf(userId).stream().filter(m -> m.role() == ProjectRole.MANAGER)
                .map(ProjectRepository.Membership::projectId).toList();
    }

    /** The names of these projects by id, in one query; unknown ids are left out. */
    @Transactional(readOnly = true)
    public Map<Long, String> names(Collection<Long> projectIds) {
        return repository.names(projectIds);
    }

    /** Refuses new work in a project that is not open today (before its start or past its end date). */
    @Transactional(readOnly = true)
    public Project requireOpen(long projectId) {
        Project project = project(projectId);
        ProjectStatus status = calendar.statusOf(project);
        if (!status.open()) {
            throw new NotAllowed(status == ProjectStatus.EXPIRED ? "project.expired" : "project.not-started",
                    project.name(), project.endDate().toString(), project.startDate().toString());
        }
        return project;
    }

    /** What the broker must respect of every project: quotas, per-user maximums and the longest job. */
    @Transactional(readOnly = true)
    public List<SchedulingLimits> schedulingLimits() {
        return repository.schedulingLimits();
    }
}
