package io.gantry.monitoring;

import io.gantry.cluster.ClusterInventory;
import io.gantry.cluster.NodeInfo;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.shared.Permission;
import io.gantry.shared.WorkloadUsage;
import jakarta.annotation.security.RolesAllowed;
import java.lang.management.ManagementFactory;
import java.util.List;
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

    public List<NodeUsage> nodeUsage() {
        return cluster.nodes().stream().map(this::usageOf).toList();
    }

    private NodeUsage usageOf(NodeInfo node) {
        int devices = usage.stream().mapToInt(u -> u.devicesInUseOn(node.id())).sum();
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
