package io.gantry.identity;

import io.gantry.db.tables.records.AppUserRecord;
import io.gantry.shared.Permission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the principal of a session from the database: the account and the union of its roles' permissions. */
@Component
class SignedInUsers {

    private final UserRepository users;
    private final RoleRepository roles;

    SignedInUsers(UserRepository users, RoleRepository roles) {
        this.users = users;
        this.roles = roles;
    }

    @Transactional(readOnly = true)
    Optional<SignedInUser> byId(long id) {
        return users.byId(id).map(this::of);
    }

    SignedInUser of(AppUserRecord user) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        roles.effectiveOf(user.getId()).forEach(role -> permissions.addAll(role.permissions()));
        return new SignedInUser(user.getId(), user.getUsername(), user.getNickname(), permissions,
                user.getMustChangePassword(), UserRepository.preferencesOf(user));
    }
}
