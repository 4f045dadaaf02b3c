package io.gantry.broker;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes and what is given out on them, as a working copy the broker changes while it decides. Cheap to copy, so
 * that "what if" questions (when would the head fit, which victims free enough) run on a copy.
 */
public final class ClusterState {

    private final Map<Long, Node> nodes;
    private final Map<Long, BitSet> busy = new HashMap<>();
    private final Map<Long, Integer> cpuUsed = new HashMap<>();
    private final Map<Long, Long> memoryUsed = new HashMap<>();
    private final Map<Long, Grant> grants = new LinkedHashMap<>();
    private final Map<String, Integer> heldByProject = new HashMap<>();
    private final Map<String, Integer> heldByUser = new HashMap<>();

    public ClusterState(Collection<Node> nodes, Collection<Grant> grants) {
        this.nodes = new LinkedHashMap<>();
        nodes.forEach(n -> this.nodes.put(n.id(), n));
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
            for (int device : slot.devices()) {
                if (bits.get(device)) {
                    throw new IllegalStateException("Device " + device + " of node " + slot.nodeId() + " is taken");
                }
                bits.set(device);
            }
            cpuUsed.merge(slot.nodeId(), request.cpuPerNode(), Integer::sum);
            memoryUsed.merge(slot.nodeId(), request.memoryMibPerNode(), Long::sum);
        }
        grants.put(request.id(), grant);
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
        for (Grant.Slot slot : grant.slots()) {
            BitSet bits = busy.get(slot.nodeId());
            slot.devices().forEach(bits::clear);
            cpuUsed.merge(slot.nodeId(), -request.cpuPerNode(), Integer::sum);
            memoryUsed.merge(slot.nodeId(), -request.memoryMibPerNode(), Long::sum);
        }
        heldByProject.merge(Limits.key(request.projectId(), request.specId()), -grant.devices(), Integer::sum);
        heldByUser.merge(userKey(request.projectId(), request.userId(), request.specId()), -grant.devices(),
                Integer::sum);
    }

    private static String userKey(long projectId, long userId, long specId) {
        return projectId + "/" + userId + "/" + specId;
    }
}
