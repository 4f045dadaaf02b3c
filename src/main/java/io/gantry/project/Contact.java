package io.gantry.project;

/** The contact details of the platform's administrators (AI-Stack 九), as an admin entered them. */
public record Contact(String name, String email, String phone, String note) {
}
