package io.gantry.shared;

/** The platform's areas, in menu order; each groups the permissions of one part of the manuals. */
public enum PermissionArea {
    OVERVIEW,
    DEVELOPMENT,
    TASKS,
    DATA,
    MODELS,
    INFERENCE,
    NETWORK,
    ACCOUNT,
    MONITORING,
    ADMINISTRATION
}
