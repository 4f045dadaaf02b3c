package io.gantry.billing;

import io.gantry.audit.OperationLog;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's workspace on the platform (AI-Stack 八.1, page {@value Orders#ACTIVATION_PAGE}): its state, and
 * activating it, which prepares the user's workspace on the runtime and is written to the operation log. Each user
 * sees and activates only their own.
 */
@Service
@RolesAllowed(Permission.Names.BILLING_VIEW)
public class WorkspaceService {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceService.class);

    private final WorkspaceActivations activations;
    private final OperationLog operationLog;

    WorkspaceService(WorkspaceActivations activations, OperationLog operationLog) {
        this.activations = activations;
        this.operationLog = operationLog;
    }

    @Transactional(readOnly = true)
    public WorkspaceState state() {
        return activations.state(me().id());
    }

    /**
     * Activates the user's workspace and returns its state; activating an activated one changes nothing and writes
     * no line. Refused ({@link NotAllowed} {@code workspace.activate.failed}) when the runtime cannot prepare it.
     */
    @Transactional
    public WorkspaceState activate() {
        SignedInUser me = me();
        boolean activated;
        try {
            activated = activations.activate(me.id());
        } catch (UncheckedIOException e) {
            log.warn("Could not prepare the workspace of user {}", me.username(), e);
            throw new NotAllowed("workspace.activate.failed", e.getCause() == null ? e.getMessage()
                    : e.getCause().getMessage());
        }
        if (activated) {
            operationLog.record("account.activate-workspace", "user:" + me.username(),
                    "oplog.details.workspace-activated");
        }
        return activations.state(me.id());
    }

    private static SignedInUser me() {
        return CurrentUser.get().orElseThrow();
    }
}
