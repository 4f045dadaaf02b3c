package io.gantry.identity;

import java.time.Instant;

/** An account as the user management screens show it. */
public record UserAccount(long id, String username, String nickname, String phone, String email, String description,
                          Integer maxJobHours, boolean builtin, boolean mustChangePassword, Instant createdAt) {
}
