package io.gantry.container;

/**
 * What a user fills in to save a running container as an image (AI-Stack 五.3).
 *
 * @param displayName how the platform shows it
 * @param imageName, tag how the image store knows it
 * @param frameworkType e.g. pytorch, tensorflow, mindspore, other
 */
public record CustomImageForm(String displayName, String description, String imageName, String tag,
                              String frameworkType, boolean offersSsh, boolean offersJupyter, boolean offersTerminal) {

    public static final int DISPLAY_NAME_MAX = 64;
    /** The image list shows "display name — description" in one text of at most 255 characters. */
    public static final int DESCRIPTION_MAX = 255 - DISPLAY_NAME_MAX - 3;
}
