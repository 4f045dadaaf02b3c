package io.gantry.identity;

import io.gantry.shared.Permission;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The principal of a signed-in session: who it is and what it may do right now. Refreshed on every request, so a
 * change of roles or a deleted account takes effect at once.
 */
public record SignedInUser(long id, String username, String nickname, Set<Permission> permissions,
                           boolean mustChangePassword, Preferences preferences) implements Principal, Serializable {

    /** Authority of a session that must choose a new password before anything else. */
    static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    @Override
    public String getName() {
        return username;
    }

    public boolean hasAnyPermission() {
        return !permissions.isEmpty();
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** Until the initial password is changed, the session holds no permission but that of changing it. */
    List<GrantedAuthority> authorities() {
        if (mustChangePassword) {
            return List.of(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
        }
        return permissions.stream().<GrantedAuthority>map(p -> new SimpleGrantedAuthority(p.authority())).toList();
    }
}
