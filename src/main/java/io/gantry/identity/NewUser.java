package io.gantry.identity;

/** One row of the create-users wizard. */
public record NewUser(String username, String nickname, String phone, String email, String description,
                      Integer maxJobHours) {
}
