package io.gantry.identity;

import io.gantry.shared.Permission;
import java.time.Instant;
import java.util.Set;

/**
 * A role and what it grants.
 *
 * @param preset the preset it is, or null for a custom role
 */
public record RoleInfo(long id, String name, String description, PresetRole preset, Set<Permission> permissions,
                       Instant createdAt) {

    public boolean isPreset() {
        return preset != null;
    }
}
