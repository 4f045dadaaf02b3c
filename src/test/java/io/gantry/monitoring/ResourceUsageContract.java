package io.gantry.monitoring;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.project.TestWorkloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Resource monitoring: what it reads (the viewer's projects, every node) and how it adds up what the features that
 * run work hold (per project and spec, per node, summed over those features); H2 and PostgreSQL.
 */
abstract class ResourceUsageContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    ResourceUsageService usage;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;

    TestAccounts accounts;
    AcceleratorSpec a100;
    long projectId;
    String member;

    @BeforeEach
    void aProjectWithAMember() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects);
        testProjects.releaseAllQuotas();
        member = uniqueName("watch");
        projectId = testProjects.create(List.of(new Quota(a100.id(), 4, null)),
                accounts.create(member, PresetRole.USER));
    }

    @AfterEach
    void freeEverything() {
        TestWorkloads.stopAll(projectId);
        accounts.signInAsAdmin();
        new TestProjects(projects).releaseAllQuotas();
        accounts.signOut();
    }

    @Test
    void aMemberSeesTheQuotaUseOfTheirOwnProjectsOnly() {
        long other = new TestProjects(projects).create(List.of());
        TestWorkloads.run(projectId, 2, Map.of(a100.id(), 3));

        accounts.signInAs(member);
        List<ProjectOverview> seen = usage.projectUsage();

        assertThat(seen).extracting(o -> o.project().id()).containsExactly(projectId).doesNotContain(other);
        assertThat(seen.getFirst().running()).isEqualTo(2);
        assertThat(seen.getFirst().quotas()).singleElement().satisfies(q -> {
            assertThat(q.specName()).isEqualTo(a100.name());
            assertThat(q.granted()).isEqualTo(4);
            assertThat(q.used()).isEqualTo(3);
            assertThat(q.free()).isEqualTo(1);
        });
    }

    @Test
    void aPlatformAdminSeesEveryProject() {
        long other = new TestProjects(projects).create(List.of());

        assertThat(usage.projectUsage()).extracting(o -> o.project().id()).contains(projectId, other);
    }

    @Test
    void aNodesDevicesInUseAreSummedOverEveryFeatureThatRunsWork() {
        NodeUsage before = node("sim-a100-1");
        NodeUsage neighbour = node("sim-ascend-2");
        try {
            TestWorkloads.holdOnNode(before.node().id(), 3);
            NodeUsage after = node("sim-a100-1");

            assertThat(after.devicesInUse()).isEqualTo(before.devicesInUse() + 3);
            assertThat(after.devicesFree()).isEqualTo(after.node().deviceCount() - after.devicesInUse());
            // Every other node keeps its own figure.
            assertThat(node("sim-ascend-2").devicesInUse()).isEqualTo(neighbour.devicesInUse());
        } finally {
            TestWorkloads.holdOnNode(before.node().id(), 0);
        }
        assertThat(node("sim-a100-1").devicesInUse()).isEqualTo(before.devicesInUse());
    }

    @Test
    void aNodeNeverShowsFewerThanNoFreeDevices() {
        NodeUsage node = node("sim-a100-1");
        try {
            TestWorkloads.holdOnNode(node.node().id(), node.node().deviceCount() + 5);
            assertThat(node("sim-a100-1").devicesFree()).isZero();
        } finally {
            TestWorkloads.holdOnNode(node.node().id(), 0);
        }
    }

    @Test
    void everyNodeIsListedAndOnlyThisMachineHasLiveCpuAndMemory() {
        List<NodeUsage> nodes = usage.nodeUsage();

        assertThat(nodes).extracting(n -> n.node().name()).contains("sim-a100-1", "sim-ascend-2");
        assertThat(nodes).filteredOn(n -> n.node().simulated()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.cpuLoad()).isNull();
            assertThat(n.memoryUsedMib()).isNull();
        });
        assertThat(nodes).filteredOn(n -> !n.node().simulated()).singleElement().satisfies(n -> {
            assertThat(n.memoryUsedMib()).isPositive();
            if (n.cpuLoad() != null) {
                assertThat(n.cpuLoad()).isBetween(0.0, 1.0);
            }
        });
    }

    @Test
    void monitoringNeedsItsPermission() {
        String annotator = uniqueName("annot");
        accounts.create(annotator, PresetRole.ANNOTATOR);
        accounts.signInAs(annotator);
        assertThatThrownBy(() -> usage.nodeUsage()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> usage.projectUsage()).isInstanceOf(AccessDeniedException.class);

        accounts.signOut();
        assertThatThrownBy(() -> usage.nodeUsage()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    private NodeUsage node(String name) {
        return usage.nodeUsage().stream().filter(n -> n.node().name().equals(name)).findFirst().orElseThrow();
    }
}
