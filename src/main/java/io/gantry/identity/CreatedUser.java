package io.gantry.identity;

/** A created account and its initial password, which is shown once and never stored in clear. */
public record CreatedUser(long id, String username, String initialPassword) {
}
