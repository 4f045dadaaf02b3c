package io.gantry.container;

import static io.gantry.db.Tables.WORKLOAD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Work that rented devices, written straight into the workload table with the times it started and ended: held by
 * another replica's runtime, so that this replica's reconciler leaves it alone, and without an order, so that metering
 * does not charge it.
 */
public record RentalFixtures(DSLContext db, List<Long> made) {

    public RentalFixtures(DSLContext db) {
        this(db, new ArrayList<>());
    }

    /** Work that ran from {@code started} to {@code ended} (still running when null), holding {@code devices}. */
    public long ran(long projectId, long userId, long specId, int devices, Instant started, Instant ended) {
        return insert(projectId, userId, specId, devices, started, ended, ended == null ? "RUNNING" : "STOPPED");
    }

    /** Work the broker refused at {@code at}: it never started, so it never held a device. */
    public long refused(long projectId, long userId, long specId, int devices, Instant at) {
        return insert(projectId, userId, specId, devices, null, at, "FAILED");
    }

    private long insert(long projectId, long userId, long specId, int devices, Instant started, Instant ended,
                        String state) {
        long id = db.insertInto(WORKLOAD).set(WORKLOAD.KIND, "container").set(WORKLOAD.PROJECT_ID, projectId)
                .set(WORKLOAD.USER_ID, userId).set(WORKLOAD.NAME, "rented").set(WORKLOAD.IMAGE_ID, 1L)
                .set(WORKLOAD.IMAGE_REFERENCE, "gantry/python:3").set(WORKLOAD.SPEC_ID, specId)
                .set(WORKLOAD.DEVICES, devices).set(WORKLOAD.CPU_CORES, 1).set(WORKLOAD.MEMORY_MIB, 1024L)
                .set(WORKLOAD.RUNTIME, "local").set(WORKLOAD.RUNTIME_ID, "container-r" + UUID.randomUUID())
                .set(WORKLOAD.RUNTIME_INSTANCE, "another-replica")
                .set(WORKLOAD.DESIRED_STATE, ended == null ? "RUNNING" : "STOPPED").set(WORKLOAD.STATE, state)
                .set(WORKLOAD.CREATED_AT, started == null ? ended : started)
                .set(WORKLOAD.STARTED_AT, started).set(WORKLOAD.ENDED_AT, ended)
                .returning(WORKLOAD.ID).fetchOne().getId();
        made.add(id);
        return id;
    }

    /** Ends what still runs of the work made here, so that no later test finds it live. */
    public void endAll(Instant at) {
        db.update(WORKLOAD).set(WORKLOAD.STATE, "STOPPED").set(WORKLOAD.DESIRED_STATE, "STOPPED")
                .set(WORKLOAD.ENDED_AT, at).where(WORKLOAD.ID.in(made))
                .and(WORKLOAD.STATE.eq("RUNNING")).execute();
    }
}
