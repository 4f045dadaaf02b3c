package io.gantry.container;

/** A container's lifecycle (DESIGN §3); only a RUNNING container can be operated. */
public enum ContainerState {
    PENDING_APPROVAL, QUEUED, SCHEDULED, CREATING, RUNNING, STOPPING, STOPPED, DELETED, FAILED, REJECTED;

    /** Holds (or waits for) devices and may still start or run. */
    public boolean isLive() {
        return this == PENDING_APPROVAL || this == QUEUED || this == SCHEDULED || this == CREATING
                || this == RUNNING || this == STOPPING;
    }
}
