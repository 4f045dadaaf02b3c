package io.gantry.shared;

import java.util.Arrays;
import java.util.List;

/**
 * What a role may do. Granted to a signed-in user as the authority {@code ROLE_<name>}, so that
 * {@code @RolesAllowed(Permission.Names.X)} guards views and service methods alike.
 */
public enum Permission {
    OVERVIEW_VIEW(PermissionArea.OVERVIEW),
    CONTAINERS_USE(PermissionArea.DEVELOPMENT),
    IMAGES_USE(PermissionArea.DEVELOPMENT),
    TASKS_USE(PermissionArea.TASKS),
    SCHEDULES_USE(PermissionArea.TASKS),
    DATASETS_USE(PermissionArea.DATA),
    ANNOTATION_USE(PermissionArea.DATA),
    MODELS_USE(PermissionArea.MODELS),
    INFERENCE_USE(PermissionArea.INFERENCE),
    NETWORK_USE(PermissionArea.NETWORK),
    BILLING_VIEW(PermissionArea.ACCOUNT),
    MONITORING_VIEW(PermissionArea.MONITORING),
    USERS_MANAGE(PermissionArea.ADMINISTRATION),
    PROJECTS_MANAGE(PermissionArea.ADMINISTRATION),
    CLUSTER_MANAGE(PermissionArea.ADMINISTRATION),
    BILLING_MANAGE(PermissionArea.ADMINISTRATION),
    AUDIT_VIEW_ALL(PermissionArea.ADMINISTRATION);

    /** Compile-time constants for annotations; a unit test keeps them equal to the enum's names. */
    public static final class Names {
        public static final String OVERVIEW_VIEW = "OVERVIEW_VIEW";
        public static final String CONTAINERS_USE = "CONTAINERS_USE";
        public static final String IMAGES_USE = "IMAGES_USE";
        public static final String TASKS_USE = "TASKS_USE";
        public static final String SCHEDULES_USE = "SCHEDULES_USE";
        public static final String DATASETS_USE = "DATASETS_USE";
        public static final String ANNOTATION_USE = "ANNOTATION_USE";
        public static final String MODELS_USE = "MODELS_USE";
        public static final String INFERENCE_USE = "INFERENCE_USE";
        public static final String NETWORK_USE = "NETWORK_USE";
        public static final String BILLING_VIEW = "BILLING_VIEW";
        public static final String MONITORING_VIEW = "MONITORING_VIEW";
        public static final String USERS_MANAGE = "USERS_MANAGE";
        public static final String PROJECTS_MANAGE = "PROJECTS_MANAGE";
        public static final String CLUSTER_MANAGE = "CLUSTER_MANAGE";
        public static final String BILLING_MANAGE = "BILLING_MANAGE";
        public static final String AUDIT_VIEW_ALL = "AUDIT_VIEW_ALL";

        private Names() {
        }
    }

    private final PermissionArea area;

    Permission(PermissionArea area) {
        this.area = area;
    }

    public PermissionArea area() {
        return area;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static List<Permission> in(PermissionArea area) {
        return Arrays.stream(values()).filter(p -> p.area == area).toList();
    }
}
