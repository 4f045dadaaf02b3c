package io.gantry.cluster;

import io.gantry.audit.OperationLog;
import io.gantry.shared.NotFound;
import java.time.Clock;
import java.util.List;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Images saved from containers (AI-Stack 自定義鏡像), for the feature that saves and starts them. No user check here:
 * a project's images are its members' business, which the caller knows and this module does not (the project
 * feature depends on the cluster, not the other way round). Joins the caller's transaction.
 */
@NamedInterface("api")
@Component
public class CustomImages {

    private final ClusterRepository repository;
    private final OperationLog operationLog;
    private final Clock clock;

    CustomImages(ClusterRepository repository, OperationLog operationLog, Clock clock) {
        this.repository = repository;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    /** The images saved in a project, shared with its members. */
    @Transactional(readOnly = true)
    public List<FrameworkImage> of(long projectId) {
        return repository.customImages(projectId);
    }

    /** An image a container of the project may start from: one of the platform's, or one saved in that project. */
    @Transactional(readOnly = true)
    public FrameworkImage usableIn(long projectId, long imageId) {
        return repository.image(imageId)
                .filter(image -> image.custom() == null || image.custom().projectId() == projectId)
                .orElseThrow(() -> new NotFound("image"));
    }

    /** Checks a custom image's fields before its files are saved, with the rules of the image it will be. */
    @Transactional(readOnly = true)
    public void check(FrameworkImage image) {
        ClusterService.checkImage(null, image, repository);
    }

    /** Records an image whose files the runtime has saved; names are unique within its project. */
    @Transactional
    public long save(FrameworkImage image) {
        check(image);
        FrameworkImage clean = new FrameworkImage(0, image.name().strip(), image.tag().strip(), null,
                image.loginMethod(), image.offersSsh(), image.offersJupyter(), image.offersTerminal(),
                image.offersTensorboard(), ClusterService.blankToNull(image.localEnvironment()),
                ClusterService.blankToNull(image.description()), image.custom());
        long saved = repository.saveImage(null, clean, clock.instant());
        // The container's own line (container.save-image) that follows names where the image came from.
        operationLog.record("image.save-custom", "image:" + clean.reference(), null);
        return saved;
    }
}
