package io.gantry.runtime;

/** Where a workload stands in its runtime. */
public enum WorkloadState {
    STARTING, RUNNING, SUCCEEDED, FAILED, STOPPED, UNKNOWN;

    public boolean isLive() {
        return this == STARTING || this == RUNNING;
    }
}
