package io.gantry.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds devices for a request, best fit (DESIGN §4): among the nodes that can take it, the one with the fewest free
 * devices; within a node, the topology group with the fewest free devices that still fits, so that large requests
 * still find room. A request no larger than a group stays inside one group; a larger one takes whole free groups. A
 * gang takes distinct nodes, all of them or none.
 */
public final class Placer {

    private Placer() {
    }

    public static Optional<List<Grant.Slot>> place(ClusterState state, Request request) {
        List<Candidate> candidates = new ArrayList<>();
        for (Node node : state.nodes()) {
            if (node.specId() != request.specId() && request.devicesPerNode() > 0) {
                continue;
            }
            fit(state, node, request).ifPresent(devices -> candidates.add(new Candidate(node, devices,
                    state.freeDevices(node))));
        }
        if (candidates.size() < request.nodes()) {
            return Optional.empty();
        }
        candidates.sort(Comparator.comparingInt(Candidate::free).thenComparingLong(c -> c.node().id()));
        return Optional.of(candidates.subList(0, request.nodes()).stream()
                .map(c -> new Grant.Slot(c.node().id(), c.devices())).toList());
    }

    private record Candidate(Node node, List<Integer> devices, int free) {
    }

    /** The devices this node would give the request, if it can take it now. */
    static Optional<List<Integer>> fit(ClusterState state, Node node, Request request) {
        int wanted = request.devicesPerNode();
        if (!node.schedulable() || state.freeCpu(node) < request.cpuPerNode()
                || state.freeMemory(node) < request.memoryMibPerNode() || state.freeDevices(node) < wanted) {
            return Optional.empty();
        }
        if (wanted == 0) {
            return Optional.of(List.of());
        }
        if (wanted <= node.groupSize()) {
            List<Integer> best = null;
            for (int group = 0; group < node.groups(); group++) {
                List<Integer> free = state.freeInGroup(node, group);
                if (free.size() >= wanted && (best == null || free.size() < best.size())) {
                    best = free;
                }
            }
            return best == null ? Optional.empty() : Optional.of(List.copyOf(best.subList(0, wanted)));
        }
        // Larger than a group: whole groups that are entirely free, as many as needed.
        List<Integer> devices = new ArrayList<>();
        for (int group = 0; group < node.groups() && devices.size() < wanted; group++) {
            List<Integer> free = state.freeInGroup(node, group);
            int size = Math.min(node.groupSize(), node.devices() - group * node.groupSize());
            if (free.size() == size) {
                devices.addAll(free.subList(0, Math.min(free.size(), wanted - devices.size())));
            }
        }
        return devices.size() == wanted ? Optional.of(devices) : Optional.empty();
    }
}
