package io.gantry.cluster;

/**
 * An image containers and tasks start from, with the services it offers.
 *
 * @param registryId the private registry it comes from, or null for a public image
 * @param localEnvironment for the local runtime: the environment the image stands for on this machine
 * @param custom for an image saved from a container (AI-Stack custom image): who saved it and where; else null
 */
public record FrameworkImage(long id, String name, String tag, Long registryId, LoginMethod loginMethod,
                             boolean offersSsh, boolean offersJupyter, boolean offersTerminal,
                             boolean offersTensorboard, String localEnvironment, String description, Custom custom) {

    /** A platform image. */
    public FrameworkImage(long id, String name, String tag, Long registryId, LoginMethod loginMethod,
                          boolean offersSsh, boolean offersJupyter, boolean offersTerminal, boolean offersTensorboard,
                          String localEnvironment, String description) {
        this(id, name, tag, registryId, loginMethod, offersSsh, offersJupyter, offersTerminal, offersTensorboard,
                localEnvironment, description, null);
    }

    public String reference() {
        return name + ":" + tag;
    }

    /**
     * @param projectId the project whose members may start containers from it
     * @param savedFiles where the local runtime keeps the saved files
     * @param frameworkType e.g. pytorch, tensorflow, mindspore, other
     */
    public record Custom(long ownerId, long projectId, String savedFiles, String frameworkType) {
    }
}
