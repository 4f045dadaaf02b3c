package io.gantry.identity;

import java.util.List;

/** An account with the roles given to it directly and the groups it belongs to. */
public record AccountDetails(UserAccount account, List<RoleInfo> roles, List<GroupInfo> groups) {
}
