package io.gantry.container;

import io.gantry.cluster.ImageUse;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tells the inventory which containers start from its images, each with its page. Joins the caller's transaction. */
@Component
class ContainerImageUse implements ImageUse {

    private final CustomImageStore images;

    ContainerImageUse(CustomImageStore images) {
        this.images = images;
    }

    @Override
    public List<ImageUser> usersOf(Collection<Long> imageIds) {
        return images.containersUsing(List.copyOf(imageIds)).stream()
                .map(c -> new ImageUser(c.imageId(), "images.used-by.container", c.id(), c.name(), c.projectId(),
                        "containers/" + c.id()))
                .toList();
    }
}
