package io.gantry.project;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extension requests (AI-Stack 四.1(3)): members ask for more days, one pending request per project at a time;
 * platform admins approve (the end date moves) or reject (with a message), once.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class ProjectExtensionService {

    public static final int MAX_EXTENSION_DAYS = 365;
    public static final int REASON_MAX = 500;

    private final ProjectRepository repository;
    private final ProjectAccess access;
    private final OperationLog operationLog;
    private final Clock clock;

    ProjectExtensionService(ProjectRepository repository, ProjectAccess access, OperationLog operationLog,
                            Clock clock) {
        this.repository = repository;
        this.access = access;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    /** A member asks for more days (AI-Stack 四.1(3)); one pending request per project at a time. */
    @Transactional
    public long requestExtension(long projectId, Integer days, String reason) {
        Project project = access.visible(projectId);
        SignedInUser me = ProjectAccess.me();
        if (repository.roleOf(projectId, me.id()).isEmpty()) {
            throw new AccessDeniedException("Only members may ask to extend a project");
        }
        InvalidInput.Collector problems = InvalidInput.collect();
        if (days == null || days < 1 || days > MAX_EXTENSION_DAYS) {
            problems.add("days", "extension.days.range", MAX_EXTENSION_DAYS);
        }
        if (reason == null || reason.isBlank()) {
            problems.add("reason", "field.required");
        } else if (reason.length() > REASON_MAX) {
            problems.add("reason", "field.too-long", REASON_MAX);
        }
        problems.throwIfAny();
        if (repository.hasPendingExtension(projectId)) {
            throw new NotAllowed("extension.pending", project.name());
        }
        long id = repository.insertExtension(projectId, me.username(), days, reason.strip(), clock.instant());
        operationLog.record("extension.request", "project:" + project.name(), "oplog.details.extension-request", days,
                reason.strip());
        return id;
    }

    @Transactional(readOnly = true)
    public List<ExtensionRequest> extensions(long projectId) {
        access.visible(projectId);
        return repository.extensionsOf(projectId);
    }

    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public List<ExtensionRequest> pendingExtensions() {
        return repository.extensionsWith(ExtensionStatus.PENDING);
    }

    /** The requests of every project for the admins' page: waiting, decided (with who and when), or all. */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public List<ExtensionRequest> extensionRequests(ExtensionFilter filter) {
        return repository.extensions(filter);
    }

    /** A page of those requests in the asked order (only the page's sort properties), then newest first. */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public List<ExtensionRequest> extensionRequests(ExtensionFilter filter, List<ListSort> sort, int offset,
                                                    int limit) {
        return repository.extensions(filter, sort, offset, limit);
    }

    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public int countExtensionRequests(ExtensionFilter filter) {
        return repository.countExtensions(filter);
    }

    /**
     * Approves (the end date moves by the days asked) or rejects (a message is required) a pending request. A request
     * is decided once: a second decision, even a concurrent one, is refused and moves nothing.
     */
    @Transactional
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public void decideExtension(long requestId, boolean approve, String message) {
        ExtensionRequest request = repository.extension(requestId).orElseThrow(() -> new NotFound("extension"));
        if (!approve && (message == null || message.isBlank())) {
            throw new InvalidInput("message", "extension.reject.message-required");
        }
        if (message != null && message.length() > REASON_MAX) {
            throw new InvalidInput("message", "field.too-long", REASON_MAX);
        }
        Project project = repository.byId(request.projectId()).orElseThrow(() -> new NotFound("project"));
        LocalDate before = project.endDate();
        LocalDate after = approve ? before.plusDays(request.days()) : before;
        String decidedBy = ProjectAccess.me().username();
        String cleanMessage = message == null || message.isBlank() ? null : message.strip();
        if (!repository.decide(requestId, approve ? ExtensionStatus.APPROVED : ExtensionStatus.REJECTED, decidedBy,
                cleanMessage, clock.instant(), before, after)) {
            throw new NotAllowed("extension.already-decided");
        }
        if (approve && !repository.moveEndDate(project.id(), before, after)) {
            throw new NotAllowed("extension.already-decided");
        }
        operationLog.record(approve ? "extension.approve" : "extension.reject", "project:" + project.name(),
                approve ? "oplog.details.extension-approved" : "oplog.details.extension-rejected", request.requester(),
                request.days(), after.toString(), cleanMessage == null ? "" : Phrase.of("oplog.details.message",
                        cleanMessage));
    }
}
