package io.gantry.project;

import io.gantry.audit.OperationLog;
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
    private final OperationLog operationLog;

    Projects(ProjectRepository repository, ProjectCalendar calendar, OperationLog operationLog) {
        this.repository = repository;
        this.calendar = calendar;
        this.operationLog = operationLog;
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

    /** Every project, by name. */
    @Transactional(readOnly = true)
    public List<Project> all() {
        return repository.all();
    }

    /** The projects the user belongs to, by name. */
    @Transactional(readOnly = true)
    public List<Project> ofUser(long userId) {
        return repository.ofUser(userId);
    }

    /** Whether any project exists at all (a fresh installation has none). */
    @Transactional(readOnly = true)
    public boolean any() {
        return repository.count(null) > 0;
    }

    /**
     * Creates a project on the platform's own behalf (the first start's demo project), logged as the system: the
     * form's quotas as given, the one manager named. The caller made the form; only the name is checked here.
     */
    @Transactional
    public long createAsPlatform(ProjectForm form, long managerId) {
        if (repository.nameTaken(form.name(), null)) {
            throw new NotAllowed("error.name-taken", form.name());
        }
        long id = repository.insert(form, calendar.clock().instant());
        repository.setQuotas(id, form.quotas().stream().filter(q -> q.devices() > 0).toList());
        repository.addMember(id, managerId, ProjectRole.MANAGER, calendar.clock().instant());
        operationLog.recordAs("system", OperationLog.currentAddress(), "project.create", "project:" + form.name(),
                "oplog.details.from-configuration");
        return id;
    }

    /** Today in Gantry's time zone, the day projects' dates are judged by. */
    public java.time.LocalDate today() {
        return calendar.today();
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

    /** The ids of the project's managers: who decides its orders that wait for approval. */
    @Transactional(readOnly = true)
    public List<Long> managers(long projectId) {
        return repository.managerIds(projectId);
    }

    /** The ids of the projects the user manages. */
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
