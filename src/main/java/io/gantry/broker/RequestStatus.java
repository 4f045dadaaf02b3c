package io.gantry.broker;

/** Where a request stands: waiting, holding devices, or ended (and how). */
public enum RequestStatus {
    QUEUED, PLACED, REFUSED, CANCELLED, RELEASED, PREEMPTED;

    public boolean isLive() {
        return this == QUEUED || this == PLACED;
    }
}
