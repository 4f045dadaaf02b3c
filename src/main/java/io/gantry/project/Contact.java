package io.gantry.project;

import io.gantry.shared.ContactFields;

/** The contact details of the platform's administrators (AI-Stack 九), as an admin entered them. */
public record Contact(String name, String email, String phone, String note) {

    /** How long each part may be, in the service and in the form's fields alike. */
    public static final int NAME_MAX = 64;
    public static final int EMAIL_MAX = ContactFields.EMAIL_MAX;
    public static final int PHONE_MAX = ContactFields.PHONE_MAX;
    public static final int NOTE_MAX = 500;
}
