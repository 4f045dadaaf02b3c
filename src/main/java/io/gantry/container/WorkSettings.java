package io.gantry.container;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.NodeInfo;
import io.gantry.project.Projects;
import io.gantry.project.Quota;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotFound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The settings every kind of work that starts from an image on devices shares (containers, tasks): the image, the
 * spec and its device count on one or several nodes, the flavor and the shared memory. Checked here once, with the
 * same rules and messages for each kind, against the project's quotas and the cluster, for a given user (the
 * signed-in one, or a schedule's owner when nobody is signed in). Checks no permission: the caller's service did.
 */
@Component
@NamedInterface("api")
public class WorkSettings {

    private final Projects projects;
    private final ClusterInventory cluster;
    private final CustomImageStore customImages;

    WorkSettings(Projects projects, ClusterInventory cluster, CustomImageStore customImages) {
        this.projects = projects;
        this.cluster = cluster;
        this.customImages = customImages;
    }

    /**
     * What a form chose.
     *
     * @param devices on each node
     * @param nodes 1 for one node; more for a gang
     */
    public record Choice(long projectId, Long specId, Integer devices, int nodes, Long flavorId,
                         Integer sharedMemoryMib, Long imageId) {

        public boolean distributed() {
            return nodes > 1;
        }

        public int totalDevices() {
            return devices == null ? 0 : devices * nodes;
        }
    }

    /** The chosen image, spec and flavor, each null where the choice did not hold. */
    public record Checked(FrameworkImage image, AcceleratorSpec spec, Flavor flavor) {
    }

    /** A spec as a form offers it: the device counts the project can ever allow, and the flavors. */
    public record SpecOffer(AcceleratorSpec spec, List<Integer> counts, int most, boolean perUserLimited,
                            List<Flavor> flavors) {

        public SpecOffer {
            counts = List.copyOf(counts);
            flavors = List.copyOf(flavors);
        }
    }

    /**
     * Checks the choice for a user of the project, adding a problem per field ({@code image}, {@code spec},
     * {@code nodes}, {@code devices}, {@code flavor}, {@code sharedMemory}) to {@code problems}.
     *
     * @param imagesUse whether the user may start from custom images
     * @throws NotFound for an image the user may not use in the project
     */
    public Checked check(Choice choice, long userId, boolean imagesUse, InvalidInput.Collector problems) {
        FrameworkImage image = null;
        if (choice.imageId() == null) {
            problems.add("image", "field.required");
        } else {
            image = customImages.usableIn(choice.projectId(), choice.imageId(), userId);
            if (image.custom() != null && !imagesUse) {
                throw new NotFound("image");
            }
        }
        AcceleratorSpec spec = null;
        Flavor flavor = null;
        if (choice.specId() == null) {
            problems.add("spec", "field.required");
        } else {
            spec = cluster.spec(choice.specId());
            long chosenSpec = spec.id();
            int largest = spec.allowedCounts().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<Quota> quotas = projects.quotas(choice.projectId());
            if (quotas.stream().noneMatch(q -> q.specId() == chosenSpec && q.devices() > 0)) {
                // Not offered by the form, not even with no devices: the project has none of this spec to give.
                problems.add("spec", "container.spec.not-in-quota", spec.name());
            } else if (choice.nodes() < 1) {
                problems.add("nodes", "container.nodes.range", mostNodes(spec.id()));
            } else if (choice.distributed() && choice.nodes() > mostNodes(spec.id())) {
                problems.add("nodes", "container.nodes.range", mostNodes(spec.id()));
            } else if (choice.devices() == null) {
                problems.add("devices", "field.required");
            } else if (!spec.allows(choice.devices())) {
                problems.add("devices", "container.devices.not-allowed", spec.allowedCounts().toString());
            } else if (choice.distributed() && choice.devices() != largest) {
                // The broker places a gang only as whole nodes' worth of devices on each.
                problems.add("devices", "container.devices.per-node", largest, spec.name());
            } else if (choice.totalDevices() > mostDevices(quotas, spec.id())) {
                // The broker would refuse it at once, whatever the load: say so on the field instead of creating
                // work that fails.
                problems.add("devices", "container.devices.over-quota", choice.totalDevices(), spec.name(),
                        mostDevices(quotas, spec.id()));
            }
            flavor = choice.flavorId() == null ? null : cluster.flavors(chosenSpec).stream()
                    .filter(f -> f.id() == choice.flavorId()).findFirst().orElse(null);
            if (flavor == null) {
                problems.add("flavor", "field.required");
            }
        }
        // No value is not "none": the form starts at 0, so an empty field is one the browser could not read as a
        // number (too large for one, say), which must not be saved as 0.
        if (flavor == null) {
            // No flavor, no upper bound to name ("between 0 and 0 MiB" would mislead): only the lower one.
            if (choice.sharedMemoryMib() == null || choice.sharedMemoryMib() < 0) {
                problems.add("sharedMemory", "field.not-negative");
            }
        } else if (choice.sharedMemoryMib() == null || choice.sharedMemoryMib() < 0
                || choice.sharedMemoryMib() > flavor.memoryMib()) {
            problems.add("sharedMemory", "container.shm.range", flavor.memoryMib());
        }
        return new Checked(image, spec, flavor);
    }

    /** The most nodes one distributed workload of a spec can be placed on: the spec's nodes that take work. */
    public int mostNodes(long specId) {
        return (int) cluster.nodes().stream()
                .filter(n -> n.specId() != null && n.specId() == specId && n.schedulable()).count();
    }

    /**
     * The most devices of a spec one workload of the project can ever get: the project's quota of the spec, or the
     * per-user maximum where that is lower (what the broker refuses outright, not what happens to be free now).
     */
    @Transactional(readOnly = true)
    public int mostDevices(long projectId, long specId) {
        return mostDevices(projects.quotas(projectId), specId);
    }

    private static int mostDevices(List<Quota> quotas, long specId) {
        return quotas.stream().filter(q -> q.specId() == specId).mapToInt(WorkSettings::most).findFirst()
                .orElse(0);
    }

    private static int most(Quota quota) {
        return quota.maxPerUser() == null ? quota.devices() : Math.min(quota.devices(), quota.maxPerUser());
    }

    /** The specs the project has a quota of, each with the counts one workload may ask for and its flavors. */
    @Transactional(readOnly = true)
    public List<SpecOffer> specs(long projectId) {
        List<Quota> quotas = projects.quotas(projectId).stream().filter(q -> q.devices() > 0).toList();
        List<SpecOffer> offers = new ArrayList<>();
        for (AcceleratorSpec spec : cluster.specs()) {
            quotas.stream().filter(q -> q.specId() == spec.id()).findFirst().ifPresent(quota -> {
                int most = most(quota);
                offers.add(new SpecOffer(spec, spec.allowedCounts().stream().filter(n -> n <= most).toList(), most,
                        quota.maxPerUser() != null && quota.maxPerUser() < quota.devices(),
                        cluster.flavors(spec.id())));
            });
        }
        return offers;
    }

    /** The platform's images. */
    public List<FrameworkImage> publicImages() {
        return cluster.images();
    }

    /** The project's custom images the user may start from (none without the right to use custom images). */
    @Transactional(readOnly = true)
    public List<FrameworkImage> customImages(long projectId, long userId, boolean imagesUse) {
        return !imagesUse ? List.of() : customImages.usableBy(projectId, userId).stream().map(CustomImage::image)
                .toList();
    }

    /**
     * What each image the user may see in the project is called in lists: a custom image's framework type where it
     * has one, else the image's name.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> frameworks(long projectId, long userId) {
        Map<Long, String> frameworks = new HashMap<>();
        for (FrameworkImage image : cluster.images()) {
            frameworks.put(image.id(), image.name());
        }
        for (FrameworkImage image : customImages.usableBy(projectId, userId).stream().map(CustomImage::image)
                .toList()) {
            frameworks.put(image.id(), image.custom().frameworkType() == null ? image.name()
                    : image.custom().frameworkType());
        }
        return frameworks;
    }

    /** The devices a placed workload is given, told to it as containers are told theirs. */
    @Transactional(readOnly = true)
    public WorkloadSpec.Devices devices(long specId, Long nodeId, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            return WorkloadSpec.Devices.NONE;
        }
        AcceleratorSpec spec = cluster.spec(specId);
        Optional<NodeInfo> node = nodeId == null ? Optional.empty()
                : cluster.nodes().stream().filter(n -> n.id() == nodeId).findFirst();
        return new WorkloadSpec.Devices(spec.vendor().visibleDevicesVariable(), indexes,
                node.map(NodeInfo::simulated).orElse(true));
    }

    /**
     * Where the broker placed a workload, in a cluster's words: the node's name, the spec's node selector and device
     * resource, the devices it holds there, and what the whole project may hold at once.
     */
    @Transactional(readOnly = true)
    public WorkloadSpec.Placement placement(long projectId, long specId, Long nodeId, int deviceCount) {
        AcceleratorSpec spec = cluster.spec(specId);
        String nodeName = nodeId == null ? null : cluster.nodes().stream().filter(n -> n.id() == nodeId)
                .findFirst().map(NodeInfo::name).orElse(null);
        return new WorkloadSpec.Placement(nodeName, spec.nodeSelectorLabels(), blankToNull(spec.resourceName()),
                deviceCount, projectQuota(projectId));
    }

    /**
     * What the project may hold at once: its devices per resource name, summed over the specs that share one, and
     * the CPU and memory its quotas let it run with (each spec's devices times its largest flavor, plus one largest
     * flavor of all for work without devices), as {@link WorkloadSpec.ProjectQuota} defines it.
     */
    @Transactional(readOnly = true)
    public WorkloadSpec.ProjectQuota projectQuota(long projectId) {
        List<QuotaShare> shares = new ArrayList<>();
        for (Quota quota : projects.quotas(projectId)) {
            if (quota.devices() <= 0) {
                continue;
            }
            AcceleratorSpec spec = cluster.spec(quota.specId());
            List<Flavor> flavors = cluster.flavors(spec.id());
            shares.add(new QuotaShare(blankToNull(spec.resourceName()), quota.devices(),
                    flavors.stream().mapToInt(Flavor::cpuCores).max().orElse(0),
                    flavors.stream().mapToLong(Flavor::memoryMib).max().orElse(0)));
        }
        return projectQuota(shares);
    }

    /** One spec's part of a project's quota: its resource name, devices and largest flavor. */
    record QuotaShare(String resourceName, int devices, int largestCpuCores, long largestMemoryMib) {
    }

    static WorkloadSpec.ProjectQuota projectQuota(List<QuotaShare> shares) {
        Map<String, Integer> devices = new HashMap<>();
        int cpu = 0;
        long memory = 0;
        int largestCpu = 0;
        long largestMemory = 0;
        for (QuotaShare share : shares) {
            if (share.resourceName() != null) {
                devices.merge(share.resourceName(), share.devices(), Integer::sum);
            }
            cpu += share.devices() * share.largestCpuCores();
            memory += share.devices() * share.largestMemoryMib();
            largestCpu = Math.max(largestCpu, share.largestCpuCores());
            largestMemory = Math.max(largestMemory, share.largestMemoryMib());
        }
        return new WorkloadSpec.ProjectQuota(devices, cpu + largestCpu, memory + largestMemory);
    }

    /** The credentials of the private registry an image comes from, or null for a public image. */
    @Transactional(readOnly = true)
    public WorkloadSpec.PullCredentials pullCredentials(long imageId) {
        return cluster.pullCredentials(imageId).orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The image's environment for the local runtime, as containers read it. */
    public static Map<String, String> environment(String imageEnvironment) {
        return ContainerAccess.environment(imageEnvironment);
    }
}
