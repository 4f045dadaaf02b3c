package io.gantry.container;

/**
 * Who may start containers from a custom image (AI-Stack 五.3: a saved image "may be shared with the other members"
 * of the project, so sharing is its maker's choice). A private image holds a copy of its maker's workspace, like the
 * maker's own Jupyter, so it is the maker's alone: not the project's managers' nor the platform's admins'.
 */
public enum ImageVisibility {
    /** Every member of the project may see it and start containers from it. */
    PROJECT,
    /** Only the member who saved it. */
    PRIVATE
}
