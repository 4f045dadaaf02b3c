package io.gantry.shared;

import java.util.List;

/**
 * Which work of a user is still live (waiting for devices, starting, running or stopping), contributed by the
 * features that run work. Identity asks before it deletes an account: a process must never outlive the record that
 * owns it, its devices and its keys.
 */
public interface LiveWorkloads {

    /** Names of the user's live workloads, for a refusal that says what still runs; empty when nothing does. */
    List<String> ownedBy(long userId);
}
