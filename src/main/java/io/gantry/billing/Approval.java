package io.gantry.billing;

/** Where an order stands with its project's managers (DESIGN §7). */
public enum Approval {
    /** At or below the project's threshold: on to the broker at once. */
    NOT_REQUIRED,
    /** Above the threshold: its workload waits in PENDING_APPROVAL for a manager. */
    PENDING,
    APPROVED,
    REJECTED
}
