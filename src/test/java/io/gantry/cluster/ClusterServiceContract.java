package io.gantry.cluster;

import static io.gantry.db.Tables.REGISTRY;
import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gantry.audit.OperationLog;
import io.gantry.runtime.RuntimeNode;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.OperationLogQuery;
import io.gantry.identity.TestAccounts;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The cluster inventory: the demo nodes and this machine, capacity, specs with prices and pod limits, flavors,
 * registries with encrypted credentials and images; every change in the operation log. Run on H2 and PostgreSQL.
 */
abstract class ClusterServiceContract {

    static final String A100 = "nvidia-a100-80g";
    static final String ASCEND = "huawei-ascend910";

    @Autowired
    ApplicationContext context;
    @Autowired
    ClusterService cluster;
    @Autowired
    OperationLog operationLog;
    @Autowired
    DSLContext db;

    TestAccounts accounts;

    @BeforeEach
    void signInAsAdmin() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    // test data

    static SpecForm validSpec(String name) {
        return new SpecForm(name, Vendor.NVIDIA, "Test GPU", "nvidia.com/gpu", "accelerator=" + name, "0, 1, 2, 4, 8",
                8, new Prices(new BigDecimal("3.2500"), new BigDecimal("0.0400"), new BigDecimal("0.0100")),
                PodLimits.DEFAULT);
    }

    static SpecForm with(SpecForm form, UnaryOperator<SpecFormBuilder> change) {
        return change.apply(new SpecFormBuilder(form)).build();
    }

    /** Changes one field of a spec form at a time. */
    static final class SpecFormBuilder {
        String name;
        Vendor vendor;
        String model;
        String resourceName;
        String nodeSelector;
        String allowedCounts;
        Integer topologyGroupSize;
        Prices prices;
        PodLimits podLimits;

        SpecFormBuilder(SpecForm f) {
            name = f.name();
            vendor = f.vendor();
            model = f.model();
            resourceName = f.resourceName();
            nodeSelector = f.nodeSelector();
            allowedCounts = f.allowedCounts();
            topologyGroupSize = f.topologyGroupSize();
            prices = f.prices();
            podLimits = f.podLimits();
        }

        SpecFormBuilder devicePrice(String price) {
            BigDecimal perDeviceHour = price == null ? null : new BigDecimal(price);
            prices = new Prices(perDeviceHour, prices.perCoreHour(), prices.perGibHour());
            return this;
        }

        SpecForm build() {
            return new SpecForm(name, vendor, model, resourceName, nodeSelector, allowedCounts, topologyGroupSize,
                    prices, podLimits);
        }
    }

    static FrameworkImage image(String name, String tag, Long registryId) {
        return new FrameworkImage(0, name, tag, registryId, LoginMethod.KEY, true, true, true, false, null,
                "test image");
    }

    AcceleratorSpec specNamed(String name) {
        return cluster.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    NodeInfo nodeNamed(String name) {
        return cluster.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    List<String> loggedActions(String target) {
        return operationLog.find(new OperationLogQuery(null, null, target), 0, 100).stream()
                .filter(e -> e.target().equals(target)).map(OperationLogEntry::action).toList();
    }

    static void assertProblem(Runnable call, String field, String key) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                .extracting(FieldProblem::field, FieldProblem::messageKey).contains(tuple(field, key)));
    }

    // nodes and capacity

    /**
     * A cluster runtime's node list: a node with the A100 spec's label and resource joins with its devices, a CPU
     * node without them; one that leaves the list, and one turned unschedulable there, are cordoned with the reason
     * in the operation log. The machine's own nodes are in the list as they are, so they stay untouched.
     */
    @Test
    void nodes_follow_a_cluster_runtimes_list_and_a_node_gone_or_unschedulable_there_is_cordoned() {
        String gpu = TestAccounts.uniqueName("k8s-gpu");
        String cpu = TestAccounts.uniqueName("k8s-cpu");
        List<RuntimeNode> existing = cluster.nodes().stream().filter(n -> !n.simulated())
                .map(n -> new RuntimeNode(n.name(), AcceleratorSpec.nodeSelectorLabels(n.labels()),
                        n.specId() == null || cluster.spec(n.specId()).resourceName() == null ? Map.of()
                                : Map.of(cluster.spec(n.specId()).resourceName(), (long) n.deviceCount()), n.cpuCores(), n.memoryMib(), n.schedulable(), n.address()))
                .toList();
        RuntimeNode gpuNode = new RuntimeNode(gpu, Map.of("accelerator", A100, "kubernetes.io/hostname", gpu),
                Map.of("nvidia.com/gpu", 8L, "pods", 110L), 64, 512 * 1024L, true, "10.0.0.21");
        RuntimeNode cpuNode = new RuntimeNode(cpu, Map.of("kubernetes.io/hostname", cpu), Map.of(), 16, 65_536, true,
                null);
        java.util.concurrent.atomic.AtomicReference<List<RuntimeNode>> listed = new java.util.concurrent.atomic
                .AtomicReference<>(concat(existing, List.of(gpuNode, cpuNode)));
        RuntimeNodeInventory inventory = new RuntimeNodeInventory(listing(listed), context.getBean(
                ClusterRepository.class), operationLog, context, context.getBean(
                org.springframework.transaction.support.TransactionTemplate.class), context.getBean(
                java.time.Clock.class));
        try {
            assertThat(inventory.sync()).isTrue();

            NodeInfo added = nodeNamed(gpu);
            assertThat(added.specId()).isEqualTo(specNamed(A100).id());
            assertThat(added.deviceCount()).isEqualTo(8);
            assertThat(added.cpuCores()).isEqualTo(64);
            assertThat(added.memoryMib()).isEqualTo(512 * 1024L);
            assertThat(added.address()).isEqualTo("10.0.0.21");
            assertThat(added.simulated()).as("a cluster's node is real").isFalse();
            assertThat(added.schedulable()).isTrue();
            assertThat(nodeNamed(cpu).specId()).isNull();
            assertThat(nodeNamed(cpu).deviceCount()).isZero();
            assertThat(nodeNamed(cpu).address()).as("no address: its name").isEqualTo(cpu);
            assertThat(loggedActions("node:" + gpu)).containsExactly("node.add");
            List<String> realBefore = existing.stream().map(RuntimeNode::name).toList();
            assertThat(cluster.nodes().stream().filter(n -> realBefore.contains(n.name())).map(NodeInfo::schedulable)
                    .toList()).as("the nodes still listed keep taking work").allMatch(b -> b);

            listed.set(concat(existing, List.of(new RuntimeNode(gpu, gpuNode.labels(), gpuNode.allocatable(), 64,
                    512 * 1024L, false, "10.0.0.21"))));
            inventory.sync();

            assertThat(nodeNamed(gpu).schedulable()).as("unschedulable in the cluster").isFalse();
            assertThat(nodeNamed(cpu).schedulable()).as("gone from the cluster").isFalse();
            assertThat(operationLog.find(new OperationLogQuery(null, null, "node:" + cpu), 0, 10).stream()
                    .filter(e -> e.action().equals("node.cordon")).map(OperationLogEntry::messageKey).toList())
                    .containsExactly("cluster.node.cordoned-gone");
            assertThat(operationLog.find(new OperationLogQuery(null, null, "node:" + gpu), 0, 10).stream()
                    .filter(e -> e.action().equals("node.cordon")).map(OperationLogEntry::messageKey).toList())
                    .containsExactly("cluster.node.cordoned-unschedulable");

            listed.set(null);
            assertThat(inventory.sync()).as("a runtime without an inventory changes nothing").isFalse();
        } finally {
            db.deleteFrom(io.gantry.db.Tables.NODE).where(io.gantry.db.Tables.NODE.NAME.in(gpu, cpu)).execute();
        }
    }

    /**
     * Two syncs naming the same new node at once (the one at the start beside the periodic one, or two replicas
     * starting together): one node, rather than the second failing on the node's unique name (which once stopped a
     * replica from starting).
     */
    @Test
    void two_syncs_adding_the_same_node_at_once_add_it_once() throws Exception {
        String name = TestAccounts.uniqueName("k8s-twice");
        ClusterRepository repository = context.getBean(ClusterRepository.class);
        var transaction = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        java.util.concurrent.CountDownLatch firstAdded = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondTried = new java.util.concurrent.CountDownLatch(1);
        java.time.Instant now = java.time.Instant.now();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = threads.submit(() -> transaction.executeWithoutResult(tx -> {
                repository.upsertNode(name, "10.0.0.31", null, 0, 16, 65_536, null, false, now);
                firstAdded.countDown();
                try {
                    // Committed only after the second has begun its own and reached its write: it cannot see this
                    // node yet.
                    secondTried.await(2, java.util.concurrent.TimeUnit.SECONDS);
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            var second = threads.submit(() -> {
                firstAdded.await();
                transaction.executeWithoutResult(tx -> {
                    secondTried.countDown();
                    repository.upsertNode(name, "10.0.0.32", null, 0, 32, 65_536, null, false, now);
                });
                return null;
            });
            first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            second.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(cluster.nodes().stream().filter(n -> n.name().equals(name)).toList()).singleElement()
                    .satisfies(node -> assertThat(node.cpuCores()).as("the later sync's figures").isEqualTo(32));
        } finally {
            db.deleteFrom(io.gantry.db.Tables.NODE).where(io.gantry.db.Tables.NODE.NAME.eq(name)).execute();
        }
    }

    private static List<RuntimeNode> concat(List<RuntimeNode> a, List<RuntimeNode> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** A runtime that only lists nodes (empty when the list is null, as the local runtime's). */
    private static WorkloadRuntime listing(java.util.concurrent.atomic.AtomicReference<List<RuntimeNode>> listed) {
        return (WorkloadRuntime) java.lang.reflect.Proxy.newProxyInstance(WorkloadRuntime.class.getClassLoader(),
                new Class<?>[] {WorkloadRuntime.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "nodes" -> java.util.Optional.ofNullable(listed.get());
                    case "name" -> "kubernetes";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void registersTheDemoNodesAsSimulatedAndThisMachineAsReal() {
        List<NodeInfo> nodes = cluster.nodes();
        assertThat(nodes).filteredOn(NodeInfo::simulated)
                .extracting(NodeInfo::name, NodeInfo::specName, NodeInfo::deviceCount)
                .contains(tuple("sim-a100-1", A100, 8), tuple("sim-a100-2", A100, 8),
                        tuple("sim-ascend-1", ASCEND, 8), tuple("sim-ascend-2", ASCEND, 8));
        assertThat(nodes).filteredOn(NodeInfo::simulated).allSatisfy(n -> assertThat(n.labels()).contains("simulated"));
        NodeInfo host = nodes.stream().filter(n -> !n.simulated()).findFirst().orElseThrow();
        assertThat(nodes).filteredOn(n -> !n.simulated()).hasSize(1);
        assertThat(host.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(host.memoryMib()).isPositive();
        assertThat(host.labels()).contains("local=true");
        assertThat(cluster.specs()).extracting(AcceleratorSpec::name).contains(A100, ASCEND);
        AcceleratorSpec ascend = specNamed(ASCEND);
        assertThat(ascend.allowedCounts()).containsExactly(0, 1, 2, 4, 8);
        assertThat(ascend.topologyGroupSize()).isEqualTo(4);
        assertThat(ascend.podLimits()).isEqualTo(PodLimits.DEFAULT);
    }

    @Test
    void countsDevicesPerSpecAndCordonTakesOnlySchedulableOnesAway() {
        long a100 = specNamed(A100).id();
        long ascend = specNamed(ASCEND).id();
        assertThat(cluster.capacity().get(a100)).isEqualTo(new Capacity(a100, 16, 16));
        assertThat(cluster.capacity().get(ascend)).isEqualTo(new Capacity(ascend, 16, 16));

        long node = nodeNamed("sim-a100-1").id();
        try {
            cluster.setSchedulable(node, false);
            assertThat(nodeNamed("sim-a100-1").schedulable()).isFalse();
            assertThat(cluster.capacity().get(a100)).isEqualTo(new Capacity(a100, 16, 8));
            assertThat(cluster.capacity().get(ascend)).isEqualTo(new Capacity(ascend, 16, 16));
        } finally {
            cluster.setSchedulable(node, true);
        }
        assertThat(cluster.capacity().get(a100)).isEqualTo(new Capacity(a100, 16, 16));
        assertThat(loggedActions("node:sim-a100-1")).contains("node.cordon", "node.uncordon");
        assertThatThrownBy(() -> cluster.setSchedulable(-1, false)).isInstanceOf(NotFound.class);
    }

    // specs

    @Test
    void createsAndUpdatesASpecWithExactPricesAndPodLimits() {
        String name = uniqueName("spec");
        long id = cluster.createSpec(with(validSpec(name), b -> {
            b.allowedCounts = "8 4 2";
            b.nodeSelector = "  ";
            return b;
        }));
        AcceleratorSpec created = cluster.spec(id);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.allowedCounts()).containsExactly(2, 4, 8);
        assertThat(created.nodeSelector()).isNull();
        assertThat(created.prices().perDeviceHour()).isEqualByComparingTo("3.25");
        assertThat(created.prices().perCoreHour()).isEqualByComparingTo("0.04");
        assertThat(created.podLimits()).isEqualTo(new PodLimits(2, 400, 22, 81920));
        assertThat(cluster.capacity().get(id)).isEqualTo(new Capacity(id, 0, 0));

        cluster.updateSpec(id, with(validSpec(name), b -> {
            b.vendor = Vendor.HUAWEI;
            b.resourceName = "huawei.com/Ascend910";
            b.allowedCounts = "0,1,3";
            b.topologyGroupSize = 4;
            b.prices = new Prices(new BigDecimal("0.1234"), BigDecimal.ZERO, new BigDecimal("1000000"));
            b.podLimits = new PodLimits(4, 1024, 16, 65536);
            return b;
        }));
        AcceleratorSpec updated = cluster.spec(id);
        assertThat(updated.vendor()).isEqualTo(Vendor.HUAWEI);
        assertThat(updated.allowedCounts()).containsExactly(0, 1, 3);
        assertThat(updated.topologyGroupSize()).isEqualTo(4);
        assertThat(updated.prices().perDeviceHour()).isEqualByComparingTo("0.1234");
        assertThat(updated.prices().perGibHour()).isEqualByComparingTo("1000000");
        assertThat(updated.podLimits()).isEqualTo(new PodLimits(4, 1024, 16, 65536));
        assertThat(loggedActions("spec:" + name)).containsExactlyInAnyOrder("spec.create", "spec.update");
    }

    @Test
    void refusesABadSpecOnItsFieldsAndSavesNothing() {
        String name = uniqueName("bad");
        SpecForm good = validSpec(name);
        assertProblem(() -> cluster.createSpec(with(good, b -> b.devicePrice("-1"))), "pricePerDeviceHour",
                "price.negative");
        assertProblem(() -> cluster.createSpec(with(good, b -> b.devicePrice("0.00001"))), "pricePerDeviceHour",
                "price.scale");
        assertProblem(() -> cluster.createSpec(with(good, b -> b.devicePrice("1000000.01"))), "pricePerDeviceHour",
                "price.too-large");
        assertProblem(() -> cluster.createSpec(with(good, b -> b.devicePrice(null))), "pricePerDeviceHour",
                "field.required");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.allowedCounts = "1,x";
            return b;
        })), "allowedCounts", "spec.counts.invalid");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.allowedCounts = "";
            return b;
        })), "allowedCounts", "spec.counts.invalid");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.podLimits = new PodLimits(8, 400, 4, 81920);
            return b;
        })), "podLimits", "spec.pod-limits.cpu-order");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.podLimits = new PodLimits(2, 4096, 22, 1024);
            return b;
        })), "podLimits", "spec.pod-limits.memory-order");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.podLimits = new PodLimits(2, 400, PodLimits.MAX_CPU + 1, 81920);
            return b;
        })), "podLimits", "spec.pod-limits.cpu-range");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.podLimits = null;
            return b;
        })), "podLimits", "spec.pod-limits.required");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.topologyGroupSize = 0;
            return b;
        })), "topologyGroupSize", "spec.group.range");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.resourceName = "nvidia gpu";
            return b;
        })), "resourceName", "spec.resource.pattern");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.nodeSelector = "accelerator";
            return b;
        })), "nodeSelector", "spec.selector.pattern");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.name = name.toUpperCase();
            return b;
        })), "name", "cluster.name.pattern");
        assertProblem(() -> cluster.createSpec(with(good, b -> {
            b.vendor = null;
            b.model = " ";
            return b;
        })), "model", "field.required");

        assertThatThrownBy(() -> cluster.createSpec(with(good, b -> {
            b.allowedCounts = "1,x";
            b.podLimits = new PodLimits(8, 400, 4, 81920);
            return b.devicePrice("-1");
        }))).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
                .containsExactly("allowedCounts", "pricePerDeviceHour", "podLimits"));

        assertThat(cluster.specs()).extracting(AcceleratorSpec::name).doesNotContain(name);
        assertThat(loggedActions("spec:" + name)).isEmpty();
    }

    @Test
    void keepsASpecUnchangedWhenAnUpdateIsRefused() {
        String name = uniqueName("keep");
        long id = cluster.createSpec(validSpec(name));
        assertProblem(() -> cluster.updateSpec(id, with(validSpec(name), b -> {
            b.model = "Changed";
            return b.devicePrice("-3");
        })), "pricePerDeviceHour", "price.negative");
        AcceleratorSpec unchanged = cluster.spec(id);
        assertThat(unchanged.model()).isEqualTo("Test GPU");
        assertThat(unchanged.prices().perDeviceHour()).isEqualByComparingTo("3.25");
        assertThat(loggedActions("spec:" + name)).containsExactly("spec.create");
    }

    @Test
    void refusesADuplicateSpecNameInAnyCase() {
        String name = uniqueName("dup");
        long id = cluster.createSpec(validSpec(name));
        assertProblem(() -> cluster.createSpec(validSpec(name)), "name", "error.name-taken");
        long other = cluster.createSpec(validSpec(name + "-b"));
        assertProblem(() -> cluster.updateSpec(other, validSpec(name)), "name", "error.name-taken");
        cluster.updateSpec(id, with(validSpec(name), b -> {
            b.model = "Renamed model, same name";
            return b;
        }));
        assertThat(cluster.spec(id).model()).isEqualTo("Renamed model, same name");
    }

    @Test
    void refusesToDeleteASpecWhileNodesUseIt() {
        AcceleratorSpec a100 = specNamed(A100);
        assertThatThrownBy(() -> cluster.deleteSpec(a100.id())).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo("spec.delete.has-nodes");
            assertThat(e.arguments()).containsExactly(A100);
        });
        assertThat(cluster.spec(a100.id())).isEqualTo(a100);

        String name = uniqueName("gone");
        long id = cluster.createSpec(validSpec(name));
        cluster.createFlavor(id, "small", 2, 4096);
        cluster.deleteSpec(id);
        assertThatThrownBy(() -> cluster.spec(id)).isInstanceOfSatisfying(NotFound.class,
                e -> assertThat(e.messageKey()).isEqualTo("error.not-found.spec"));
        assertThat(cluster.flavors(id)).isEmpty();
        assertThat(loggedActions("spec:" + name)).contains("spec.create", "spec.delete");
    }

    // flavors

    @Test
    void offersFlavorsWithinTheSpecsPodLimits() {
        String name = uniqueName("flv");
        long spec = cluster.createSpec(validSpec(name));
        long large = cluster.createFlavor(spec, "large", 22, 80 * 1024);
        cluster.createFlavor(spec, " small ", 2, 400);
        assertThat(cluster.flavors(spec)).extracting(Flavor::name, Flavor::cpuCores, Flavor::memoryMib)
                .containsExactly(tuple("small", 2, 400), tuple("large", 22, 81920));

        assertProblem(() -> cluster.createFlavor(spec, "tiny", 1, 1024), "flavorCpu", "flavor.cpu.range");
        assertProblem(() -> cluster.createFlavor(spec, "huge", 23, 1024), "flavorCpu", "flavor.cpu.range");
        assertProblem(() -> cluster.createFlavor(spec, "starved", 4, 399), "flavorMemory", "flavor.memory.range");
        assertProblem(() -> cluster.createFlavor(spec, "bloated", 4, 80 * 1024 + 1), "flavorMemory",
                "flavor.memory.range");
        assertProblem(() -> cluster.createFlavor(spec, "unset", null, null), "flavorCpu", "flavor.cpu.range");
        assertProblem(() -> cluster.createFlavor(spec, "LARGE", 4, 4096), "flavorName", "error.name-taken");
        assertProblem(() -> cluster.createFlavor(spec, " ", 4, 4096), "flavorName", "field.required");
        assertThat(cluster.flavors(spec)).hasSize(2);

        cluster.deleteFlavor(large);
        assertThat(cluster.flavors(spec)).extracting(Flavor::name).containsExactly("small");
        assertThatThrownBy(() -> cluster.deleteFlavor(large)).isInstanceOfSatisfying(NotFound.class,
                e -> assertThat(e.messageKey()).isEqualTo("error.not-found.flavor"));
        assertThat(loggedActions("spec:" + name)).containsExactlyInAnyOrder("spec.create", "flavor.create",
                "flavor.create", "flavor.delete");
    }

    // registries

    @Test
    void refusesARegistryReachedOverPlainHttp() {
        String name = uniqueName("reg");
        assertProblem(() -> cluster.createRegistry(name, "http://registry.example.com", "robot", "token"),
                "registryUrl", "registry.url.https");
        assertProblem(() -> cluster.createRegistry(name, "https://robot:token@registry.example.com", null, null),
                "registryUrl", "registry.url.invalid");
        assertThat(cluster.registries()).extracting(Registry::name).doesNotContain(name);
        assertThat(loggedActions("registry:" + name)).isEmpty();
    }

    @Test
    void storesTheRegistrySecretEncryptedAndNeverInTheList() {
        String name = uniqueName("reg");
        String secret = "s3cret-Token-" + name;
        long id = cluster.createRegistry(name, "https://registry.example.com/" + name, "robot", secret);

        String stored = db.select(REGISTRY.SECRET_ENCRYPTED).from(REGISTRY).where(REGISTRY.ID.eq(id)).fetchSingle()
                .value1();
        assertThat(stored).isNotBlank().isNotEqualTo(secret).doesNotContain(secret);
        assertThat(cluster.registrySecret(id)).contains(secret);
        Registry listed = cluster.registries().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        assertThat(listed.hasSecret()).isTrue();
        assertThat(listed.toString()).doesNotContain(secret);
        assertThat(loggedActions("registry:" + name)).containsExactly("registry.create");
        assertThat(operationLog.find(new OperationLogQuery(null, null, secret), 0, 10)).isEmpty();

        long open = cluster.createRegistry(name + "-open", "https://open.example.com", null, "");
        assertThat(cluster.registries()).filteredOn(r -> r.id() == open).extracting(Registry::hasSecret)
                .containsExactly(false);
        assertThat(cluster.registrySecret(open)).isEmpty();
        assertProblem(() -> cluster.createRegistry(name.toUpperCase(), "https://x.example.com", null, null),
                "registryName", "error.name-taken");
    }

    @Test
    void refusesToDeleteARegistryWhileImagesUseIt() {
        String name = uniqueName("reg");
        long registry = cluster.createRegistry(name, "https://registry.example.com", null, null);
        long image = cluster.saveImage(null, image("team/" + name, "1.0", registry));
        assertThatThrownBy(() -> cluster.deleteRegistry(registry)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("registry.delete.in-use"));
        cluster.deleteImage(image);
        cluster.deleteRegistry(registry);
        assertThat(cluster.registries()).extracting(Registry::id).doesNotContain(registry);
        assertThat(loggedActions("registry:" + name)).containsExactlyInAnyOrder("registry.create", "registry.delete");
    }

    // images

    @Test
    void keepsImageNameAndTagUnique() {
        String name = "team/" + uniqueName("img");
        long first = cluster.saveImage(null, image(name, "2.3-cuda12", null));
        assertProblem(() -> cluster.saveImage(null, image(name, "2.3-cuda12", null)), "imageTag", "error.name-taken");
        long second = cluster.saveImage(null, image(name, "2.4", null));
        assertProblem(() -> cluster.saveImage(second, image(name, "2.3-cuda12", null)), "imageTag",
                "error.name-taken");

        cluster.saveImage(first, new FrameworkImage(0, name, "2.3-cuda12", null, LoginMethod.PASSWORD, true, false,
                true, true, " torch-env ", " "));
        FrameworkImage updated = cluster.image(first);
        assertThat(updated.loginMethod()).isEqualTo(LoginMethod.PASSWORD);
        assertThat(updated.offersJupyter()).isFalse();
        assertThat(updated.offersTensorboard()).isTrue();
        assertThat(updated.localEnvironment()).isEqualTo("torch-env");
        assertThat(updated.description()).isNull();

        assertProblem(() -> cluster.saveImage(null, image("Bad Name", "1", null)), "imageName", "image.name.pattern");
        assertProblem(() -> cluster.saveImage(null, image(name, "-dash", null)), "imageTag", "image.tag.pattern");
        assertProblem(() -> cluster.saveImage(null, image(name + "-x", "1", -1L)), "imageRegistry",
                "error.not-found.registry");
        assertThat(cluster.images()).filteredOn(i -> i.name().startsWith(name)).extracting(FrameworkImage::reference)
                .containsExactlyInAnyOrder(name + ":2.3-cuda12", name + ":2.4");

        cluster.deleteImage(second);
        assertThatThrownBy(() -> cluster.image(second)).isInstanceOf(NotFound.class);
        assertThat(loggedActions("image:" + name + ":2.3-cuda12")).containsExactlyInAnyOrder("image.create",
                "image.update");
        assertThat(loggedActions("image:" + name + ":2.4")).containsExactlyInAnyOrder("image.create", "image.delete");
    }
}
