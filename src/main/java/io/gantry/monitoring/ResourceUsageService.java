package io.gantry.monitoring;

import io.gantry.cluster.ClusterInventory;
import io.gantry.cluster.NodeInfo;
import io.gantry.cluster.NodeTotals;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.WorkloadUsage;
import jakarta.annotation.security.RolesAllowed;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Resource monitoring (Apulis 3.9): device use per project (granted, used, free per spec) and per node (devices,
 * CPU, memory).
 */
@Service
@RolesAllowed(Permission.Names.MONITORING_VIEW)
public class ResourceUsageService {

    private final ClusterInventory cluster;
    private final ProjectService projects;
    private final ObjectProvider<WorkloadUsage> usage;

    ResourceUsageService(ClusterInventory cluster, ProjectService projects, ObjectProvider<WorkloadUsage> usage) {
        this.cluster = cluster;
        this.projects = projects;
        this.usage = usage;
    }

    /** The projects the user may see, with their quota use. */
    public List<ProjectOverview> projectUsage() {
        return projects.visible();
    }

    /** A page of the projects the user may see, by name, with their quota use: a few queries for the whole page. */
    public List<ProjectOverview> projectUsage(int offset, int limit) {
        return projects.visible(offset, limit);
    }

    public int countProjects() {
        return projects.countVisible();
    }

    /** Every node with its devices in use, read in one query however many nodes there are. */
    public List<NodeUsage> nodeUsage() {
        return withUsage(cluster.nodes());
    }

    /** A page of the nodes, real ones first, then by name, each with its devices in use. */
    public List<NodeUsage> nodeUsage(int offset, int limit) {
        return withUsage(cluster.nodes(offset, limit));
    }

    /** The whole cluster's nodes and devices, and the devices in use, summed by the database. */
    public ClusterUsage clusterUsage() {
        NodeTotals totals = cluster.nodeTotals();
        int[] inUse = {0};
        usage.forEach(u -> inUse[0] += u.devicesInUse());
        return new ClusterUsage(totals.nodes(), totals.devices(), inUse[0]);
    }

    private List<NodeUsage> withUsage(List<NodeInfo> nodes) {
        List<Long> ids = nodes.stream().map(NodeInfo::id).toList();
        Map<Long, Integer> inUse = new HashMap<>();
        usage.forEach(u -> u.devicesInUseByNode(ids).forEach((id, n) -> inUse.merge(id, n, Integer::sum)));
        return nodes.stream().map(n -> usageOf(n, inUse.getOrDefault(n.id(), 0))).toList();
    }

    private NodeUsage usageOf(NodeInfo node, int devices) {
        if (node.simulated()) {
            return new NodeUsage(node, devices, null, null);
        }
        // The real node is the machine Gantry runs on: its live load comes from the OS.
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double load = os.getCpuLoad();
        long usedMib = (os.getTotalMemorySize() - os.getFreeMemorySize()) / (1024 * 1024);
        return new NodeUsage(node, devices, load < 0 ? null : load, usedMib);
    }
}
