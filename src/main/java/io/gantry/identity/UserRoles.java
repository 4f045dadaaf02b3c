package io.gantry.identity;

import java.util.List;

/**
 * The roles a user holds directly, as the user list shows them, and whether a role reaches the user through a group.
 *
 * @param direct the roles given to the user, by name
 * @param throughGroup whether one of the user's groups grants a role
 */
public record UserRoles(List<Held> direct, boolean throughGroup) {

    public static final UserRoles NONE = new UserRoles(List.of(), false);

    /** No role at all: the user can sign in but sees nothing, as a self-registered user does until an admin acts. */
    public boolean none() {
        return direct.isEmpty() && !throughGroup;
    }

    /**
     * One role by name.
     *
     * @param preset the preset it is, or null for a custom role
     */
    public record Held(String name, PresetRole preset) {
    }
}
