package io.gantry.project;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Capacity;
import io.gantry.cluster.ClusterInventory;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.UserRef;
import io.gantry.shared.ContactFields;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Names;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.WorkloadUsage;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects, the tenants (Apulis 3.2.5-3.2.7, 3.10; AI-Stack 四): their dates, limits and quotas (platform admins),
 * their members and managers (admins and the project's managers). A user sees only the projects they belong to;
 * platform admins see all. Extension requests, the current project and the platform's contact have services of their
 * own ({@link ProjectExtensionService}, {@link CurrentProjectService}, {@link PlatformContactService}).
 */
@Service
@PreAuthorize("isAuthenticated()")
public class ProjectService {

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 500;

    private final ProjectRepository repository;
    private final ClusterInventory cluster;
    private final UserDirectory accounts;
    private final Projects internal;
    private final ObjectProvider<WorkloadUsage> usage;
    private final OperationLog operationLog;
    private final Clock clock;
    private final ProjectCalendar calendar;
    private final ProjectAccess access;

    ProjectService(ProjectRepository repository, ClusterInventory cluster, UserDirectory accounts, Projects internal,
                   ObjectProvider<WorkloadUsage> usage, OperationLog operationLog, Clock clock,
                   ProjectCalendar calendar, ProjectAccess access) {
        this.repository = repository;
        this.cluster = cluster;
        this.accounts = accounts;
        this.internal = internal;
        this.usage = usage;
        this.operationLog = operationLog;
        this.clock = clock;
        this.calendar = calendar;
        this.access = access;
    }

    // reading

    /** The projects the signed-in user belongs to, or all of them for a platform admin. */
    @Transactional(readOnly = true)
    public List<ProjectOverview> visible() {
        SignedInUser me = CurrentUser.get().orElseThrow();
        return overviews(isAdmin(me) ? repository.all() : repository.ofUser(me.id()), me);
    }

    /**
     * A page of the projects the signed-in user belongs to (all of them for a platform admin), by name, each with
     * its quota use, members and running work: a few queries for the whole page, however many projects there are.
     */
    @Transactional(readOnly = true)
    public List<ProjectOverview> visible(int offset, int limit) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        return overviews(repository.page(isAdmin(me) ? null : me.id(), offset, limit), me);
    }

    /** How many projects {@link #visible(int, int)} pages through, counted in SQL. */
    @Transactional(readOnly = true)
    public int countVisible() {
        SignedInUser me = CurrentUser.get().orElseThrow();
        return repository.count(isAdmin(me) ? null : me.id());
    }

    /** The overviews of these projects, each part read once for all of them. */
    private List<ProjectOverview> overviews(List<Project> projects, SignedInUser me) {
        List<Long> ids = projects.stream().map(Project::id).toList();
        Map<Long, ProjectRole> roles = repository.rolesOf(me.id(), ids);
        Map<Long, List<Quota>> quotas = repository.quotasOf(ids);
        Map<Long, Integer> members = repository.memberCounts(ids);
        Map<Long, String> specNames = ids.isEmpty() ? Map.of() : specNames();
        Map<Long, WorkloadUsage.ProjectUse> use = ids.isEmpty() ? Map.of() : use(ids);
        return projects.stream().map(p -> overview(p, roles.get(p.id()), quotas.getOrDefault(p.id(), List.of()),
                members.getOrDefault(p.id(), 0), specNames, use.getOrDefault(p.id(), WorkloadUsage.ProjectUse.NONE)))
                .toList();
    }

    /** One project, if the signed-in user may see it; otherwise it does not exist for them. */
    @Transactional(readOnly = true)
    public ProjectOverview overview(long projectId) {
        Project project = visibleProject(projectId);
        return overview(project, myRole(projectId).orElse(null), specNames(),
                use(List.of(projectId)).getOrDefault(projectId, WorkloadUsage.ProjectUse.NONE));
    }

    @Transactional(readOnly = true)
    public List<Member> members(long projectId) {
        visibleProject(projectId);
        List<ProjectRepository.Membership> memberships = repository.members(projectId);
        Map<Long, UserRef> users = accounts.refs(memberships.stream().map(ProjectRepository.Membership::userId).toList())
                .stream().collect(Collectors.toMap(UserRef::id, Function.identity()));
        return memberships.stream().filter(m -> users.containsKey(m.userId()))
                .map(m -> new Member(m.userId(), users.get(m.userId()).username(), users.get(m.userId()).nickname(),
                        m.role(), m.addedAt()))
                .toList();
    }

    /** The signed-in user's role in a project, if a member. */
    @Transactional(readOnly = true)
    public Optional<ProjectRole> myRole(long projectId) {
        return repository.roleOf(projectId, CurrentUser.get().orElseThrow().id());
    }

    @Transactional(readOnly = true)
    public boolean canManage(long projectId) {
        return access.canManage(projectId);
    }

    /** For the project form: per spec, its capacity and what is still free to grant to this project. */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public List<QuotaHeadroom> headroom(Long projectId) {
        Map<Long, Integer> elsewhere = repository.grantedPerSpec(projectId);
        Map<Long, Capacity> capacity = cluster.capacity();
        return cluster.specs().stream()
                .map(s -> new QuotaHeadroom(s.id(), s.name(), s.allowedCounts(),
                        Optional.ofNullable(capacity.get(s.id())).map(Capacity::devices).orElse(0),
                        elsewhere.getOrDefault(s.id(), 0)))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Quota> quotas(long projectId) {
        visibleProject(projectId);
        return repository.quotas(projectId);
    }

    /** Refuses new work in a project that is not open today (before its start or past its end date). */
    @Transactional(readOnly = true)
    public Project requireOpen(long projectId) {
        visibleProject(projectId);
        return internal.requireOpen(projectId);
    }

    // the platform admin's part

    @Transactional
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public long create(ProjectForm form, Set<Long> managerIds) {
        InvalidInput.Collector problems = InvalidInput.collect();
        // A project always has a manager: the last one cannot be removed, so none may be missing from the start.
        if (managerIds == null || managerIds.isEmpty()) {
            problems.add("managers", "project.managers.required");
        } else if (accounts.refs(managerIds).size() != managerIds.size()) {
            problems.add("managers", "error.not-found.user");
        } else if (form.limits() != null && form.limits().maxUsers() != null && form.limits().maxUsers() > 0
                && managerIds.size() > form.limits().maxUsers()) {
            problems.add("managers", "project.max-users.reached", form.limits().maxUsers());
        }
        validate(form, null, problems);
        long id = repository.insert(form, clock.instant());
        repository.setQuotas(id, nonZero(form.quotas()));
        for (Long managerId : managerIds) {
            repository.addMember(id, managerId, ProjectRole.MANAGER, clock.instant());
        }
        operationLog.record("project.create", "project:" + form.name().strip(), "oplog.details.project",
                describe(form));
        return id;
    }

    @Transactional
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public void update(long projectId, ProjectForm form) {
        Project before = visibleProject(projectId);
        validate(form, projectId);
        if (form.limits().maxUsers() != null && form.limits().maxUsers() < repository.memberCount(projectId)) {
            throw new InvalidInput("maxUsers", "project.max-users.below-members", repository.memberCount(projectId));
        }
        repository.update(projectId, form);
        repository.setQuotas(projectId, nonZero(form.quotas()));
        operationLog.record("project.update", "project:" + before.name(), "oplog.details.project", describe(form));
    }

    /** Deletes a project, refused while anything runs in it. */
    @Transactional
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public void delete(long projectId) {
        Project project = visibleProject(projectId);
        int running = running(projectId);
        if (running > 0) {
            throw new NotAllowed("project.delete.busy", project.name(), running);
        }
        repository.delete(projectId);
        operationLog.record("project.delete", "project:" + project.name(), null);
    }

    // members: platform admins and the project's managers

    /** Edits name and description (AI-Stack 四.1(2): the project manager may). */
    @Transactional
    public void rename(long projectId, String name, String description) {
        Project project = requireManage(projectId);
        InvalidInput.Collector problems = InvalidInput.collect();
        checkName(problems, name, projectId);
        checkDescription(problems, description);
        problems.throwIfAny();
        repository.rename(projectId, name.strip(), description == null || description.isBlank() ? null
                : description.strip());
        operationLog.record("project.rename", "project:" + project.name(), "oplog.details.name", name.strip());
    }

    /** The accounts a manager may still add: everyone who is not a member yet. */
    @Transactional(readOnly = true)
    public List<UserRef> candidates(long projectId, String text, int offset, int limit) {
        requireManage(projectId);
        Set<Long> present = repository.members(projectId).stream().map(ProjectRepository.Membership::userId)
                .collect(Collectors.toSet());
        return accounts.search(text, present, offset, limit);
    }

    /** Adds members with a role; returns how many joined (those already members keep their role). */
    @Transactional
    public int addMembers(long projectId, Set<Long> userIds, ProjectRole role) {
        Project project = requireManage(projectId);
        List<UserRef> users = accounts.refs(userIds);
        if (users.size() != userIds.size()) {
            throw new NotFound("user");
        }
        Set<Long> present = repository.members(projectId).stream().map(ProjectRepository.Membership::userId)
                .collect(Collectors.toSet());
        Set<Long> newcomers = new HashSet<>(userIds);
        newcomers.removeAll(present);
        Integer maxUsers = project.limits().maxUsers();
        if (maxUsers != null && present.size() + newcomers.size() > maxUsers) {
            throw new InvalidInput("members", "project.max-users.reached", maxUsers);
        }
        for (Long userId : newcomers) {
            repository.addMember(projectId, userId, role, clock.instant());
        }
        operationLog.record("project.add-members", "project:" + project.name(), "oplog.details.members", roleName(role),
                users.stream().filter(u -> newcomers.contains(u.id())).map(UserRef::username).sorted().toList());
        return newcomers.size();
    }

    @Transactional
    public void setRole(long projectId, long userId, ProjectRole role) {
        Project project = requireManage(projectId);
        ProjectRole current = repository.roleOf(projectId, userId).orElseThrow(() -> new NotFound("member"));
        if (current == ProjectRole.MANAGER && role == ProjectRole.MEMBER) {
            keepOneManager(projectId);
        }
        repository.setRole(projectId, userId, role);
        operationLog.record("project.set-role", "project:" + project.name(), "oplog.details.members", roleName(role),
                List.of(username(userId)));
    }

    @Transactional
    public void removeMember(long projectId, long userId) {
        Project project = requireManage(projectId);
        ProjectRole current = repository.roleOf(projectId, userId).orElseThrow(() -> new NotFound("member"));
        if (current == ProjectRole.MANAGER) {
            keepOneManager(projectId);
        }
        String removed = username(userId);
        repository.removeMember(projectId, userId);
        operationLog.record("project.remove-member", "project:" + project.name(), "oplog.details.users",
                List.of(removed));
    }

    /** The projects a user belongs to, with the role in each (for the user's detail page). */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public Map<Project, ProjectRole> projectsOf(long userId) {
        Map<Long, Project> all = repository.all().stream().collect(Collectors.toMap(Project::id, Function.identity()));
        Map<Project, ProjectRole> result = new java.util.LinkedHashMap<>();
        repository.membershipsOf(userId).forEach(m -> result.put(all.get(m.projectId()), m.role()));
        return result;
    }

    /** All projects, for pickers of platform admins. */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public List<Project> all() {
        return repository.all();
    }

    // rules

    private void validate(ProjectForm form, Long projectId) {
        validate(form, projectId, InvalidInput.collect());
    }

    private void validate(ProjectForm form, Long projectId, InvalidInput.Collector problems) {
        checkName(problems, form.name(), projectId);
        checkDescription(problems, form.description());
        if (form.startDate() == null) {
            problems.add("startDate", "field.required");
        }
        if (form.endDate() == null) {
            problems.add("endDate", "field.required");
        } else if (form.startDate() != null && form.endDate().isBefore(form.startDate())) {
            problems.add("endDate", "project.dates.order");
        }
        ProjectLimits limits = form.limits();
        checkLimit(problems, "maxUsers", limits.maxUsers(), ProjectLimits.MAX_USERS);
        checkLimit(problems, "maxJobHours", limits.maxJobHours(), ProjectLimits.MAX_HOURS);
        checkLimit(problems, "containerMaxHours", limits.containerMaxHours(), ProjectLimits.MAX_HOURS);
        checkLimit(problems, "idleReclaimHours", limits.idleReclaimHours(), ProjectLimits.MAX_IDLE_RECLAIM_HOURS);
        if (limits.approvalThreshold() != null && limits.approvalThreshold() < 0) {
            problems.add("approvalThreshold", "field.not-negative");
        }
        Map<Long, QuotaHeadroom> headroom = headroom(projectId).stream()
                .collect(Collectors.toMap(QuotaHeadroom::specId, Function.identity()));
        Set<Long> seen = new HashSet<>();
        for (Quota quota : form.quotas()) {
            String field = "quota." + quota.specId();
            QuotaHeadroom room = headroom.get(quota.specId());
            if (room == null || !seen.add(quota.specId())) {
                problems.add(field, "error.not-found.spec");
                continue;
            }
            if (quota.devices() < 0) {
                problems.add(field, "field.not-negative");
            } else if (quota.devices() > room.freeToGrant()) {
                problems.add(field, "quota.beyond-capacity", room.specName(), quota.devices(), room.freeToGrant(),
                        room.capacity());
            }
            Integer perUser = quota.maxPerUser();
            if (perUser != null) {
                if (quota.devices() < 1) {
                    // "From 1 to the quota (-4)" would read as nonsense: the quota itself is what is missing.
                    problems.add("perUser." + quota.specId(), "quota.per-user.no-quota");
                } else if (perUser < 1 || perUser > quota.devices()) {
                    problems.add("perUser." + quota.specId(), "quota.per-user.range", quota.devices());
                } else if (!usableByOneRequest(perUser, room.allowedCounts())) {
                    problems.add("perUser." + quota.specId(), "quota.per-user.allowed", perUser,
                            io.gantry.cluster.AllowedCounts.format(room.allowedCounts()));
                }
            }
        }
        problems.throwIfAny();
    }

    /** A per-user maximum must be a count the spec allows, or whole nodes of the largest count (gang requests). */
    static boolean usableByOneRequest(int devices, List<Integer> allowedCounts) {
        if (allowedCounts.contains(devices)) {
            return true;
        }
        int largest = allowedCounts.stream().mapToInt(Integer::intValue).max().orElse(0);
        return largest > 0 && devices % largest == 0;
    }

    private void checkName(InvalidInput.Collector problems, String name, Long projectId) {
        problems.check("name", Names.problem(name));
        if (name == null || name.isBlank()) {
            problems.add("name", "field.required");
        } else if (name.strip().length() > NAME_MAX) {
            problems.add("name", "field.too-long", NAME_MAX);
        } else if (repository.nameTaken(name.strip(), projectId)) {
            problems.add("name", "error.name-taken", name.strip());
        }
    }

    private static void checkDescription(InvalidInput.Collector problems, String description) {
        if (description != null && description.length() > DESCRIPTION_MAX) {
            problems.add("description", "field.too-long", DESCRIPTION_MAX);
        }
    }

    private static void checkLimit(InvalidInput.Collector problems, String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            problems.add(field, "field.limit-range", max);
        }
    }

    private static List<Quota> nonZero(List<Quota> quotas) {
        return quotas.stream().filter(q -> q.devices() > 0).toList();
    }

    private void keepOneManager(long projectId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (!isAdmin(me) && repository.managerCount(projectId) <= 1) {
            throw new NotAllowed("project.last-manager");
        }
    }

    private Project visibleProject(long projectId) {
        return access.visible(projectId);
    }

    private Project requireManage(long projectId) {
        return access.requireManage(projectId);
    }

    private static boolean isAdmin(SignedInUser user) {
        return ProjectAccess.isAdmin(user);
    }

    private ProjectOverview overview(Project project, ProjectRole role, Map<Long, String> specNames,
                                     WorkloadUsage.ProjectUse use) {
        return overview(project, role, repository.quotas(project.id()), repository.memberCount(project.id()),
                specNames, use);
    }

    private ProjectOverview overview(Project project, ProjectRole role, List<Quota> quota, int members,
                                            Map<Long, String> specNames, WorkloadUsage.ProjectUse use) {
        List<QuotaUse> quotas = quota.stream()
                .map(q -> new QuotaUse(q.specId(), specNames.getOrDefault(q.specId(), "?"), q.devices(),
                        use.devicesPerSpec().getOrDefault(q.specId(), 0), q.maxPerUser()))
                .toList();
        return new ProjectOverview(project, role, quotas, members, use.running(), calendar.statusOf(project));
    }

    /** What runs in these projects, in one read per feature that runs work however many projects a page shows. */
    private Map<Long, WorkloadUsage.ProjectUse> use(List<Long> projectIds) {
        Map<Long, WorkloadUsage.ProjectUse> use = new HashMap<>();
        usage.forEach(u -> u.useByProject(projectIds).forEach((id, n) -> use.merge(id, n,
                WorkloadUsage.ProjectUse::plus)));
        return use;
    }

    private int running(long projectId) {
        return use(List.of(projectId)).getOrDefault(projectId, WorkloadUsage.ProjectUse.NONE).running();
    }

    private Map<Long, String> specNames() {
        return cluster.specs().stream().collect(Collectors.toMap(AcceleratorSpec::id, AcceleratorSpec::name));
    }

    private String username(long userId) {
        return accounts.refs(List.of(userId)).stream().findFirst().map(UserRef::username).orElse("#" + userId);
    }

    /** A form in the operation log: its dates and its quotas by spec name. */
    private Object[] describe(ProjectForm form) {
        Map<Long, String> specs = specNames();
        return new Object[] {String.valueOf(form.startDate()), String.valueOf(form.endDate()), form.quotas().stream()
                .filter(q -> q.devices() > 0)
                .map(q -> Phrase.of("oplog.details.quota", specs.getOrDefault(q.specId(), "#" + q.specId()),
                        q.devices()))
                .toList()};
    }

    private static Phrase roleName(ProjectRole role) {
        return Phrase.of("project.role." + role.name().toLowerCase());
    }
}
