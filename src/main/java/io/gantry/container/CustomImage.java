package io.gantry.container;

import io.gantry.cluster.FrameworkImage;
import java.time.Instant;

/**
 * An image saved from a container of a project (AI-Stack 自定義鏡像): what it is, who saved it, from which container,
 * when, and who may use it.
 *
 * @param sourceContainerId the container it was saved from, or null for an image saved before this was kept
 * @param sourceContainerName that container's name, kept once the container is gone
 */
public record CustomImage(FrameworkImage image, long ownerId, long projectId, ImageVisibility visibility,
                          Long sourceContainerId, String sourceContainerName, Instant createdAt) {

    public long id() {
        return image.id();
    }

    public String reference() {
        return image.reference();
    }

    /** Whether this user may see the image and start containers from it, as a member of its project. */
    public boolean usableBy(long userId) {
        return visibility == ImageVisibility.PROJECT || ownerId == userId;
    }

    /**
     * Whether this user may delete it: its maker always; a shared one also whoever manages the project's
     * containers (its managers, the platform's admins), who tidy what the whole project is offered.
     */
    public boolean deletableBy(long userId, boolean managesProject) {
        return ownerId == userId || visibility == ImageVisibility.PROJECT && managesProject;
    }
}
