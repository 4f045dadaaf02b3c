package io.gantry.identity;

import java.util.List;

/** A role with the users and groups it is related to directly. */
public record RoleDetails(RoleInfo role, List<UserAccount> users, List<GroupInfo> groups) {
}
