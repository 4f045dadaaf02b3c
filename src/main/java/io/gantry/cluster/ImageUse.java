package io.gantry.cluster;

import java.util.Collection;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * What starts from the platform's images, told by the features that start workloads (containers now, tasks later):
 * they depend on the inventory, so the inventory asks them through this door rather than depending on them. Called
 * within the caller's transaction, with no user check: the admin images page that asks is checked itself.
 */
@NamedInterface("api")
public interface ImageUse {

    /** Whatever of this feature still starts from one of these images; one entry per user of an image. */
    List<ImageUser> usersOf(Collection<Long> imageIds);

    /**
     * One workload that starts from an image.
     *
     * @param kindKey i18n key of what it is, e.g. a container
     * @param route where its page is, relative to the application's root
     */
    record ImageUser(long imageId, String kindKey, long id, String name, long projectId, String route) {
    }
}
