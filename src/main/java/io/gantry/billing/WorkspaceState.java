package io.gantry.billing;

import java.time.Instant;

/**
 * A user's workspace on the platform (AI-Stack 八.1): not activated until the user activates it, then activated at
 * that moment for good.
 *
 * @param activatedAt when the user activated it; null while it is not activated
 */
public record WorkspaceState(Instant activatedAt) {

    public static final WorkspaceState NOT_ACTIVATED = new WorkspaceState(null);

    public boolean activated() {
        return activatedAt != null;
    }
}
