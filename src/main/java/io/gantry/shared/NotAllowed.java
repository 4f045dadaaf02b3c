package io.gantry.shared;

/** The operation is refused by a rule of the platform (not by missing permissions), e.g. deleting a preset role. */
public class NotAllowed extends UserFacingException {

    public NotAllowed(String messageKey, Object... arguments) {
        super(null, messageKey, arguments);
    }
}
