package io.gantry.broker.internal;

import io.gantry.broker.Grant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The nodes and what is given out on them, as a working copy the broker changes while it decides. Cheap to copy, so
 * that "what if" questions (when would the head fit, which victims free enough) run on a copy.
 *
 * <p>Besides the devices in use it keeps, up to date with every grant and release, what the broker asks about most:
 * the schedulable nodes of each spec ordered by free devices (best fit reads them in that order instead of looking
 * at every node), how many topology groups of each spec have how many free devices (for explanations), and the
 * running work of each spec in the order it must end.
 */
public final class ClusterState {

    private static final Comparator<Node> BY_ID = Comparator.comparingLong(Node::id);
    private static final Comparator<Grant> BY_END = Comparator.comparing(Grant::endsBy)
            .thenComparingLong(g -> g.request().id());

    private final Map<Long, Node> nodes;
    private final Map<Long, BitSet> busy = new HashMap<>();
    private final Map<Long, Integer> cpuUsed = new HashMap<>();
    private final Map<Long, Long> memoryUsed = new HashMap<>();
    private final Map<Long, Grant> grants = new LinkedHashMap<>();
    private final Map<String, Integer> heldByProject = new HashMap<>();
    private final Map<String, Integer> heldByUser = new HashMap<>();
    /** Per spec, its schedulable nodes by free devices (list index), each set ordered by node id. */
    private final Map<Long, List<TreeSet<Node>>> byFree = new HashMap<>();
    /** Per spec, topology groups of schedulable nodes by kind, counted by free devices (array index). */
    private final Map<Long, Map<Blocks, int[]>> groupsByFree = new HashMap<>();
    /** Per spec, the work with a time limit, in the order it must end. */
    private final Map<Long, TreeSet<Grant>> ending = new HashMap<>();

    /** A kind of topology group: the node's group size, and this group's own size (the last may be smaller). */
    private record Blocks(int groupSize, int size) {
    }

    public ClusterState(Collection<Node> nodes, Collection<Grant> grants) {
        this.nodes = new LinkedHashMap<>();
        nodes.forEach(n -> this.nodes.put(n.id(), n));
        this.nodes.values().forEach(this::index);
        grants.forEach(this::give);
    }

    private ClusterState(ClusterState other) {
        this.nodes = other.nodes;
        other.busy.forEach((id, bits) -> busy.put(id, (BitSet) bits.clone()));
        cpuUsed.putAll(other.cpuUsed);
        memoryUsed.putAll(other.memoryUsed);
        grants.putAll(other.grants);
        heldByProject.putAll(other.heldByProject);
        heldByUser.putAll(other.heldByUser);
        other.byFree.forEach((spec, buckets) -> {
            List<TreeSet<Node>> copy = new ArrayList<>(buckets.size());
            buckets.forEach(bucket -> copy.add(new TreeSet<>(bucket)));
            byFree.put(spec, copy);
        });
        other.groupsByFree.forEach((spec, kinds) -> {
            Map<Blocks, int[]> copy = new HashMap<>();
            kinds.forEach((kind, counts) -> copy.put(kind, counts.clone()));
            groupsByFree.put(spec, copy);
        });
        other.ending.forEach((spec, grants) -> ending.put(spec, new TreeSet<>(grants)));
    }

    public ClusterState copy() {
        return new ClusterState(this);
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public Node node(long id) {
        return nodes.get(id);
    }

    public Collection<Grant> grants() {
        return grants.values();
    }

    public boolean isBusy(long nodeId, int device) {
        BitSet bits = busy.get(nodeId);
        return bits != null && bits.get(device);
    }

    public int freeDevices(Node node) {
        BitSet bits = busy.get(node.id());
        return node.devices() - (bits == null ? 0 : bits.cardinality());
    }

    /** The free device indices of one topology group of a node, ascending. */
    public List<Integer> freeInGroup(Node node, int group) {
        List<Integer> free = new ArrayList<>();
        int end = Math.min(node.devices(), (group + 1) * node.groupSize());
        for (int device = group * node.groupSize(); device < end; device++) {
            if (!isBusy(node.id(), device)) {
                free.add(device);
            }
        }
        return free;
    }

    /** How many devices of one topology group of a node are free. */
    public int freeCountInGroup(Node node, int group) {
        int start = group * node.groupSize();
        int end = Math.min(node.devices(), start + node.groupSize());
        BitSet bits = busy.get(node.id());
        int free = end - start;
        if (bits != null) {
            for (int device = bits.nextSetBit(start); device >= 0 && device < end;
                 device = bits.nextSetBit(device + 1)) {
                free--;
            }
        }
        return free;
    }

    /**
     * The schedulable nodes of a spec with at least {@code atLeast} free devices, fewest free devices first, then by
     * node id: the order best fit tries them in. Not to be used while the state changes.
     */
    public Iterable<Node> byFreeDevices(long specId, int atLeast) {
        List<TreeSet<Node>> buckets = byFree.getOrDefault(specId, List.of());
        return () -> new Iterator<>() {
            private int free = Math.max(0, atLeast);
            private Iterator<Node> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && free < buckets.size()) {
                    current = buckets.get(free++).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Node next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Free devices of a spec on schedulable nodes. */
    public int totalFree(long specId) {
        int total = 0;
        for (Map.Entry<Blocks, int[]> kind : groupsByFree.getOrDefault(specId, Map.of()).entrySet()) {
            int[] counts = kind.getValue();
            for (int free = 1; free < counts.length; free++) {
                total += free * counts[free];
            }
        }
        return total;
    }

    /**
     * Free devices of a spec on schedulable nodes, counted in blocks a request of {@code devicesPerNode} could use:
     * groups with enough free devices for a request no larger than a group, whole free groups for a larger one.
     */
    public int usableFree(long specId, int devicesPerNode) {
        int usable = 0;
        for (Map.Entry<Blocks, int[]> kind : groupsByFree.getOrDefault(specId, Map.of()).entrySet()) {
            int[] counts = kind.getValue();
            if (devicesPerNode <= kind.getKey().groupSize()) {
                for (int free = Math.max(1, devicesPerNode); free < counts.length; free++) {
                    usable += free * counts[free];
                }
            } else {
                usable += kind.getKey().size() * counts[kind.getKey().size()];
            }
        }
        return usable;
    }

    /** The running work of a spec that must end first, if any has a time limit. */
    public Optional<Grant> nextToEnd(long specId) {
        TreeSet<Grant> grants = ending.get(specId);
        return grants == null || grants.isEmpty() ? Optional.empty() : Optional.of(grants.first());
    }

    public int freeCpu(Node node) {
        return node.cpuCores() - cpuUsed.getOrDefault(node.id(), 0);
    }

    public long freeMemory(Node node) {
        return node.memoryMib() - memoryUsed.getOrDefault(node.id(), 0L);
    }

    public int heldByProject(long projectId, long specId) {
        return heldByProject.getOrDefault(Limits.key(projectId, specId), 0);
    }

    public int heldByUser(long projectId, long userId, long specId) {
        return heldByUser.getOrDefault(userKey(projectId, userId, specId), 0);
    }

    /** Records a grant; a device given twice is a bug, never a decision. */
    public void give(Grant grant) {
        Request request = grant.request();
        for (Grant.Slot slot : grant.slots()) {
            BitSet bits = busy.computeIfAbsent(slot.nodeId(), id -> new BitSet());
            Node node = nodes.get(slot.nodeId());
            unindex(node);
            try {
                for (int device : slot.devices()) {
                    if (bits.get(device)) {
                        throw new IllegalStateException("Device " + device + " of node " + slot.nodeId()
                                + " is taken");
                    }
                    bits.set(device);
                }
            } finally {
                index(node);
            }
            cpuUsed.merge(slot.nodeId(), request.cpuPerNode(), Integer::sum);
            memoryUsed.merge(slot.nodeId(), request.memoryMibPerNode(), Long::sum);
        }
        grants.put(request.id(), grant);
        if (grant.endsBy() != null) {
            ending.computeIfAbsent(request.specId(), spec -> new TreeSet<>(BY_END)).add(grant);
        }
        heldByProject.merge(Limits.key(request.projectId(), request.specId()), grant.devices(), Integer::sum);
        heldByUser.merge(userKey(request.projectId(), request.userId(), request.specId()), grant.devices(),
                Integer::sum);
    }

    /** Gives back everything a request holds. */
    public void release(long requestId) {
        Grant grant = grants.remove(requestId);
        if (grant == null) {
            return;
        }
        Request request = grant.request();
        if (grant.endsBy() != null) {
            ending.get(request.specId()).remove(grant);
        }
        for (Grant.Slot slot : grant.slots()) {
            BitSet bits = busy.get(slot.nodeId());
            Node node = nodes.get(slot.nodeId());
            unindex(node);
            slot.devices().forEach(bits::clear);
            index(node);
            cpuUsed.merge(slot.nodeId(), -request.cpuPerNode(), Integer::sum);
            memoryUsed.merge(slot.nodeId(), -request.memoryMibPerNode(), Long::sum);
        }
        heldByProject.merge(Limits.key(request.projectId(), request.specId()), -grant.devices(), Integer::sum);
        heldByUser.merge(userKey(request.projectId(), request.userId(), request.specId()), -grant.devices(),
                Integer::sum);
    }

    /** Adds a schedulable node, as its devices are now, to the counts by free devices. */
    private void index(Node node) {
        count(node, 1);
    }

    /** Takes a node out of the counts by free devices, before its devices change. */
    private void unindex(Node node) {
        count(node, -1);
    }

    private void count(Node node, int sign) {
        if (node == null || !node.schedulable()) {
            return;
        }
        int free = freeDevices(node);
        List<TreeSet<Node>> buckets = byFree.computeIfAbsent(node.specId(), spec -> new ArrayList<>());
        while (buckets.size() <= free) {
            buckets.add(new TreeSet<>(BY_ID));
        }
        if (sign > 0) {
            buckets.get(free).add(node);
        } else {
            buckets.get(free).remove(node);
        }
        Map<Blocks, int[]> kinds = groupsByFree.computeIfAbsent(node.specId(), spec -> new HashMap<>());
        for (int group = 0; group < node.groups(); group++) {
            int size = Math.min(node.groupSize(), node.devices() - group * node.groupSize());
            kinds.computeIfAbsent(new Blocks(node.groupSize(), size), kind -> new int[size + 1])
                    [freeCountInGroup(node, group)] += sign;
        }
    }

    private static String userKey(long projectId, long userId, long specId) {
        return projectId + "/" + userId + "/" + specId;
    }
}
