package io.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import io.gantry.runtime.kubernetes.MockCluster;
import io.gantry.runtime.kubernetes.MockCluster.ApiCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The RBAC rules of {@code k8s/} grant Gantry's ServiceAccount exactly what the kubernetes runtime calls: a scenario
 * runs through the runtime against the mock API server, every request it made is turned into the permission it needs
 * ({@link ApiPermission}), and that set must equal what the rules grant: no call without a rule, no rule without a
 * call.
 */
class RbacTest {

    private static final long PROJECT = 7;

    /** Calls the runtime makes that this scenario cannot make against the mock, with why. */
    private static final Map<ApiPermission, String> NOT_EXERCISED = Map.of(
            new ApiPermission("", "pods/exec", "create"),
            "the web terminal (exec with a TTY) and uploads into a workspace (exec of tar): exec runs over a "
                    + "WebSocket, which the mock answers only to an expectation set beforehand (an unmatched exec "
                    + "hangs); Kubernetes 1.35 and later authorize the WebSocket's GET as create",
            new ApiPermission("", "pods/exec", "get"),
            "the same exec: API servers before Kubernetes 1.35 authorize the WebSocket's GET as get");

    @Test
    void theRulesGrantExactlyTheCallsTheRuntimeMakes() {
        Set<ApiPermission> needed = new TreeSetOfPermissions();
        for (ApiCall call : scenario()) {
            needed.add(ApiPermission.of(call.method(), call.path()));
        }
        needed.addAll(NOT_EXERCISED.keySet());

        Deployment gantry = Manifests.find(Manifests.objects(), Deployment.class, "gantry").orElseThrow();
        String account = gantry.getSpec().getTemplate().getSpec().getServiceAccountName();
        Set<ApiPermission> granted = GrantedPermissions.of(Manifests.objects(),
                gantry.getMetadata().getNamespace(), account);

        assertThat(minus(needed, granted)).as("calls the runtime makes that no rule grants").isEmpty();
        assertThat(minus(granted, needed)).as("rules no call of the runtime needs").isEmpty();
    }

    /**
     * Everything the runtime does for a container and a task through their lives, and the reconciler's and the
     * node inventory's calls; returns the requests the runtime made (not those the test made to set the scene).
     */
    private static List<ApiCall> scenario() {
        List<ApiCall> made = new ArrayList<>();
        try (MockCluster cluster = new MockCluster()) {
            cluster.addNode(WorkloadSpecs.NODE, WorkloadSpecs.NODE_LABELS, WorkloadSpecs.NODE_ALLOCATABLE);
            WorkloadRuntime runtime = RuntimeUnderTest.sweepingAtOnce(cluster);
            String container = "container-rbac";
            String task = "task-rbac";
            String namespace = "gantry-" + PROJECT;

            made.addAll(calls(cluster, () -> started(runtime.start(WorkloadSpecs.container(container, PROJECT,
                    "alice", true, true, 8)))));
            cluster.setPodStatus(namespace, container, MockCluster.running());
            made.addAll(calls(cluster, () -> started(runtime.start(WorkloadSpecs.task(task, PROJECT, "alice")))));
            // Another container of the project after its quota changed: the ResourceQuota is replaced.
            made.addAll(calls(cluster, () -> started(runtime.start(WorkloadSpecs.container("container-rbac2", PROJECT,
                    "bob", false, false, 16)))));
            made.addAll(calls(cluster, () -> {
                runtime.inspect(container);
                runtime.inspect(task);
                runtime.endpoints(container);
                runtime.events(container);
                runtime.nodes();
                runtime.metrics(container);
                runtime.activity(container);
            }));
            made.addAll(calls(cluster, () -> tail(runtime, container)));
            made.addAll(calls(cluster, () -> runtime.deleteOrphans(() -> Set.of(container, task))));
            made.addAll(calls(cluster, () -> {
                runtime.stop(container, Duration.ofSeconds(10));
                runtime.remove(container);
                runtime.remove(task);
            }));
        }
        return made;
    }

    /** A start that failed would leave calls out: the scenario must make every object. */
    private static void started(WorkloadStatus status) {
        assertThat(status.state()).as(status.workloadId() + " " + status.reason() + " " + status.reasonArguments())
                .isEqualTo(WorkloadState.RUNNING);
    }

    /** Logs are not stored by the mock in CRUD mode: the request is made and answered "not found". */
    private static void tail(WorkloadRuntime runtime, String id) {
        try {
            runtime.tail(id, 100);
        } catch (RuntimeException notServed) {
            // The request was made; what it answered does not change the permission it needs.
        }
    }

    private static List<ApiCall> calls(MockCluster cluster, Runnable step) {
        cluster.clearCalls();
        step.run();
        List<ApiCall> calls = cluster.calls();
        cluster.clearCalls();
        return calls;
    }

    private static Set<ApiPermission> minus(Set<ApiPermission> these, Set<ApiPermission> those) {
        Set<ApiPermission> rest = new TreeSetOfPermissions();
        rest.addAll(these);
        rest.removeAll(those);
        return rest;
    }

    @Test
    void aRuleGrantsEachVerbOnEachResourceOfEachGroup() {
        assertThat(GrantedPermissions.expand(new PolicyRuleBuilder().withApiGroups("", "batch")
                .withResources("pods", "jobs").withVerbs("get", "list").build()))
                .containsExactlyInAnyOrder(new ApiPermission("", "pods", "get"), new ApiPermission("", "pods", "list"),
                        new ApiPermission("", "jobs", "get"), new ApiPermission("", "jobs", "list"),
                        new ApiPermission("batch", "pods", "get"), new ApiPermission("batch", "pods", "list"),
                        new ApiPermission("batch", "jobs", "get"), new ApiPermission("batch", "jobs", "list"));
        assertThatThrownBy(() -> GrantedPermissions.expand(new PolicyRuleBuilder().withApiGroups("")
                .withResources("*").withVerbs("get").build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrantedPermissions.expand(new PolicyRuleBuilder().withApiGroups("")
                .withResources("secrets").withResourceNames("one").withVerbs("get").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sorted, so that a failure lists the permissions in a readable order. */
    private static final class TreeSetOfPermissions extends TreeSet<ApiPermission> {
        TreeSetOfPermissions() {
            super(java.util.Comparator.comparing(ApiPermission::toString));
        }
    }
}
