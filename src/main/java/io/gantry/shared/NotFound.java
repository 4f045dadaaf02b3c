package io.gantry.shared;

/** The thing asked for (a user, a group, a role, ...) does not exist (any more) or is not visible to the caller. */
public class NotFound extends UserFacingException {

    public NotFound(String what) {
        super(null, "error.not-found." + what);
    }
}
