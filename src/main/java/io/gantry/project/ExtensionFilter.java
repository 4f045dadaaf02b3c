package io.gantry.project;

/** Which extension requests the admins' page lists: those waiting, those decided (the history), or both. */
public enum ExtensionFilter {
    PENDING, DECIDED, ALL
}
