package io.gantry.cluster;

import io.gantry.runtime.RuntimeNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How a cluster's node is read into Gantry's inventory: which spec its devices are, and its labels as text. */
final class RuntimeNodes {

    /** The node column's length: a longer cluster node name cannot be kept, nor pinned to by name. */
    static final int NAME_MAX = 64;
    static final int LABELS_MAX = 1000;

    private RuntimeNodes() {
    }

    /**
     * The spec whose devices the node offers: the first (by id) whose node selector its labels contain and whose
     * resource name it has allocatable of; empty for a node with none (CPUs only).
     */
    static Optional<AcceleratorSpec> specOf(RuntimeNode node, List<AcceleratorSpec> specs) {
        return specs.stream()
                .filter(spec -> spec.resourceName() != null && !spec.resourceName().isBlank())
                .filter(spec -> node.allocatable().getOrDefault(spec.resourceName().strip(), 0L) > 0)
                .filter(spec -> node.labels().entrySet().containsAll(spec.nodeSelectorLabels().entrySet()))
                .sorted(java.util.Comparator.comparingLong(AcceleratorSpec::id))
                .findFirst();
    }

    /** The devices of that spec the node offers. */
    static int devices(RuntimeNode node, AcceleratorSpec spec) {
        return (int) Math.min(Integer.MAX_VALUE, node.allocatable().getOrDefault(spec.resourceName().strip(), 0L));
    }

    /** Its labels as the node list shows them, {@code key=value} by key, cut to what the column holds. */
    static String labels(Map<String, String> labels) {
        String text = new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return text.length() <= LABELS_MAX ? text : text.substring(0, LABELS_MAX - 1) + "…";
    }
}
