package io.gantry.cluster;

import io.gantry.audit.OperationLog;
import java.math.BigDecimal;
import io.gantry.runtime.WorkloadRuntime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On every start: creates the configured specs that are missing, registers the machine Gantry runs on as a real node
 * (with what it actually has), and brings the configured simulated nodes up to date.
 */
@Component
@Order(10)
@EnableConfigurationProperties(ClusterProperties.class)
class NodeRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);

    private final ClusterRepository repository;
    private final ClusterProperties properties;
    private final OperationLog operationLog;
    private final Clock clock;
    private final WorkloadRuntime runtime;

    NodeRegistration(ClusterRepository repository, ClusterProperties properties, OperationLog operationLog,
                     Clock clock, WorkloadRuntime runtime) {
        this.runtime = runtime;
        this.repository = repository;
        this.properties = properties;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        properties.specs().forEach(this::ensureSpec);
        properties.images().forEach(this::ensureImage);
        if (inventoryFromRuntime()) {
            // A cluster's nodes come from its API; the machine Gantry runs on is one of its pods, not a node.
            log.info("Nodes come from the {} runtime; this machine is not registered as a node", runtime.name());
        } else {
            registerHost(HostProbe.probe());
        }
        for (ClusterProperties.SimulatedNode node : properties.simulatedNodes()) {
            var spec = repository.specNamed(node.spec()).orElseThrow(() -> new IllegalStateException(
                    "Simulated node " + node.name() + " names the unknown spec " + node.spec()));
            repository.upsertNode(node.name(), "simulated", spec.id(), node.devices(), node.cpuCores(),
                    node.memoryGib() * 1024L, "simulated=true", true, clock.instant());
        }
    }

    /** Whether the runtime keeps the node inventory (a cluster's API), reachable now or not. */
    private boolean inventoryFromRuntime() {
        try {
            return runtime.nodes().isPresent();
        } catch (WorkloadRuntime.Unavailable e) {
            return true;
        }
    }

    private void ensureSpec(ClusterProperties.SpecSeed seed) {
        if (repository.specNamed(seed.name()).isPresent()) {
            return;
        }
        SpecForm form = new SpecForm(seed.name(), seed.vendor(), seed.model(), seed.resourceName(), seed.nodeSelector(),
                seed.allowedCounts(), seed.topologyGroupSize(),
                new Prices(seed.priceDeviceHour(), seed.priceCoreHour(), seed.priceGibHour()), PodLimits.DEFAULT);
        long specId = repository.insertSpec(form, AllowedCounts.parse(seed.allowedCounts()).orElseThrow(),
                clock.instant());
        seed.flavors().forEach(f -> repository.insertFlavor(specId, f.name(), f.cpuCores(), f.memoryMib()));
        operationLog.recordAs("system", OperationLog.currentAddress(), "spec.create", "spec:" + seed.name(),
                "oplog.details.from-configuration");
    }

    private void ensureImage(ClusterProperties.ImageSeed seed) {
        if (repository.imageTaken(seed.name(), seed.tag(), null)) {
            return;
        }
        repository.saveImage(null, new FrameworkImage(0, seed.name(), seed.tag(), null, seed.loginMethod(),
                seed.ssh(), seed.jupyter(), seed.terminal(), false, seed.localEnvironment(), seed.description()),
                clock.instant());
        operationLog.recordAs("system", OperationLog.currentAddress(), "image.create",
                "image:" + seed.name() + ":" + seed.tag(), "oplog.details.from-configuration");
    }

    private void registerHost(HostProbe.Host host) {
        Long specId = null;
        int devices = 0;
        if (host.devices().isPresent()) {
            HostProbe.Devices found = host.devices().get();
            String name = HostProbe.specName(found);
            specId = repository.specNamed(name).map(AcceleratorSpec::id).orElseGet(() -> repository.insertSpec(
                    new SpecForm(name, found.vendor(), found.model(),
                            found.vendor() == Vendor.HUAWEI ? "huawei.com/Ascend910" : "nvidia.com/gpu", null,
                            "0, 1, 2, 4, 8", found.vendor() == Vendor.HUAWEI ? 4 : 8,
                            new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO), PodLimits.DEFAULT),
                    java.util.List.of(0, 1, 2, 4, 8), clock.instant()));
            devices = found.count();
        }
        repository.upsertNode(host.name(), host.address(), specId, devices, host.cpuCores(), host.memoryMib(),
                "local=true", false, clock.instant());
        log.info("Registered this machine as node {}: {} cores, {} MiB, {} devices", host.name(), host.cpuCores(),
                host.memoryMib(), devices);
    }
}
