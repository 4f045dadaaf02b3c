package io.gantry.broker.internal;

import io.gantry.broker.Grant;
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
        if (request.devicesPerNode() == 0) {
            return placeWithoutDevices(state, request);
        }
        // The nodes come fewest free devices first, then by id: the first that fit are the best fit.
        List<Grant.Slot> slots = new ArrayList<>(request.nodes());
        for (Node node : state.byFreeDevices(request.specId(), request.devicesPerNode())) {
            Optional<List<Integer>> devices = fit(state, node, request);
            if (devices.isPresent()) {
                slots.add(new Grant.Slot(node.id(), devices.get()));
                if (slots.size() == request.nodes()) {
                    return Optional.of(List.copyOf(slots));
                }
            }
        }
        return Optional.empty();
    }

    /** CPU and memory only: any node of any spec, best fit by free devices all the same. */
    private static Optional<List<Grant.Slot>> placeWithoutDevices(ClusterState state, Request request) {
        List<Candidate> candidates = new ArrayList<>();
        for (Node node : state.nodes()) {
            if (fit(state, node, request).isPresent()) {
                candidates.add(new Candidate(node, state.freeDevices(node)));
            }
        }
        if (candidates.size() < request.nodes()) {
            return Optional.empty();
        }
        candidates.sort(Comparator.comparingInt(Candidate::free).thenComparingLong(c -> c.node().id()));
        return Optional.of(candidates.subList(0, request.nodes()).stream()
                .map(c -> new Grant.Slot(c.node().id(), List.of())).toList());
    }

    private record Candidate(Node node, int free) {
    }

    /** Whether this node could take its share of the request now. */
    static boolean fits(ClusterState state, Node node, Request request) {
        return (node.specId() == request.specId() || request.devicesPerNode() == 0)
                && fit(state, node, request).isPresent();
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
            int best = -1;
            int bestFree = Integer.MAX_VALUE;
            for (int group = 0; group < node.groups(); group++) {
                int free = state.freeCountInGroup(node, group);
                if (free >= wanted && free < bestFree) {
                    best = group;
                    bestFree = free;
                }
            }
            return best < 0 ? Optional.empty()
                    : Optional.of(List.copyOf(state.freeInGroup(node, best).subList(0, wanted)));
        }
        // Larger than a group: whole groups that are entirely free, as many as needed.
        List<Integer> devices = new ArrayList<>();
        for (int group = 0; group < node.groups() && devices.size() < wanted; group++) {
            int size = Math.min(node.groupSize(), node.devices() - group * node.groupSize());
            if (state.freeCountInGroup(node, group) == size) {
                List<Integer> free = state.freeInGroup(node, group);
                devices.addAll(free.subList(0, Math.min(free.size(), wanted - devices.size())));
            }
        }
        return devices.size() == wanted ? Optional.of(devices) : Optional.empty();
    }
}
