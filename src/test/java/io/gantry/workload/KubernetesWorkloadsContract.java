package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gantry.KubernetesTestCluster;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.NodeInfo;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.container.WorkloadFixture;
import io.gantry.identity.TestAccounts;
import io.gantry.runtime.kubernetes.KubernetesNames;
import io.gantry.runtime.kubernetes.MockCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;

/**
 * Gantry in Kubernetes mode against a mock Kubernetes API (CRUD mode, one per context), run on H2 and PostgreSQL,
 * each on a database of its own so that no local-mode context's workloads or nodes are in sight: the node inventory
 * comes from the cluster's Nodes, a container is a Pod pinned to the broker's node, the reconciler follows what the
 * test writes into the Pod's status, copies its events, sweeps orphans, and rides out an unreachable API.
 *
 * <p>The periodic Quartz jobs are off ({@link KubernetesTestCluster}), so that "the next resync" and "the next node
 * sync" are the calls a test makes.
 */
abstract class KubernetesWorkloadsContract {

    static final Duration SOON = Duration.ofSeconds(30);
    static final String NODE = KubernetesTestCluster.NODE;
    static final String A100 = KubernetesTestCluster.A100;

    @Autowired
    ApplicationContext context;
    @Autowired
    MockCluster mock;
    @Autowired
    ContainerService containers;
    @Autowired
    Workloads workloads;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    BrokerService broker;
    @Autowired
    ClusterService cluster;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    long projectId;
    String owner;

    @BeforeEach
    void setUp() {
        mock.unreachable(false);
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        // The demo inventory's simulated nodes are bookkeeping only: no Pod could run there.
        cluster.nodes().stream().filter(n -> n.simulated() && n.schedulable())
                .forEach(n -> cluster.setSchedulable(n.id(), false));
        WorkloadFixture.OwnedProject project = fixture.ownedProject("k8", 4);
        projectId = project.id();
        owner = project.owner();
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        mock.unreachable(false);
        accounts.signInAsAdmin();
        fixture.stopLiveContainers(projectId);
        accounts.signOut();
    }

    ContainerForm form(String name, int devices) {
        return fixture.form(projectId, name, devices, 0, null);
    }

    /**
     * Resyncs until the assertions hold: a resync leaves a workload to the reconcile already under way on it (the
     * periodic one, say), which concludes it a moment later.
     */
    void resyncUntil(ThrowingRunnable assertions) {
        await().pollInSameThread().atMost(SOON).untilAsserted(() -> {
            reconciler.resync();
            assertions.run();
        });
    }

    String namespace() {
        return "gantry-" + projectId;
    }

    KubernetesClient client() {
        return mock.client();
    }

    Pod pod(Container container) {
        return client().pods().inNamespace(namespace()).withName(container.runtimeId()).get();
    }

    Phase phase(Container container) {
        return workloads.find(container.workloadId()).orElseThrow().phase();
    }

    Workload workload(Container container) {
        return workloads.find(container.workloadId()).orElseThrow();
    }

    RequestStatus request(Container container) {
        return broker.request(workload(container).brokerRequestId()).status();
    }

    /** Created, placed, its Pod made and written Running, as the kubelet would. */
    Container running(String name) {
        Container created = containers.create(form(name, 1));
        await().pollInSameThread().atMost(SOON).until(() -> phase(created) == Phase.RUNNING);
        mock.setPodStatus(namespace(), created.runtimeId(), MockCluster.running());
        return containers.container(created.id());
    }

    void syncNodes() throws Exception {
        context.getBean("runtimeNodeInventory", ApplicationRunner.class).run(null);
    }

    NodeInfo node(String name) {
        return cluster.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void a_container_is_a_pod_on_the_brokers_node_from_the_clusters_inventory() {
        NodeInfo node = node(NODE);
        assertThat(node.simulated()).as("a cluster's node is real").isFalse();
        assertThat(node.specId()).isEqualTo(spec.id());
        assertThat(node.deviceCount()).isEqualTo(8);
        assertThat(node.cpuCores()).isEqualTo(64);

        Container container = running("pod");

        assertThat(container.nodeId()).isEqualTo(node.id());
        Pod pod = pod(container);
        assertThat(pod.getSpec().getNodeSelector()).containsEntry(KubernetesNames.HOSTNAME, NODE)
                .containsEntry("accelerator", A100);
        assertThat(pod.getMetadata().getLabels()).containsEntry(KubernetesNames.WORKLOAD, container.runtimeId());
        reconciler.resync();
        assertThat(phase(container)).isEqualTo(Phase.RUNNING);
        assertThat(request(container)).isEqualTo(RequestStatus.PLACED);
    }

    @Test
    void a_pod_oom_killed_is_reconciled_to_failed_with_that_reason_and_its_devices_released() {
        Container container = running("oom");

        mock.setPodStatus(namespace(), container.runtimeId(), MockCluster.terminated("Failed", 137, "OOMKilled"));

        resyncUntil(() -> {
            assertThat(phase(container)).isEqualTo(Phase.FAILED);
            assertThat(workload(container).reason()).isEqualTo("runtime.reason.memory");
            assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        });
    }

    @Test
    void a_vanished_pod_fails_its_running_workload_as_lost_and_releases_its_devices() {
        Container container = running("vanished");

        client().pods().inNamespace(namespace()).withName(container.runtimeId()).delete();
        await().atMost(SOON).until(() -> pod(container) == null);

        resyncUntil(() -> {
            assertThat(phase(container)).isEqualTo(Phase.FAILED);
            assertThat(workload(container).reason()).isEqualTo("runtime.reason.lost");
            assertThat(request(container)).isEqualTo(RequestStatus.RELEASED);
        });
    }

    @Test
    void a_pod_labelled_as_gantrys_that_no_workload_expects_is_deleted_by_the_resync() {
        Container kept = running("kept");
        String orphan = "container-" + TestAccounts.uniqueName("orphan").toLowerCase(java.util.Locale.ROOT);
        client().pods().inNamespace(namespace()).resource(new PodBuilder().withNewMetadata().withName(orphan)
                .withLabels(Map.of(KubernetesNames.MANAGED_BY, KubernetesNames.MANAGER, KubernetesNames.WORKLOAD,
                        orphan, KubernetesNames.KIND, "container",
                        KubernetesNames.PROJECT, Long.toString(projectId)))
                .withCreationTimestamp(Instant.now().minusSeconds(600).toString()).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
                .build()).create();

        reconciler.resync();

        assertThat(client().pods().inNamespace(namespace()).withName(orphan).get()).as("the orphan").isNull();
        assertThat(pod(kept)).as("an expected workload's Pod").isNotNull();
        assertThat(phase(kept)).isEqualTo(Phase.RUNNING);
    }

    /**
     * A replica starting up adopts what runs and sweeps the rest; a workload another replica is creating right now
     * (CREATING in the records, its Pod just made) is expected, not an orphan.
     */
    @Test
    void a_replica_starting_up_leaves_alone_a_workload_another_replica_is_creating() {
        Container creating = running("mid-start");
        String made = pod(creating).getMetadata().getUid();
        org.jooq.DSLContext db = context.getBean(org.jooq.DSLContext.class);
        db.update(io.gantry.db.Tables.WORKLOAD).set(io.gantry.db.Tables.WORKLOAD.STATE, Phase.CREATING.name())
                .where(io.gantry.db.Tables.WORKLOAD.ID.eq(creating.workloadId())).execute();
        try {
            reconciler.recoverNow();

            assertThat(pod(creating)).as("the other replica's new Pod").isNotNull();
            assertThat(pod(creating).getMetadata().getUid()).as("the same Pod, never deleted and made again")
                    .isEqualTo(made);
        } finally {
            db.update(io.gantry.db.Tables.WORKLOAD).set(io.gantry.db.Tables.WORKLOAD.STATE, Phase.RUNNING.name())
                    .where(io.gantry.db.Tables.WORKLOAD.ID.eq(creating.workloadId()))
                    .and(io.gantry.db.Tables.WORKLOAD.STATE.eq(Phase.CREATING.name())).execute();
        }
    }

    @Test
    void the_events_of_a_pod_still_starting_appear_in_the_workloads_events_once() {
        Container container = running("events");
        mock.setPodStatus(namespace(), container.runtimeId(), MockCluster.waiting("ContainerCreating", "pulling"));
        client().v1().events().inNamespace(namespace()).resource(new EventBuilder().withNewMetadata()
                .withName(container.runtimeId() + ".pulled").withUid("uid-pulled-" + container.id()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(container.runtimeId())
                .withNamespace(namespace()).endInvolvedObject()
                .withType("Normal").withReason("Pulled").withMessage("Successfully pulled image")
                .withLastTimestamp(Instant.now().toString()).build()).create();

        reconciler.resync();
        reconciler.resync();

        assertThat(workloads.events(container.workloadId()).stream()
                .filter(e -> "workload.event.runtime".equals(e.reason()))
                .map(e -> tuple(e.to(), e.reasonArguments())).toList())
                .containsExactly(tuple(Phase.RUNNING, List.of("Pulled", "Successfully pulled image")));
    }

    @Test
    void while_the_api_is_unreachable_a_start_fails_clearly_running_work_stays_and_work_resumes_after() {
        Container kept = running("kept");
        mock.unreachable(true);

        Container refused = containers.create(form("unreachable", 1));
        await().pollInSameThread().atMost(SOON).until(() -> phase(refused) == Phase.FAILED);
        reconciler.resync();
        reconciler.recoverNow();

        assertThat(workload(refused).reason()).isEqualTo("runtime.reason.unavailable");
        assertThat(request(refused)).as("its devices went back").isEqualTo(RequestStatus.RELEASED);
        assertThat(phase(kept)).as("not concluded lost").isEqualTo(Phase.RUNNING);
        assertThat(request(kept)).isEqualTo(RequestStatus.PLACED);
        // Its page still opens, from its record: no output, addresses or file transfer until the API answers.
        assertThat(containers.detail(kept.id(), 20).container().state()).isEqualTo(Phase.RUNNING);
        assertThat(containers.connection(kept.id()).sshCommand()).isNull();
        assertThat(containers.fileTransfer(kept.id())).isEmpty();

        mock.unreachable(false);
        reconciler.resync();

        assertThat(pod(refused)).as("nothing half-made").isNull();
        assertThat(client().secrets().inNamespace(namespace()).withName(refused.runtimeId()).get()).isNull();
        assertThat(phase(kept)).isEqualTo(Phase.RUNNING);
        Container later = running("later");
        assertThat(pod(later)).isNotNull();
    }

    @Test
    void saving_a_container_as_an_image_is_refused_without_an_image_builder_and_nothing_is_saved() {
        Container container = running("no-builder");
        String name = "team/" + TestAccounts.uniqueName("img").toLowerCase(java.util.Locale.ROOT);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> containers.saveImage(container.id(),
                        new io.gantry.container.CustomImageForm("Mine", null, name, "v1", "pytorch", true, false,
                                true, io.gantry.container.ImageVisibility.PRIVATE)))
                .isInstanceOfSatisfying(io.gantry.shared.NotAllowed.class, e -> assertThat(e.messageKey())
                        .isEqualTo("runtime.kubernetes.no-image-builder"));
        assertThat(containers.customImages(projectId)).as("no image recorded").isEmpty();
        assertThat(phase(container)).isEqualTo(Phase.RUNNING);
    }

    @Test
    void a_node_removed_from_the_cluster_is_cordoned_in_gantry() throws Exception {
        String name = TestAccounts.uniqueName("k8s-gone").toLowerCase(java.util.Locale.ROOT);
        mock.addNode(name, Map.of("accelerator", A100), Map.of("cpu", "8", "memory", "64Gi", "nvidia.com/gpu",
                "2"));
        syncNodes();
        assertThat(node(name).schedulable()).isTrue();
        assertThat(node(name).deviceCount()).isEqualTo(2);

        client().nodes().withName(name).delete();
        await().atMost(SOON).until(() -> client().nodes().withName(name).get() == null);
        syncNodes();

        assertThat(node(name).schedulable()).isFalse();
        assertThat(node(NODE).schedulable()).as("a node still listed").isTrue();
    }
}
