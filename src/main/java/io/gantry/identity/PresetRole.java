package io.gantry.identity;

import io.gantry.shared.Permission;

import java.util.EnumSet;
import java.util.Set;

/** The roles every installation has (Apulis 3.2.4); they cannot be deleted and their permissions are fixed here. */
public enum PresetRole {
    SYSTEM_ADMIN(EnumSet.allOf(Permission.class)),
    USER(EnumSet.of(Permission.OVERVIEW_VIEW, Permission.CONTAINERS_USE, Permission.IMAGES_USE, Permission.TASKS_USE,
            Permission.SCHEDULES_USE, Permission.DATASETS_USE, Permission.ANNOTATION_USE, Permission.MODELS_USE,
            Permission.INFERENCE_USE, Permission.NETWORK_USE, Permission.BILLING_VIEW, Permission.MONITORING_VIEW)),
    ANNOTATOR(EnumSet.of(Permission.ANNOTATION_USE));

    private final Set<Permission> permissions;

    PresetRole(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }
}
