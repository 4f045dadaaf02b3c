package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode (a real HTTP server that stores what it is sent and
 * answers reads, label selections with equality selectors, status writes), with expectations taking precedence where
 * CRUD cannot answer (logs, exec, a refusal). Its {@link #client()} records every request it makes as an
 * {@link ApiCall}, and can be made to find the API unreachable ({@link #unreachable}) and reachable again, with the
 * stored objects kept. There are no controllers: Jobs make no Pods and nothing moves a phase, so tests write status
 * themselves ({@link #setPodStatus}, {@link #setJobStatus}).
 */
public final class MockCluster implements AutoCloseable {

    /** One request the client made: its method and its path with the query, e.g. {@code GET /api/v1/nodes}. */
    public record ApiCall(String method, String path) {
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<ApiCall> calls = new CopyOnWriteArrayList<>();
    private volatile URI deadEnd;

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/"))
                .withTrustCerts(true)
                .withNamespace("test")
                .withHttp2Disable(true)
                // Fail at once when the API is unreachable, instead of retrying with a growing back-off.
                .withRequestRetryBackoffLimit(0)
                .build();
        client = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("gantry-mock-cluster",
                        new Interceptor() {
                            @Override
                            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                                URI uri = request.uri();
                                calls.add(new ApiCall(request.method(), uri.getRawPath()
                                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
                                URI dead = deadEnd;
                                if (dead != null) {
                                    builder.uri(URI.create(dead + uri.getRawPath()
                                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
                                }
                            }
                        }))
                .build();
    }

    /** The client tests and the runtime use; every request it makes is in {@link #calls()}. */
    public KubernetesClient client() {
        return client;
    }

    /** The mock server, for expectations CRUD mode cannot answer (pod logs, exec, a refused create). */
    public KubernetesMockServer server() {
        return server;
    }

    /** The requests the client made since the start or the last {@link #clearCalls()}, in order. */
    public List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    /**
     * Makes the API unreachable (true) or reachable again (false): while unreachable, the client's requests go to a
     * port nothing listens on and fail to connect; the objects stored meanwhile stay.
     */
    public void unreachable(boolean unreachable) {
        deadEnd = unreachable ? URI.create("http://127.0.0.1:" + closedPort()) : null;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a Node, schedulable and ready, with an internal address.
     *
     * @param allocatable quantities by resource name, e.g. {@code cpu=64}, {@code memory=512Gi},
     *                    {@code nvidia.com/gpu=8}
     */
    public Node addNode(String name, Map<String, String> labels, Map<String, String> allocatable) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        allocatable.forEach((resource, amount) -> quantities.put(resource, new Quantity(amount)));
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.putIfAbsent("kubernetes.io/hostname", name);
        return client.nodes().resource(new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(allLabels).endMetadata()
                .withNewSpec().withUnschedulable(false).endSpec()
                .withNewStatus()
                .withAllocatable(quantities)
                .withCapacity(quantities)
                .addNewAddress().withType("InternalIP").withAddress("10.0.0." + (Math.abs(name.hashCode()) % 250 + 1))
                .endAddress()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus()
                .build()).create();
    }

    /** Writes a Pod's status through its {@code /status} subresource, as the kubelet would. */
    public Pod setPodStatus(String namespace, String name, PodStatus status) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).require();
        pod.setStatus(status);
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    /** Writes a Job's status through its {@code /status} subresource, as the Job controller would. */
    public Job setJobStatus(String namespace, String name, JobStatus status) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).require();
        job.setStatus(status);
        return client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
    }

    /** A Pod whose container runs. */
    public static PodStatus running() {
        return new PodStatusBuilder().withPhase("Running")
                .withContainerStatuses(containerStatus(new ContainerStateBuilder().withNewRunning().endRunning()
                        .build()))
                .build();
    }

    /** A Pod still pending, its container waiting for the reason given (e.g. {@code ImagePullBackOff}). */
    public static PodStatus waiting(String reason, String message) {
        return new PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(containerStatus(new ContainerStateBuilder().withNewWaiting()
                        .withReason(reason).withMessage(message).endWaiting().build()))
                .build();
    }

    /** A Pod the scheduler could not place. */
    public static PodStatus unschedulable(String message) {
        return new PodStatusBuilder().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage(message).endCondition()
                .build();
    }

    /** A Pod whose container ended with the exit code and reason given (e.g. 137 and {@code OOMKilled}). */
    public static PodStatus terminated(String phase, int exitCode, String reason) {
        return new PodStatusBuilder().withPhase(phase)
                .withContainerStatuses(containerStatus(new ContainerStateBuilder().withNewTerminated()
                        .withExitCode(exitCode).withReason(reason).endTerminated().build()))
                .build();
    }

    /** A Pod the kubelet evicted (node pressure). */
    public static PodStatus evicted(String message) {
        return new PodStatusBuilder().withPhase("Failed").withReason("Evicted").withMessage(message).build();
    }

    /** A Job whose condition of the type given ({@code Complete} or {@code Failed}) is true, with a reason. */
    public static JobStatus jobEnded(String type, String reason, String message) {
        return new JobStatusBuilder()
                .withSucceeded("Complete".equals(type) ? 1 : 0)
                .withFailed("Failed".equals(type) ? 1 : 0)
                .addNewCondition().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .endCondition()
                .build();
    }

    /** A Job with one Pod running. */
    public static JobStatus jobActive() {
        return new JobStatusBuilder().withActive(1).build();
    }

    private static ContainerStatus containerStatus(io.fabric8.kubernetes.api.model.ContainerState state) {
        return new ContainerStatusBuilder().withName("main").withReady(state.getRunning() != null)
                .withRestartCount(0).withImage("image").withImageID("").withState(state).build();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
