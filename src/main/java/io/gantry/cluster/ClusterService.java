package io.gantry.cluster;

import io.gantry.audit.OperationLog;
import io.gantry.secrets.SecretBox;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cluster inventory (Apulis 3.2.7-3.2.8, 3.10; AI-Stack 五): nodes, accelerator specs with prices and pod limits,
 * flavors, images and private registries. Everyone signed in may read it; only CLUSTER_MANAGE may change it.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class ClusterService {

    public static final int MAX_GROUP_SIZE = 64;

    private final ClusterRepository repository;
    private final SecretBox secrets;
    private final OperationLog operationLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<ImageUse> imageUses;

    ClusterService(ClusterRepository repository, SecretBox secrets, OperationLog operationLog,
                   ApplicationEventPublisher events, Clock clock, List<ImageUse> imageUses) {
        this.imageUses = List.copyOf(imageUses);
        this.repository = repository;
        this.secrets = secrets;
        this.operationLog = operationLog;
        this.events = events;
        this.clock = clock;
    }

    // specs

    @Transactional(readOnly = true)
    public List<AcceleratorSpec> specs() {
        return repository.specs();
    }

    /** The specs in the asked order (only the list's sort properties), then by name. */
    @Transactional(readOnly = true)
    public List<AcceleratorSpec> specs(List<ListSort> sort) {
        return repository.specs(sort);
    }

    @Transactional(readOnly = true)
    public AcceleratorSpec spec(long id) {
        return repository.spec(id).orElseThrow(() -> new NotFound("spec"));
    }

    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public long createSpec(SpecForm form) {
        List<Integer> counts = validate(form, null);
        long id = repository.insertSpec(form, counts, clock.instant());
        operationLog.record("spec.create", "spec:" + form.name().strip(), "oplog.details.spec", describe(form));
        return id;
    }

    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public void updateSpec(long id, SpecForm form) {
        AcceleratorSpec before = spec(id);
        List<Integer> counts = validate(form, id);
        repository.updateSpec(id, form, counts);
        operationLog.record("spec.update", "spec:" + before.name(), "oplog.details.spec", describe(form));
    }

    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public void deleteSpec(long id) {
        AcceleratorSpec spec = spec(id);
        if (repository.specHasNodes(id)) {
            throw new NotAllowed("spec.delete.has-nodes", spec.name());
        }
        repository.deleteSpec(id);
        operationLog.record("spec.delete", "spec:" + spec.name(), null);
    }

    private List<Integer> validate(SpecForm form, Long exceptId) {
        InvalidInput.Collector problems = InvalidInput.collect()
                .check("name", InventoryRules.nameProblem(form.name()));
        if (!problems.has("name") && repository.specNameTaken(form.name().strip(), exceptId)) {
            problems.add("name", "error.name-taken", form.name().strip());
        }
        if (form.vendor() == null) {
            problems.add("vendor", "field.required");
        }
        if (form.model() == null || form.model().isBlank()) {
            problems.add("model", "field.required");
        } else if (form.model().length() > InventoryRules.MODEL_MAX) {
            problems.add("model", "field.too-long", InventoryRules.MODEL_MAX);
        }
        tooLong(problems, "resourceName", form.resourceName(), InventoryRules.RESOURCE_NAME_MAX);
        tooLong(problems, "nodeSelector", form.nodeSelector(), InventoryRules.NODE_SELECTOR_MAX);
        tooLong(problems, "allowedCounts", form.allowedCounts(), InventoryRules.ALLOWED_COUNTS_MAX);
        problems.check("resourceName", InventoryRules.resourceNameProblem(form.resourceName()))
                .check("nodeSelector", InventoryRules.nodeSelectorProblem(form.nodeSelector()));
        Optional<List<Integer>> counts = AllowedCounts.parse(form.allowedCounts());
        if (counts.isEmpty()) {
            problems.add("allowedCounts", "spec.counts.invalid", AllowedCounts.MAX_DEVICES_PER_NODE);
        }
        Integer group = form.topologyGroupSize();
        if (group == null || group < 1 || group > MAX_GROUP_SIZE) {
            problems.add("topologyGroupSize", "spec.group.range", MAX_GROUP_SIZE);
        }
        Prices prices = form.prices() == null ? new Prices(null, null, null) : form.prices();
        problems.check("pricePerDeviceHour", InventoryRules.priceProblem(prices.perDeviceHour()), InventoryRules.MAX_PRICE)
                .check("pricePerCoreHour", InventoryRules.priceProblem(prices.perCoreHour()), InventoryRules.MAX_PRICE)
                .check("pricePerGibHour", InventoryRules.priceProblem(prices.perGibHour()), InventoryRules.MAX_PRICE);
        checkPodLimits(problems, form.podLimits());
        problems.throwIfAny();
        return counts.orElseThrow();
    }

    /** Each broken rule of the four pod limits, said for what is wrong rather than for all four at once. */
    private static void checkPodLimits(InvalidInput.Collector problems, PodLimits limits) {
        if (limits == null) {
            problems.add("podLimits", "spec.pod-limits.required");
            return;
        }
        if (limits.minCpu() < 1 || limits.maxCpu() > PodLimits.MAX_CPU) {
            problems.add("podLimits", "spec.pod-limits.cpu-range", PodLimits.MAX_CPU);
        } else if (limits.maxCpu() < limits.minCpu()) {
            problems.add("podLimits", "spec.pod-limits.cpu-order", limits.minCpu(), limits.maxCpu());
        }
        if (limits.minMemoryMib() < 1 || limits.maxMemoryMib() > PodLimits.MAX_MEMORY_MIB) {
            problems.add("podLimits", "spec.pod-limits.memory-range", PodLimits.MAX_MEMORY_MIB / 1024);
        } else if (limits.maxMemoryMib() < limits.minMemoryMib()) {
            problems.add("podLimits", "spec.pod-limits.memory-order", limits.minMemoryMib(), limits.maxMemoryMib());
        }
    }

    /** A spec form in the operation log: allowed counts, group size and the three prices. */
    private static Object[] describe(SpecForm form) {
        return new Object[] {form.allowedCounts(), form.topologyGroupSize(), form.prices().perDeviceHour(),
                form.prices().perCoreHour(), form.prices().perGibHour()};
    }

    // nodes

    @Transactional(readOnly = true)
    public List<NodeInfo> nodes() {
        return repository.nodes();
    }

    /** The nodes in the asked order (only the list's sort properties), then real ones first and by name. */
    @Transactional(readOnly = true)
    public List<NodeInfo> nodes(List<ListSort> sort) {
        return repository.nodes(sort);
    }

    /** A page of the nodes in the asked order (only the list's sort properties), then real ones first and by name. */
    @Transactional(readOnly = true)
    public List<NodeInfo> nodes(List<ListSort> sort, int offset, int limit) {
        return repository.nodes(sort, offset, limit);
    }

    /** How many nodes there are and their devices, all of them and those that take new work, summed in SQL. */
    @Transactional(readOnly = true)
    public NodeTotals nodeTotals() {
        return repository.nodeTotals();
    }

    /** Cordon (false) keeps a node's running work but gives it no new work; uncordon (true) lifts that. */
    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public void setSchedulable(long nodeId, boolean schedulable) {
        var node = repository.node(nodeId).orElseThrow(() -> new NotFound("node"));
        repository.setSchedulable(nodeId, schedulable);
        operationLog.record(schedulable ? "node.uncordon" : "node.cordon", "node:" + node.getName(), null);
        events.publishEvent(new NodesChanged(nodeId, schedulable));
    }

    /** Devices per spec over all nodes, and over the nodes that take new work. */
    @Transactional(readOnly = true)
    public Map<Long, Capacity> capacity() {
        return repository.capacity().stream().collect(Collectors.toMap(Capacity::specId, Function.identity()));
    }

    // flavors

    @Transactional(readOnly = true)
    public List<Flavor> flavors(long specId) {
        return repository.flavors(specId);
    }

    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public long createFlavor(long specId, String name, Integer cpuCores, Integer memoryMib) {
        AcceleratorSpec spec = spec(specId);
        InvalidInput.Collector problems = InvalidInput.collect();
        if (name == null || name.isBlank()) {
            problems.add("flavorName", "field.required");
        } else if (name.length() > InventoryRules.FLAVOR_NAME_MAX) {
            problems.add("flavorName", "field.too-long", InventoryRules.FLAVOR_NAME_MAX);
        } else if (repository.flavorNameTaken(specId, name.strip())) {
            problems.add("flavorName", "error.name-taken", name.strip());
        }
        if (cpuCores == null || !spec.podLimits().admitsCpu(cpuCores)) {
            problems.add("flavorCpu", "flavor.cpu.range", spec.podLimits().minCpu(), spec.podLimits().maxCpu());
        }
        if (memoryMib == null || !spec.podLimits().admitsMemory(memoryMib)) {
            problems.add("flavorMemory", "flavor.memory.range", spec.podLimits().minMemoryMib(),
                    spec.podLimits().maxMemoryMib());
        }
        problems.throwIfAny();
        long id = repository.insertFlavor(specId, name.strip(), cpuCores, memoryMib);
        operationLog.record("flavor.create", "spec:" + spec.name(), "oplog.details.flavor", name.strip(), cpuCores,
                memoryMib);
        return id;
    }

    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public void deleteFlavor(long flavorId) {
        Flavor flavor = repository.flavor(flavorId).orElseThrow(() -> new NotFound("flavor"));
        repository.deleteFlavor(flavorId);
        operationLog.record("flavor.delete", "spec:" + spec(flavor.specId()).name(), "oplog.details.name",
                flavor.name());
    }

    // registries

    @Transactional(readOnly = true)
    public List<Registry> registries() {
        return repository.registries();
    }

    /** Adds a private registry; its password or token is encrypted at rest and never returned. */
    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public long createRegistry(String name, String url, String username, String secret) {
        InvalidInput.Collector problems = InvalidInput.collect();
        if (name == null || name.isBlank()) {
            problems.add("registryName", "field.required");
        } else if (name.length() > InventoryRules.REGISTRY_NAME_MAX) {
            problems.add("registryName", "field.too-long", InventoryRules.REGISTRY_NAME_MAX);
        } else if (repository.registryNameTaken(name.strip())) {
            problems.add("registryName", "error.name-taken", name.strip());
        }
        problems.check("registryUrl", InventoryRules.registryUrlProblem(url));
        tooLong(problems, "registryUrl", url, InventoryRules.REGISTRY_URL_MAX);
        tooLong(problems, "registryUsername", username, InventoryRules.REGISTRY_USERNAME_MAX);
        tooLong(problems, "registrySecret", secret, InventoryRules.REGISTRY_SECRET_MAX);
        problems.throwIfAny();
        String encrypted = secret == null || secret.isEmpty() ? null : secrets.encrypt(secret);
        long id = repository.insertRegistry(name.strip(), url.strip(), username == null || username.isBlank() ? null
                : username.strip(), encrypted, clock.instant());
        operationLog.record("registry.create", "registry:" + name.strip(), "oplog.details.url", url.strip());
        return id;
    }

    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public void deleteRegistry(long id) {
        Registry registry = repository.registry(id).orElseThrow(() -> new NotFound("registry"));
        if (repository.registryInUse(id)) {
            throw new NotAllowed("registry.delete.in-use", registry.name());
        }
        repository.deleteRegistry(id);
        operationLog.record("registry.delete", "registry:" + registry.name(), null);
    }

    /** The decrypted credential of a registry, for the runtime that pulls images; never for a screen. */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public Optional<String> registrySecret(long id) {
        return repository.registrySecret(id).map(secrets::decrypt);
    }

    // images

    @Transactional(readOnly = true)
    public List<FrameworkImage> images() {
        return repository.images();
    }

    /** The platform's images in the asked order (only the list's sort properties), then by name and tag. */
    @Transactional(readOnly = true)
    public List<FrameworkImage> images(List<ListSort> sort) {
        return repository.images(sort);
    }

    /** One of the platform's images; a project's custom images are the container feature's, for its members. */
    @Transactional(readOnly = true)
    public FrameworkImage image(long id) {
        return repository.platformImage(id).orElseThrow(() -> new NotFound("image"));
    }

    /** Creates (id null) or updates an image. */
    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public long saveImage(Long id, FrameworkImage image) {
        checkImage(id, image, repository);
        if (id != null) {
            image(id);
        }
        FrameworkImage clean = new FrameworkImage(0, image.name().strip(), image.tag().strip(), image.registryId(),
                image.loginMethod(), image.offersSsh(), image.offersJupyter(), image.offersTerminal(),
                image.offersTensorboard(), blankToNull(image.localEnvironment()), blankToNull(image.description()));
        long saved = repository.saveImage(id, clean, clock.instant());
        operationLog.record(id == null ? "image.create" : "image.update", "image:" + clean.reference(), null);
        return saved;
    }

    private static void checkImage(Long id, FrameworkImage image, ClusterRepository repository) {
        InvalidInput.Collector problems = InvalidInput.collect();
        problems.check("imageName", InventoryRules.imageNameProblem(image.name()));
        problems.check("imageTag", InventoryRules.imageTagProblem(image.tag()));
        if (!problems.has("imageName") && !problems.has("imageTag")
                && repository.imageTaken(image.name().strip(), image.tag().strip(), id)) {
            problems.add("imageTag", "error.name-taken", image.name().strip() + ":" + image.tag().strip());
        }
        if (image.registryId() != null && repository.registry(image.registryId()).isEmpty()) {
            problems.add("imageRegistry", "error.not-found.registry");
        }
        if (image.loginMethod() == null) {
            problems.add("imageLogin", "field.required");
        }
        tooLong(problems, "imageDescription", image.description(), InventoryRules.IMAGE_TEXT_MAX);
        tooLong(problems, "imageEnvironment", image.localEnvironment(), InventoryRules.IMAGE_TEXT_MAX);
        problems.throwIfAny();
    }

    /**
     * What starts from each of these platform images (containers, with their pages), for the admin images page: an
     * image's users are people's workloads across projects, so only who manages the inventory reads them.
     */
    @Transactional(readOnly = true)
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public Map<Long, List<ImageUse.ImageUser>> imageUsers(java.util.Collection<Long> imageIds) {
        return usersOf(imageIds);
    }

    private Map<Long, List<ImageUse.ImageUser>> usersOf(java.util.Collection<Long> imageIds) {
        return imageUses.stream().flatMap(use -> use.usersOf(imageIds).stream())
                .collect(Collectors.groupingBy(ImageUse.ImageUser::imageId));
    }

    /**
     * Deletes a platform image no workload starts from any more; refused while one does, naming them, since a
     * stopped container starts again from its image.
     */
    @Transactional
    @RolesAllowed(Permission.Names.CLUSTER_MANAGE)
    public void deleteImage(long id) {
        FrameworkImage image = image(id);
        List<ImageUse.ImageUser> users = usersOf(List.of(id)).getOrDefault(id, List.of());
        if (!users.isEmpty()) {
            throw new NotAllowed("image.in-use", image.reference(), users.size(),
                    users.stream().map(ImageUse.ImageUser::name).distinct().limit(10)
                            .collect(Collectors.joining(", ")));
        }
        repository.deleteImage(id);
        operationLog.record("image.delete", "image:" + image.reference(), null);
    }

    private static void tooLong(InvalidInput.Collector problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field, "field.too-long", max);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
