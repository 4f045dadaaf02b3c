package io.gantry.container;

import static io.gantry.db.Tables.FRAMEWORK_IMAGE;

import io.gantry.audit.OperationLog;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.InventoryRules;
import io.gantry.cluster.LoginMethod;
import io.gantry.db.tables.records.FrameworkImageRecord;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotFound;
import io.gantry.workload.Workload;
import io.gantry.workload.Workloads;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The projects' custom images: the rows of the image table that a container saved (an owner), each in its project's
 * scope of names. The inventory keeps the platform's rows and never reads these; every read here names the project
 * and the user it is for, and the services above check who that user is. Joins the caller's transaction.
 */
@Component
class CustomImageStore {

    private static final Condition CUSTOM = FRAMEWORK_IMAGE.OWNER_ID.isNotNull();

    private final DSLContext db;
    private final Workloads workloads;
    private final ContainerRepository containers;
    private final OperationLog operationLog;
    private final Clock clock;

    CustomImageStore(DSLContext db, Workloads workloads, ContainerRepository containers, OperationLog operationLog,
                     Clock clock) {
        this.db = db;
        this.workloads = workloads;
        this.containers = containers;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    /** The project's images this user may see and start from: the shared ones and their own, newest first. */
    @Transactional(readOnly = true)
    List<CustomImage> usableBy(long projectId, long userId) {
        return db.selectFrom(FRAMEWORK_IMAGE).where(CUSTOM, FRAMEWORK_IMAGE.PROJECT_ID.eq(projectId),
                        visibleTo(userId))
                .orderBy(FRAMEWORK_IMAGE.CREATED_AT.desc(), FRAMEWORK_IMAGE.ID.desc())
                .fetch(CustomImageStore::toCustomImage);
    }

    /**
     * An image a container of the project may start from for this user: one of the platform's, or one of the
     * project's custom images the user may use. Any other id is unknown, whether it exists elsewhere or not.
     */
    @Transactional(readOnly = true)
    FrameworkImage usableIn(long projectId, long imageId, long userId) {
        return db.selectFrom(FRAMEWORK_IMAGE).where(FRAMEWORK_IMAGE.ID.eq(imageId))
                .and(FRAMEWORK_IMAGE.OWNER_ID.isNull()
                        .or(FRAMEWORK_IMAGE.PROJECT_ID.eq(projectId).and(visibleTo(userId))))
                .fetchOptional(CustomImageStore::toImage).orElseThrow(() -> new NotFound("image"));
    }

    /** The image an existing container of the project starts from, whoever may use it now. */
    @Transactional(readOnly = true)
    FrameworkImage startedFrom(long projectId, long imageId) {
        return db.selectFrom(FRAMEWORK_IMAGE).where(FRAMEWORK_IMAGE.ID.eq(imageId))
                .and(FRAMEWORK_IMAGE.OWNER_ID.isNull().or(FRAMEWORK_IMAGE.PROJECT_ID.eq(projectId)))
                .fetchOptional(CustomImageStore::toImage).orElseThrow(() -> new NotFound("image"));
    }

    @Transactional(readOnly = true)
    Optional<CustomImage> find(long id) {
        return db.selectFrom(FRAMEWORK_IMAGE).where(CUSTOM, FRAMEWORK_IMAGE.ID.eq(id))
                .fetchOptional(CustomImageStore::toCustomImage);
    }

    /** Checks an image's name and tag before its files are saved; names are unique within its project. */
    @Transactional(readOnly = true)
    void check(FrameworkImage image) {
        InvalidInput.Collector problems = InvalidInput.collect()
                .check("imageName", InventoryRules.imageNameProblem(image.name()))
                .check("imageTag", InventoryRules.imageTagProblem(image.tag()));
        if (!problems.has("imageName") && !problems.has("imageTag") && db.fetchExists(FRAMEWORK_IMAGE,
                FRAMEWORK_IMAGE.SCOPE_ID.eq(image.custom().projectId()),
                FRAMEWORK_IMAGE.NAME.eq(image.name().strip()), FRAMEWORK_IMAGE.TAG.eq(image.tag().strip()))) {
            problems.add("imageTag", "error.name-taken", image.name().strip() + ":" + image.tag().strip());
        }
        if (image.description() != null && image.description().length() > InventoryRules.IMAGE_TEXT_MAX) {
            problems.add("imageDescription", "field.too-long", InventoryRules.IMAGE_TEXT_MAX);
        }
        problems.throwIfAny();
    }

    /** Records an image whose files the runtime has saved from a container. */
    @Transactional
    long save(FrameworkImage image, ImageVisibility visibility, long containerId, String containerName) {
        check(image);
        FrameworkImage.Custom custom = image.custom();
        FrameworkImageRecord r = db.newRecord(FRAMEWORK_IMAGE);
        r.setName(image.name().strip());
        r.setTag(image.tag().strip());
        r.setLoginMethod(image.loginMethod().name());
        r.setOffersSsh(image.offersSsh());
        r.setOffersJupyter(image.offersJupyter());
        r.setOffersTerminal(image.offersTerminal());
        r.setOffersTensorboard(image.offersTensorboard());
        r.setLocalEnvironment(blankToNull(image.localEnvironment()));
        r.setDescription(blankToNull(image.description()));
        r.setCreatedAt(clock.instant());
        r.setOwnerId(custom.ownerId());
        r.setProjectId(custom.projectId());
        r.setScopeId(custom.projectId());
        r.setSavedFiles(custom.savedFiles());
        r.setFrameworkType(custom.frameworkType());
        r.setVisibility(visibility.name());
        r.setSourceContainerId(containerId);
        r.setSourceContainerName(containerName);
        r.store();
        // The container's own line (container.save-image) that follows names where the image came from.
        operationLog.record("image.save-custom", "image:" + r.getName() + ":" + r.getTag(), null);
        return r.getId();
    }

    /** The containers, not deleted nor being deleted, that start from this image: a stopped one may start again. */
    @Transactional(readOnly = true)
    List<Container> containersUsing(List<Long> imageIds) {
        List<Workload> using = workloads.usingImages(imageIds).stream()
                .filter(w -> ContainerRepository.KIND.equals(w.kind())).toList();
        return containers.ofWorkloads(using);
    }

    @Transactional
    void delete(CustomImage image) {
        db.deleteFrom(FRAMEWORK_IMAGE).where(CUSTOM, FRAMEWORK_IMAGE.ID.eq(image.id())).execute();
        operationLog.record("image.delete-custom", "image:" + image.reference(), null);
    }

    private static Condition visibleTo(long userId) {
        return FRAMEWORK_IMAGE.VISIBILITY.eq(ImageVisibility.PROJECT.name()).or(FRAMEWORK_IMAGE.OWNER_ID.eq(userId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static CustomImage toCustomImage(FrameworkImageRecord r) {
        return new CustomImage(toImage(r), r.getOwnerId(), r.getProjectId(), ImageVisibility.valueOf(r.getVisibility()),
                r.getSourceContainerId(), r.getSourceContainerName(), r.getCreatedAt());
    }

    private static FrameworkImage toImage(FrameworkImageRecord r) {
        return new FrameworkImage(r.getId(), r.getName(), r.getTag(), r.getRegistryId(),
                LoginMethod.valueOf(r.getLoginMethod()), r.getOffersSsh(), r.getOffersJupyter(), r.getOffersTerminal(),
                r.getOffersTensorboard(), r.getLocalEnvironment(), r.getDescription(),
                r.getOwnerId() == null ? null : new FrameworkImage.Custom(r.getOwnerId(), r.getProjectId(),
                        r.getSavedFiles(), r.getFrameworkType()));
    }
}
