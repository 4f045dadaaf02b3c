package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.billing.Wallets;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.shared.NotAllowed;
import io.gantry.workload.RunWindow;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/**
 * What the workload contracts (containers, tasks, the reconciler, the time rules) set up alike: an accelerator spec
 * with its first flavor and a framework image, a funded project with a quota of the spec and an activated owner, a
 * container form for that project, and stopping what a test left live in it. A plain object over the beans of the
 * test's own context.
 */
public final class WorkloadFixture {

    public static final String A100 = "nvidia-a100-80g";
    /** The image whose containers sign in with a password, which the local runtime starts for real. */
    public static final String PASSWORD_IMAGE = "gantry/python:3-password";
    public static final String SSH_PASSWORD = "Container-Pass-1";
    public static final String TERMINAL_PASSWORD = "Terminal-Pass-1";

    /** A project and its one member, an activated user. */
    public record OwnedProject(long id, String owner, long ownerId) {
    }

    private final ApplicationContext context;
    private final AcceleratorSpec spec;
    private final Flavor flavor;
    private final FrameworkImage image;

    /** Looks up the spec of this name, its first flavor and the image of this reference. */
    public WorkloadFixture(ApplicationContext context, String specName, String imageReference) {
        this.context = context;
        ClusterService cluster = context.getBean(ClusterService.class);
        spec = cluster.specs().stream().filter(s -> s.name().equals(specName)).findFirst().orElseThrow();
        flavor = cluster.flavors(spec.id()).getFirst();
        image = cluster.images().stream().filter(i -> i.reference().equals(imageReference)).findFirst()
                .orElseThrow();
    }

    public AcceleratorSpec spec() {
        return spec;
    }

    public Flavor flavor() {
        return flavor;
    }

    public FrameworkImage image() {
        return image;
    }

    /**
     * A funded project with a quota of this many devices of the spec, whose member is a new activated user named
     * after the prefix. The quotas earlier tests granted are taken back first: the simulated nodes are shared. Needs
     * a platform admin signed in, and leaves them signed in.
     */
    public OwnedProject ownedProject(String ownerPrefix, int devices) {
        TestProjects testProjects = new TestProjects(context.getBean(ProjectService.class))
                .funded(context.getBean(Wallets.class));
        testProjects.releaseAllQuotas();
        TestAccounts accounts = new TestAccounts(context);
        String owner = TestAccounts.uniqueName(ownerPrefix);
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        long projectId = testProjects.create(List.of(new Quota(spec.id(), devices, null)), ownerId);
        return new OwnedProject(projectId, owner, ownerId);
    }

    /**
     * A container of the spec's first flavor from the image, signed in to with {@link #SSH_PASSWORD}, open to
     * everyone; a null window starts it right away and never ends it.
     */
    public ContainerForm form(long projectId, String name, int devices, int sharedMemoryMib, RunWindow window) {
        return new ContainerForm(projectId, name, image.id(), spec.id(), devices, flavor.id(), sharedMemoryMib,
                Set.of(), SSH_PASSWORD, TERMINAL_PASSWORD, null, true, window);
    }

    /**
     * Stops every live container of these projects; one may end on its own between the look and the stop. Needs a
     * user signed in who may stop them all, such as a platform admin.
     */
    public void stopLiveContainers(long... projectIds) {
        ContainerService containers = context.getBean(ContainerService.class);
        for (long projectId : projectIds) {
            for (Container container : containers.list(projectId, null, 0, 100)) {
                stopIfLive(containers, container.id());
            }
        }
    }

    /** Stops the container if it is still live, where it may end on its own between the look and the stop. */
    public static void stopIfLive(ContainerService containers, long containerId) {
        if (!containers.container(containerId).state().isLive()) {
            return;
        }
        try {
            containers.stop(containerId);
        } catch (NotAllowed endedMeanwhile) {
            assertThat(containers.container(containerId).state().isLive())
                    .as("container %s ended meanwhile", containerId).isFalse();
        }
    }
}
