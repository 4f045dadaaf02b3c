package io.gantry.cluster;

/** A private image registry. Its password or token is stored encrypted and never shown again. */
public record Registry(long id, String name, String url, String username, boolean hasSecret) {
}
