package io.gantry.identity.ui;

import io.gantry.identity.RoleInfo;
import io.gantry.shared.ui.Ui;

/** A role's name as users read it: a preset role (which nobody can rename) by its preset, in the user's language. */
final class RoleLabels {

    private RoleLabels() {
    }

    static String name(RoleInfo role) {
        return role.isPreset() ? Ui.t("role.preset-name." + role.preset().name()) : role.name();
    }
}
