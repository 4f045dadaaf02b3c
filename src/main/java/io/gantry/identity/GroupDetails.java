package io.gantry.identity;

import java.util.List;

public record GroupDetails(GroupInfo group, List<RoleInfo> roles, List<UserAccount> members) {
}
