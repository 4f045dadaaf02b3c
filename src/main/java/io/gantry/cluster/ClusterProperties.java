package io.gantry.cluster;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inventory Gantry is configured with: specs to create when missing, and simulated nodes (bookkeeping only,
 * marked simulated everywhere). The embedded default ships a demo: 2 × 8 A100 and 2 × 8 Ascend 910.
 */
@ConfigurationProperties("gantry.cluster")
public record ClusterProperties(List<SpecSeed> specs, List<SimulatedNode> simulatedNodes, List<ImageSeed> images) {

    public ClusterProperties {
        specs = specs == null ? List.of() : specs;
        simulatedNodes = simulatedNodes == null ? List.of() : simulatedNodes;
        images = images == null ? List.of() : images;
    }

    /** @param flavors CPU and memory bundles offered with the spec, created with it */
    public record SpecSeed(String name, Vendor vendor, String model, String resourceName, String nodeSelector,
                           String allowedCounts, int topologyGroupSize, BigDecimal priceDeviceHour,
                           BigDecimal priceCoreHour, BigDecimal priceGibHour, List<FlavorSeed> flavors) {
        public SpecSeed {
            flavors = flavors == null ? List.of() : flavors;
        }
    }

    public record FlavorSeed(String name, int cpuCores, int memoryMib) {
    }

    /** An image created when missing, e.g. the demo's Python image that offers SSH, Jupyter and the terminal. */
    public record ImageSeed(String name, String tag, LoginMethod loginMethod, boolean ssh, boolean jupyter,
                            boolean terminal, String localEnvironment, String description) {
    }

    public record SimulatedNode(String name, String spec, int devices, int cpuCores, int memoryGib) {
    }
}
