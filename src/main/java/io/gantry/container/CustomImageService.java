package io.gantry.container;

import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.project.ProjectService;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's custom images for its members (AI-Stack 五.3): the shared ones and each member's own private ones.
 * A project the user is not in does not exist for them (platform admins see its shared images), nor does an image
 * they may not use. Images are saved from a container ({@link ContainerService#saveImage}).
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.IMAGES_USE + "')")
public class CustomImageService {

    /** How many container names a refusal lists before "…". */
    private static final int NAMED_MAX = 10;

    private final CustomImageStore store;
    private final ProjectService projects;
    private final WorkloadRuntime runtime;

    CustomImageService(CustomImageStore store, ProjectService projects, WorkloadRuntime runtime) {
        this.store = store;
        this.projects = projects;
        this.runtime = runtime;
    }

    /** The project's images the signed-in user may see and start from, newest first. */
    @Transactional(readOnly = true)
    public List<CustomImage> list(long projectId) {
        SignedInUser me = requireMemberOrAdmin(projectId);
        return store.usableBy(projectId, me.id());
    }

    /** Whether the signed-in user may delete this image: its maker; for a shared one also the project's managers. */
    @Transactional(readOnly = true)
    public boolean canDelete(CustomImage image) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        return image.usableBy(me.id()) && image.deletableBy(me.id(), projects.canManage(image.projectId()));
    }

    /**
     * Deletes an image no container starts from any more, and then its saved files; refused while one does, naming
     * them (a stopped container starts again from its image, so it counts until it is deleted). The row goes in its
     * own transaction before the files, so that a failure leaves files without a row, never a row without files.
     */
    public void delete(long id) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        CustomImage image = store.find(id).orElseThrow(() -> new NotFound("image"));
        if (!image.usableBy(me.id())
                || projects.myRole(image.projectId()).isEmpty() && !me.has(Permission.PROJECTS_MANAGE)) {
            throw new NotFound("image");
        }
        if (!image.deletableBy(me.id(), projects.canManage(image.projectId()))) {
            throw new NotAllowed("custom-image.delete.not-allowed");
        }
        List<Container> users = store.containersUsing(List.of(id));
        if (!users.isEmpty()) {
            String names = users.stream().map(Container::name).limit(NAMED_MAX).collect(Collectors.joining(", "))
                    + (users.size() > NAMED_MAX ? ", …" : "");
            throw new NotAllowed("custom-image.in-use", image.reference(), users.size(), names);
        }
        store.delete(image);
        String savedFiles = image.image().custom().savedFiles();
        if (savedFiles != null) {
            runtime.deleteSavedImage(savedFiles);
        }
    }

    private SignedInUser requireMemberOrAdmin(long projectId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (projects.myRole(projectId).isEmpty() && !me.has(Permission.PROJECTS_MANAGE)) {
            throw new NotFound("project");
        }
        return me;
    }
}
