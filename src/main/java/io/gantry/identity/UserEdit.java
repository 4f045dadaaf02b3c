package io.gantry.identity;

/** The fields an administrator may change on an account. */
public record UserEdit(String nickname, String phone, String email, String description, Integer maxJobHours) {
}
