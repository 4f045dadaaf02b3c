package io.gantry.project;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.identity.SignedInUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The project a user works in (Apulis 3.14, AI-Stack 三): the shell's switcher, the one last chosen, and the default
 * project of the user's settings. Only the user's own projects may be chosen.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class CurrentProjectService {

    private final ProjectRepository repository;
    private final ProjectAccess access;
    private final OperationLog operationLog;

    CurrentProjectService(ProjectRepository repository, ProjectAccess access, OperationLog operationLog) {
        this.repository = repository;
        this.access = access;
        this.operationLog = operationLog;
    }

    /** The project the signed-in user works in: the one last chosen, else the default, else the first. */
    @Transactional(readOnly = true)
    public Optional<Project> current() {
        SignedInUser me = ProjectAccess.me();
        List<Project> mine = repository.ofUser(me.id());
        Map<Long, Project> byId = mine.stream().collect(Collectors.toMap(Project::id, Function.identity()));
        return repository.currentProject(me.id()).map(byId::get)
                .or(() -> repository.defaultProject(me.id()).map(byId::get))
                .or(() -> mine.stream().findFirst());
    }

    /** The signed-in user's own projects with the role in each. */
    @Transactional(readOnly = true)
    public Map<Project, ProjectRole> mine() {
        SignedInUser me = ProjectAccess.me();
        Map<Long, ProjectRole> roles = repository.membershipsOf(me.id()).stream()
                .collect(Collectors.toMap(ProjectRepository.Membership::projectId, ProjectRepository.Membership::role));
        Map<Project, ProjectRole> result = new java.util.LinkedHashMap<>();
        repository.ofUser(me.id()).forEach(p -> result.put(p, roles.get(p.id())));
        return result;
    }

    @Transactional
    public void switchTo(long projectId) {
        SignedInUser me = ProjectAccess.me();
        access.requireMember(projectId, me);
        repository.setCurrentProject(me.id(), projectId);
    }

    @Transactional(readOnly = true)
    public Optional<Long> defaultProject() {
        return repository.defaultProject(ProjectAccess.me().id());
    }

    @Transactional
    public void setDefault(Long projectId) {
        SignedInUser me = ProjectAccess.me();
        if (projectId != null) {
            access.requireMember(projectId, me);
        }
        repository.setDefaultProject(me.id(), projectId);
        operationLog.record("account.default-project", "user:" + me.username(), "oplog.details.project-name",
                projectId == null ? Phrase.of("oplog.none") : repository.byId(projectId).map(Project::name).orElse(""));
    }
}
