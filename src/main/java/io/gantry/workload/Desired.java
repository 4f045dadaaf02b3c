package io.gantry.workload;

import org.springframework.modulith.NamedInterface;

/** What a workload's users and rules want of it; the reconciler moves what runs towards it. */
@NamedInterface("api")
public enum Desired {
    RUNNING, STOPPED, DELETED
}
