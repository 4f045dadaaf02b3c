package io.gantry.identity;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.Names;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles and their permission trees (Apulis 4.2.8-4.2.9). Preset roles are fixed; custom roles are free. */
@Service
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class RoleService {

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 255;

    private final RoleRepository roles;
    private final UserRepository users;
    private final GroupRepository groups;
    private final OperationLog operationLog;
    private final Clock clock;

    RoleService(RoleRepository roles, UserRepository users, GroupRepository groups, OperationLog operationLog,
                Clock clock) {
        this.roles = roles;
        this.users = users;
        this.groups = groups;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<RoleInfo> all() {
        return roles.all();
    }

    /** The roles in the asked order (only the list's sort properties), then the preset ones first. */
    @Transactional(readOnly = true)
    public List<RoleInfo> all(List<ListSort> sort) {
        return roles.all(sort);
    }

    @Transactional(readOnly = true)
    public RoleDetails details(long id) {
        RoleInfo role = roles.byId(id).orElseThrow(() -> new NotFound("role"));
        return new RoleDetails(role, users.withRole(id), groups.withRole(id));
    }

    @Transactional
    public long create(String name, String description, Set<Permission> permissions) {
        validate(name, description, permissions, null);
        long id = roles.insert(name.strip(), description.strip(), permissions, clock.instant());
        operationLog.record("role.create", "role:" + name.strip(), "oplog.details.permissions",
                Phrase.each("permission.", permissions));
        return id;
    }

    @Transactional
    public void update(long id, String name, String description, Set<Permission> permissions) {
        RoleInfo role = details(id).role();
        if (role.isPreset()) {
            throw new NotAllowed("role.preset.fixed", role.name());
        }
        validate(name, description, permissions, id);
        roles.update(id, name.strip(), description.strip(), permissions);
        operationLog.record("role.update", "role:" + role.name(), "oplog.details.permissions",
                Phrase.each("permission.", permissions));
    }

    @Transactional
    public void delete(long id) {
        RoleInfo role = details(id).role();
        if (role.isPreset()) {
            throw new NotAllowed("role.preset.delete", role.name());
        }
        roles.delete(id);
        operationLog.record("role.delete", "role:" + role.name(), null);
    }

    /** Relates the role directly to exactly these users (Apulis "Related To User"). */
    @Transactional
    public void relateUsers(long id, Set<Long> userIds) {
        RoleInfo role = details(id).role();
        if (!users.existingIds(userIds).containsAll(userIds)) {
            throw new NotFound("user");
        }
        if (role.preset() == PresetRole.SYSTEM_ADMIN) {
            users.builtinAdmin().filter(admin -> !userIds.contains(admin.getId())).ifPresent(admin -> {
                throw new NotAllowed("user.builtin.keep-admin", admin.getUsername());
            });
        }
        users.setUsersOfRole(id, userIds);
        operationLog.record("role.relate-users", "role:" + role.name(), "oplog.details.users",
                LogNames.users(users, userIds));
    }

    /** Relates the role to exactly these groups (Apulis "Related To Group"). */
    @Transactional
    public void relateGroups(long id, Set<Long> groupIds) {
        RoleInfo role = details(id).role();
        if (!groups.existingIds(groupIds).containsAll(groupIds)) {
            throw new NotFound("group");
        }
        groups.setGroupsOfRole(id, groupIds);
        operationLog.record("role.relate-groups", "role:" + role.name(), "oplog.details.groups",
                LogNames.groups(groups, groupIds));
    }

    private void validate(String name, String description, Set<Permission> permissions, Long exceptId) {
        InvalidInput.Collector problems = InvalidInput.collect().check("name", Names.problem(name));
        if (name == null || name.isBlank()) {
            problems.add("name", "field.required");
        } else if (name.length() > NAME_MAX) {
            problems.add("name", "field.too-long", NAME_MAX);
        } else if (roles.nameExists(name.strip(), exceptId)) {
            problems.add("name", "error.name-taken", name.strip());
        }
        if (description == null || description.isBlank()) {
            problems.add("description", "field.required");
        } else if (description.length() > DESCRIPTION_MAX) {
            problems.add("description", "field.too-long", DESCRIPTION_MAX);
        }
        if (permissions.isEmpty()) {
            problems.add("permissions", "role.permissions.required");
        }
        problems.throwIfAny();
    }
}
