package io.gantry.identity;

/** Just enough of an account to name it in another feature's screens. */
public record UserRef(long id, String username, String nickname) {

    public String label() {
        return nickname + " (" + username + ")";
    }
}
