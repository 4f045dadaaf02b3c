package io.gantry.workload;

/** What a workload's users and rules want of it; the reconciler moves what runs towards it. */
public enum Desired {
    RUNNING, STOPPED, DELETED
}
