package io.gantry.workload;

import org.springframework.modulith.NamedInterface;

/**
 * Where a workload is in its lifecycle (DESIGN §3): {@code PENDING_APPROVAL → SCHEDULED (a start time ahead) →
 * QUEUED (waiting for devices) → CREATING → RUNNING → STOPPING → STOPPED → DELETED}, with FAILED and REJECTED as
 * ends. A batch workload (a task) that ended by itself ends SUCCEEDED or FAILED by its exit code. Only a RUNNING
 * workload can be operated.
 */
@NamedInterface("api")
public enum Phase {
    PENDING_APPROVAL, QUEUED, SCHEDULED, CREATING, RUNNING, STOPPING, STOPPED, DELETED, FAILED, REJECTED, SUCCEEDED;

    /** Holds (or waits for) devices and may still start or run. */
    public boolean isLive() {
        return this == PENDING_APPROVAL || this == QUEUED || this == SCHEDULED || this == CREATING
                || this == RUNNING || this == STOPPING;
    }

    /** Its runtime may have something of it running. */
    public boolean inRuntime() {
        return this == CREATING || this == RUNNING || this == STOPPING;
    }
}
