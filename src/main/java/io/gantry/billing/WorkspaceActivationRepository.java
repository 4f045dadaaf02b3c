package io.gantry.billing;

import static io.gantry.db.Tables.WORKSPACE_ACTIVATION;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Which users activated their workspace, and when. */
@Repository
class WorkspaceActivationRepository {

    private final DSLContext db;

    WorkspaceActivationRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Instant> activatedAt(long userId) {
        return db.select(WORKSPACE_ACTIVATION.ACTIVATED_AT).from(WORKSPACE_ACTIVATION)
                .where(WORKSPACE_ACTIVATION.USER_ID.eq(userId)).fetchOptional(WORKSPACE_ACTIVATION.ACTIVATED_AT);
    }

    /** Notes the activation unless the user has one; whether this call made it (two at once: one does). */
    boolean insert(long userId, Instant at) {
        return db.insertInto(WORKSPACE_ACTIVATION).set(WORKSPACE_ACTIVATION.USER_ID, userId)
                .set(WORKSPACE_ACTIVATION.ACTIVATED_AT, at).onConflictDoNothing().execute() == 1;
    }
}
