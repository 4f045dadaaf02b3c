package io.gantry.identity;

import io.gantry.audit.Phrase;
import java.util.Collection;
import java.util.List;

/**
 * Names for operation-log lines, taken when the operation happens: the log is history, so a line keeps naming a user
 * or group that is later renamed or deleted. A preset role is a phrase, read in the reader's language.
 */
final class LogNames {

    private LogNames() {
    }

    static List<String> users(UserRepository users, Collection<Long> ids) {
        return users.byIds(ids).stream().map(UserAccount::username).sorted().toList();
    }

    static List<String> groups(GroupRepository groups, Collection<Long> ids) {
        return groups.all().stream().filter(g -> ids.contains(g.id())).map(GroupInfo::name).sorted().toList();
    }

    static List<Object> roles(RoleRepository roles, Collection<Long> ids) {
        return roles.all().stream().filter(r -> ids.contains(r.id())).map(LogNames::role).toList();
    }

    static Object role(RoleInfo role) {
        return role.isPreset() ? Phrase.of("role.preset-name." + role.preset().name()) : role.name();
    }
}
