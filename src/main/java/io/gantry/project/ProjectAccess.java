package io.gantry.project;

import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see and manage a project, for the project services: a project exists only for its members and platform
 * admins; its managers and platform admins manage it. Joins the caller's transaction.
 */
@Component
class ProjectAccess {

    private final ProjectRepository repository;

    ProjectAccess(ProjectRepository repository) {
        this.repository = repository;
    }

    static SignedInUser me() {
        return CurrentUser.get().orElseThrow();
    }

    static boolean isAdmin(SignedInUser user) {
        return user.has(Permission.PROJECTS_MANAGE) && !user.mustChangePassword();
    }

    /** The project, if the signed-in user may see it; otherwise it does not exist for them. */
    Project visible(long projectId) {
        SignedInUser me = me();
        Project project = repository.byId(projectId).orElseThrow(() -> new NotFound("project"));
        if (!isAdmin(me) && repository.roleOf(projectId, me.id()).isEmpty()) {
            throw new NotFound("project");
        }
        return project;
    }

    boolean canManage(long projectId) {
        SignedInUser me = me();
        return isAdmin(me) || repository.roleOf(projectId, me.id()).filter(r -> r == ProjectRole.MANAGER).isPresent();
    }

    Project requireManage(long projectId) {
        Project project = visible(projectId);
        if (!canManage(projectId)) {
            throw new AccessDeniedException("Only the project's managers and platform admins may do this");
        }
        return project;
    }

    void requireMember(long projectId, SignedInUser me) {
        if (repository.roleOf(projectId, me.id()).isEmpty()) {
            throw new NotFound("project");
        }
    }
}
