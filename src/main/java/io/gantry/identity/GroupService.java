package io.gantry.identity;

import io.gantry.audit.OperationLog;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.Names;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User groups (Apulis 4.2.5-4.2.7): a group's roles are granted to all its members. */
@Service
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class GroupService {

    public static final int NAME_MAX = 64;
    public static final int DESCRIPTION_MAX = 255;

    private final GroupRepository groups;
    private final RoleRepository roles;
    private final UserRepository users;
    private final OperationLog operationLog;
    private final Clock clock;

    GroupService(GroupRepository groups, RoleRepository roles, UserRepository users, OperationLog operationLog,
                 Clock clock) {
        this.groups = groups;
        this.roles = roles;
        this.users = users;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<GroupInfo> search(String text, int offset, int limit) {
        return groups.search(text, offset, limit);
    }

    /** A page of the matching groups in the asked order (only the list's sort properties), then by name. */
    @Transactional(readOnly = true)
    public List<GroupInfo> search(String text, List<ListSort> sort, int offset, int limit) {
        return groups.search(text, sort, offset, limit);
    }

    @Transactional(readOnly = true)
    public int count(String text) {
        return groups.count(text);
    }

    @Transactional(readOnly = true)
    public List<GroupInfo> all() {
        return groups.all();
    }

    @Transactional(readOnly = true)
    public GroupDetails details(long id) {
        GroupInfo group = groups.byId(id).orElseThrow(() -> new NotFound("group"));
        return new GroupDetails(group, roles.ofGroup(id), users.membersOf(id));
    }

    /** Checks the first step of the create-group wizard without saving. */
    @Transactional(readOnly = true)
    public void validate(String name, String description, Long exceptId) {
        InvalidInput.Collector problems = InvalidInput.collect().check("name", Names.problem(name));
        if (name == null || name.isBlank()) {
            problems.add("name", "field.required");
        } else if (name.length() > NAME_MAX) {
            problems.add("name", "field.too-long", NAME_MAX);
        } else if (groups.nameExists(name.strip(), exceptId)) {
            problems.add("name", "error.name-taken", name.strip());
        }
        if (description == null || description.isBlank()) {
            problems.add("description", "field.required");
        } else if (description.length() > DESCRIPTION_MAX) {
            problems.add("description", "field.too-long", DESCRIPTION_MAX);
        }
        problems.throwIfAny();
    }

    @Transactional
    public long create(String name, String description, Set<Long> roleIds) {
        validate(name, description, null);
        if (roleIds.isEmpty()) {
            throw new InvalidInput("roles", "user.roles.required");
        }
        if (!roles.existingIds(roleIds).containsAll(roleIds)) {
            throw new NotFound("role");
        }
        long id = groups.insert(name.strip(), description.strip(), clock.instant());
        groups.setRoles(id, roleIds);
        operationLog.record("group.create", "group:" + name.strip(), "oplog.details.roles",
                LogNames.roles(roles, roleIds));
        return id;
    }

    @Transactional
    public void update(long id, String name, String description) {
        GroupInfo group = details(id).group();
        validate(name, description, id);
        groups.update(id, name.strip(), description.strip());
        operationLog.record("group.update", "group:" + group.name(), "oplog.details.name", name.strip());
    }

    @Transactional
    public void setRoles(long id, Set<Long> roleIds) {
        GroupInfo group = details(id).group();
        if (!roles.existingIds(roleIds).containsAll(roleIds)) {
            throw new NotFound("role");
        }
        groups.setRoles(id, roleIds);
        operationLog.record("group.roles", "group:" + group.name(), "oplog.details.roles",
                LogNames.roles(roles, roleIds));
    }

    /** The accounts that are not yet members of the group, searched as the user list is, for the member picker. */
    @Transactional(readOnly = true)
    public List<UserAccount> candidates(long id, String text, int offset, int limit) {
        return users.searchOutsideGroup(id, text, offset, limit);
    }

    /** Adds members; returns how many joined (those already in the group are left as they are). */
    @Transactional
    public int addMembers(long id, Set<Long> userIds) {
        GroupInfo group = details(id).group();
        if (!users.existingIds(userIds).containsAll(userIds)) {
            throw new NotFound("user");
        }
        int added = groups.addMembers(id, userIds);
        operationLog.record("group.add-members", "group:" + group.name(), "oplog.details.users",
                LogNames.users(users, userIds));
        return added;
    }

    @Transactional
    public void removeMember(long id, long userId) {
        GroupInfo group = details(id).group();
        List<String> removed = LogNames.users(users, Set.of(userId));
        groups.removeMember(id, userId);
        operationLog.record("group.remove-member", "group:" + group.name(), "oplog.details.users", removed);
    }

    @Transactional
    public void delete(long id) {
        GroupInfo group = details(id).group();
        groups.delete(id);
        operationLog.record("group.delete", "group:" + group.name(), null);
    }
}
