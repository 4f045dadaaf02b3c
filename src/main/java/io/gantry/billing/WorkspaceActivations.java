package io.gantry.billing;

import io.gantry.runtime.WorkloadRuntime;
import java.time.Clock;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' workspace activation for other modules and for the platform's own work (AI-Stack 八.1): whether a user may
 * order, and activating on someone's behalf (a setup step, a test). No user check and no operation-log line: people
 * activate their own workspace through {@link WorkspaceService}. It lives in billing because its one rule is about
 * orders (none before activation) and its table came with the orders; a module of its own would hold one table and
 * one check that only {@link Orders} asks.
 */
@Component
@NamedInterface("api")
public class WorkspaceActivations {

    private final WorkspaceActivationRepository repository;
    private final WorkloadRuntime runtime;
    private final Clock clock;

    WorkspaceActivations(WorkspaceActivationRepository repository, WorkloadRuntime runtime, Clock clock) {
        this.repository = repository;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public WorkspaceState state(long userId) {
        return repository.activatedAt(userId).map(WorkspaceState::new).orElse(WorkspaceState.NOT_ACTIVATED);
    }

    @Transactional(readOnly = true)
    public boolean activated(long userId) {
        return repository.activatedAt(userId).isPresent();
    }

    /**
     * Prepares the user's workspace on the runtime, then notes the activation; again for an activated user it
     * prepares the workspace again (harmless: the runtime keeps its files) and keeps the first moment.
     *
     * @return whether this call activated it (false: it was activated before)
     */
    @Transactional
    public boolean activate(long userId) {
        // The workspace first: a runtime that fails leaves the user not activated, free to try again.
        runtime.prepareWorkspace(Long.toString(userId));
        return repository.insert(userId, clock.instant());
    }
}
