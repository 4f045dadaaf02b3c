package io.gantry.container;

/**
 * What a user fills in to save a running container as an image (AI-Stack 五.3).
 *
 * @param displayName how the platform shows it
 * @param imageName, tag how the image store knows it
 * @param frameworkType e.g. pytorch, tensorflow, mindspore, other
 * @param visibility shared within the project or private to its maker; required
 */
public record CustomImageForm(String displayName, String description, String imageName, String tag,
                              String frameworkType, boolean offersSsh, boolean offersJupyter, boolean offersTerminal,
                              ImageVisibility visibility) {

    public static final int DISPLAY_NAME_MAX = 64;
    /** The image list shows "display name — description" in one text of at most 255 characters. */
    public static final int DESCRIPTION_MAX = 255 - DISPLAY_NAME_MAX - 3;

    /** An image shared within the project, as every saved image was before its maker could keep it private. */
    public CustomImageForm(String displayName, String description, String imageName, String tag,
                           String frameworkType, boolean offersSsh, boolean offersJupyter, boolean offersTerminal) {
        this(displayName, description, imageName, tag, frameworkType, offersSsh, offersJupyter, offersTerminal,
                ImageVisibility.PROJECT);
    }
}
