package io.gantry.cluster;

/**
 * An image containers and tasks start from, with the services it offers.
 *
 * @param registryId the private registry it comes from, or null for a public image
 * @param localEnvironment for the local runtime: the environment the image stands for on this machine
 */
public record FrameworkImage(long id, String name, String tag, Long registryId, LoginMethod loginMethod,
                             boolean offersSsh, boolean offersJupyter, boolean offersTerminal,
                             boolean offersTensorboard, String localEnvironment, String description) {

    public String reference() {
        return name + ":" + tag;
    }
}
