package io.gantry.runtime.kubernetes;

import static io.gantry.runtime.kubernetes.KubernetesNames.MANAGED_BY;
import static io.gantry.runtime.kubernetes.KubernetesNames.MANAGER;
import static io.gantry.runtime.kubernetes.KubernetesNames.WORKLOAD;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.Isolation;
import io.gantry.runtime.JupyterTraffic;
import io.gantry.runtime.ReconcileResult;
import io.gantry.runtime.RuntimeEvent;
import io.gantry.runtime.RuntimeNode;
import io.gantry.runtime.SavedImage;
import io.gantry.runtime.WorkloadActivity;
import io.gantry.runtime.WorkloadMetrics;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import io.gantry.runtime.WorkspacePath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workloads on a Kubernetes cluster through its API (DESIGN §5): a container is a Pod with a Service, a task a
 * Job, in the project's namespace (made on first use, with a ResourceQuota mirroring the project's quota), beside the
 * owner's workspace volume, a Secret with the credentials and, with a whitelist, a NetworkPolicy. Every replica of
 * Gantry reaches the same objects, so any of them may act on any workload ({@link #sharedByReplicas()}); nothing is
 * kept in memory but the terminals this replica opened. Objects are found by equality label selectors on
 * {@value KubernetesNames#WORKLOAD}; where the API cannot be reached, reads throw {@link Unavailable} so that nothing
 * is concluded, and a start that fails part way deletes what it made.
 */
public class KubernetesRuntime implements WorkloadRuntime {

    private static final Logger log = LoggerFactory.getLogger(KubernetesRuntime.class);
    /** The shell a terminal opens: bash where the image has it. */
    static final String[] SHELL = {"sh", "-c",
        "if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi"};

    private final KubernetesClient client;
    private final KubernetesRuntimeProperties properties;
    private final KubernetesObjects objects;
    private final KubernetesNames names;
    private final Clock clock;
    private final JupyterTraffic jupyterTraffic;
    private final Map<String, AtomicInteger> terminals = new ConcurrentHashMap<>();
    /**
     * The namespace of each workload seen, which never changes: a workload's objects are then read by name in it (one
     * cheap request) rather than found by a label across every namespace, which makes the API server filter all Pods.
     */
    private final Map<String, String> namespaces = new ConcurrentHashMap<>();

    public KubernetesRuntime(KubernetesClient client, KubernetesRuntimeProperties properties, Clock clock,
                             JupyterTraffic jupyterTraffic) {
        this.client = client;
        this.properties = properties;
        this.objects = new KubernetesObjects(properties);
        this.names = objects.names();
        this.clock = clock;
        this.jupyterTraffic = jupyterTraffic;
    }

    @Override
    public String name() {
        return KubernetesNames.RUNTIME_NAME;
    }

    /** The API server and the namespace prefix: the same on every replica of one installation. */
    @Override
    public String instanceId() {
        return KubernetesNames.RUNTIME_NAME + ":" + client.getMasterUrl().getHost() + "/"
                + properties.namespacePrefix();
    }

    @Override
    public Isolation isolation() {
        return new Isolation(true, KubernetesNames.RUNTIME_NAME, null);
    }

    @Override
    public boolean sharedByReplicas() {
        return true;
    }

    /** Nothing to do up front: the owner's volume is made in the project's namespace by the first start there. */
    @Override
    public void prepareWorkspace(String owner) {
    }

    /** Jupyter runs in the workload's image, reached through its Service. */
    @Override
    public boolean jupyterAvailable() {
        return true;
    }

    // ---- start ------------------------------------------------------------------------------------------------

    /**
     * Makes the workload's objects, in an order that never exposes a Pod unprotected (credentials and the
     * NetworkPolicy before the Pod), and returns once they exist: {@code RUNNING} meaning the cluster took it (the
     * Pod may still be pulling its image; {@link #inspect} tells {@code STARTING} from {@code RUNNING} and fails it
     * when the image cannot be pulled). If a step fails, what this start made of the workload's own objects is
     * deleted again and the start FAILED with the reason; the project's namespace and quota and the owner's volume
     * stay, being correct whatever happens to this workload.
     */
    @Override
    public WorkloadStatus start(WorkloadSpec spec) {
        WorkloadSpec.Placement placement = spec.placement();
        if (placement.deviceCount() > 0 && (placement.deviceResource() == null
                || placement.deviceResource().isBlank())) {
            return failed(spec.id(), "runtime.reason.no-device-resource", List.of(describe(placement)));
        }
        String namespace = names.namespace(spec.projectId());
        namespaces.put(spec.id(), namespace);
        List<HasMetadata> made = new ArrayList<>();
        String step = "Namespace " + namespace;
        try {
            ensureNamespace(spec.projectId());
            step = "ResourceQuota " + KubernetesNames.QUOTA;
            ensureQuota(spec.projectId(), placement.projectQuota());
            step = "PersistentVolumeClaim " + KubernetesNames.workspaceClaim(spec.workspaceOwner());
            ensureWorkspace(spec);
            Secret pull = objects.pullSecret(spec);
            if (pull != null) {
                step = "Secret " + pull.getMetadata().getName();
                create(pull, made);
            }
            step = "Secret " + spec.id();
            String passwordHash = spec.access().sshPassword() == null ? null
                    : Sha2Crypt.sha512Crypt(spec.access().sshPassword().getBytes(StandardCharsets.UTF_8));
            create(objects.credentials(spec, passwordHash), made);
            NetworkPolicy policy = objects.networkPolicy(spec);
            if (policy != null) {
                step = "NetworkPolicy " + spec.id();
                create(policy, made);
            }
            if (spec.batch()) {
                step = "Job " + spec.id();
                create(objects.job(spec), made);
            } else {
                Service service = objects.service(spec);
                if (service != null) {
                    step = "Service " + spec.id();
                    create(service, made);
                }
                step = "Pod " + spec.id();
                create(objects.pod(spec), made);
            }
            log.info("Workload {} made in namespace {} ({} objects)", spec.id(), namespace, made.size());
            return new WorkloadStatus(spec.id(), WorkloadState.RUNNING, null, null, List.of(), clock.instant());
        } catch (RuntimeException e) {
            undo(made);
            String what = step + ": " + ApiFailure.message(e);
            log.warn("Workload {} could not be made ({})", spec.id(), what);
            if (ApiFailure.unreachable(e)) {
                return failed(spec.id(), "runtime.reason.unavailable", List.of(what));
            }
            return failed(spec.id(), "runtime.reason.refused", List.of(what));
        }
    }

    private static String describe(WorkloadSpec.Placement placement) {
        return placement.nodeSelector().isEmpty() ? String.valueOf(placement.nodeName())
                : new java.util.TreeMap<>(placement.nodeSelector()).toString();
    }

    private WorkloadStatus failed(String id, String reason, List<String> arguments) {
        return new WorkloadStatus(id, WorkloadState.FAILED, null, reason, arguments, clock.instant());
    }

    private void ensureNamespace(long projectId) {
        String name = names.namespace(projectId);
        if (client.namespaces().withName(name).get() == null) {
            try {
                client.namespaces().resource(objects.namespace(projectId)).create();
            } catch (RuntimeException e) {
                if (!ApiFailure.conflict(e)) {
                    throw e;
                }
            }
        }
    }

    /** The project's quota, made or updated (a plain update) where it differs from the project's. */
    private void ensureQuota(long projectId, WorkloadSpec.ProjectQuota quota) {
        ResourceQuota wanted = objects.quota(projectId, quota);
        if (wanted.getSpec().getHard().isEmpty()) {
            return;
        }
        String namespace = names.namespace(projectId);
        ResourceQuota existing = client.resourceQuotas().inNamespace(namespace).withName(KubernetesNames.QUOTA)
                .get();
        if (existing == null) {
            client.resourceQuotas().inNamespace(namespace).resource(wanted).create();
        } else if (!sameQuantities(existing.getSpec() == null ? null : existing.getSpec().getHard(),
                wanted.getSpec().getHard())) {
            existing.getSpec().setHard(wanted.getSpec().getHard());
            client.resourceQuotas().inNamespace(namespace).resource(existing).update();
        }
    }

    static boolean sameQuantities(Map<String, Quantity> a, Map<String, Quantity> b) {
        if (a == null || b == null || !a.keySet().equals(b.keySet())) {
            return a == null && b == null;
        }
        return a.keySet().stream().allMatch(key -> Quantity.getAmountInBytes(a.get(key))
                .compareTo(Quantity.getAmountInBytes(b.get(key))) == 0);
    }

    private void ensureWorkspace(WorkloadSpec spec) {
        PersistentVolumeClaim claim = objects.workspaceClaim(spec);
        String namespace = claim.getMetadata().getNamespace();
        if (client.persistentVolumeClaims().inNamespace(namespace).withName(claim.getMetadata().getName())
                .get() == null) {
            try {
                client.persistentVolumeClaims().inNamespace(namespace).resource(claim).create();
            } catch (RuntimeException e) {
                if (!ApiFailure.conflict(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates a workload's object and notes it as made; one that exists already (an earlier start whose outcome was
     * lost) is kept and not noted, so that undoing this start leaves it.
     */
    private void create(HasMetadata object, List<HasMetadata> made) {
        try {
            made.add(client.resource(object).create());
        } catch (RuntimeException e) {
            if (!ApiFailure.conflict(e)) {
                throw e;
            }
        }
    }

    private void undo(List<HasMetadata> made) {
        for (HasMetadata object : made.reversed()) {
            try {
                client.resource(object).withGracePeriod(0).delete();
            } catch (RuntimeException e) {
                // Left for the orphan sweep, which deletes it once it is older than its grace.
                log.warn("Could not delete {} {} after a failed start: {}", object.getKind(),
                        object.getMetadata().getName(), ApiFailure.message(e));
            }
        }
    }

    // ---- state ------------------------------------------------------------------------------------------------

    /** Tasks run as Jobs, containers as Pods; the runtime id's kind says which. */
    static boolean batch(String workloadId) {
        return !"container".equals(KubernetesNames.kind(workloadId));
    }

    @Override
    public WorkloadStatus inspect(String workloadId) {
        Instant now = clock.instant();
        try {
            if (batch(workloadId)) {
                Optional<Job> job = job(workloadId);
                List<Pod> pods = job.isEmpty() ? List.of() : podsOf(job.get().getMetadata().getNamespace(), workloadId);
                return KubernetesStates.ofJob(workloadId, job.orElse(null), pods, now);
            }
            return KubernetesStates.ofPod(workloadId, pod(workloadId).orElse(null), now);
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("inspect " + workloadId, e);
        }
    }

    /**
     * The workload's namespace: remembered from its start or an earlier look, else learnt from one list of all of
     * Gantry's Pods and Jobs (which remembers every workload's at once, so a replica that just started asks once).
     */
    private Optional<String> namespace(String workloadId) {
        String known = namespaces.get(workloadId);
        if (known != null) {
            return Optional.of(known);
        }
        List<HasMetadata> listed = new ArrayList<>();
        listed.addAll(client.batch().v1().jobs().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list().getItems());
        listed.addAll(client.pods().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list().getItems());
        remember(listed);
        return Optional.ofNullable(namespaces.get(workloadId));
    }

    private void remember(Collection<? extends HasMetadata> objects) {
        for (HasMetadata object : objects) {
            Map<String, String> labels = object.getMetadata().getLabels();
            String workload = labels == null ? null : labels.get(WORKLOAD);
            if (workload != null) {
                namespaces.put(workload, object.getMetadata().getNamespace());
            }
        }
    }

    private Optional<Pod> pod(String workloadId) {
        return namespace(workloadId)
                .map(namespace -> client.pods().inNamespace(namespace).withName(workloadId).get());
    }

    private Optional<Job> job(String workloadId) {
        return namespace(workloadId)
                .map(namespace -> client.batch().v1().jobs().inNamespace(namespace).withName(workloadId).get());
    }

    private List<Pod> podsOf(String namespace, String workloadId) {
        return client.pods().inNamespace(namespace).withLabel(WORKLOAD, workloadId).list().getItems();
    }

    /** The Pod a workload's output and terminal are in: the container's own, or a task's newest. */
    private Optional<Pod> workloadPod(String workloadId) {
        if (!batch(workloadId)) {
            return pod(workloadId);
        }
        return namespace(workloadId).flatMap(namespace -> podsOf(namespace, workloadId).stream()
                .max(Comparator.comparing(pod -> String.valueOf(pod.getMetadata().getCreationTimestamp()))));
    }

    // ---- stop and remove --------------------------------------------------------------------------------------

    /** Deletes the Pod (or the Job and its Pods) with the grace given; Kubernetes kills what is left after it. */
    @Override
    public void stop(String workloadId, Duration grace) {
        long seconds = Math.max(0, grace.toSeconds());
        try {
            Optional<String> namespace = namespace(workloadId);
            if (namespace.isEmpty()) {
                return;
            }
            if (batch(workloadId)) {
                client.batch().v1().jobs().inNamespace(namespace.get()).withName(workloadId)
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).withGracePeriod(seconds).delete();
            }
            for (Pod pod : podsOf(namespace.get(), workloadId)) {
                client.pods().inNamespace(namespace.get()).withName(pod.getMetadata().getName())
                        .withGracePeriod(seconds).delete();
            }
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("stop " + workloadId, e);
        }
    }

    /** Deletes everything made for the workload; the owner's workspace volume and the namespace stay. */
    @Override
    public void remove(String workloadId) {
        try {
            Optional<String> namespace = namespace(workloadId);
            if (namespace.isPresent()) {
                removeIn(namespace.get(), workloadId);
            }
            namespaces.remove(workloadId);
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("remove " + workloadId, e);
        }
    }

    /**
     * The workload's Jobs, Pods, Services and NetworkPolicies found by its label in its namespace, and its Secrets by
     * name: Gantry never lists Secrets, so that it needs no right to read other Secrets of the cluster.
     */
    private void removeIn(String namespace, String workloadId) {
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(client.batch().v1().jobs().inNamespace(namespace).withLabel(WORKLOAD, workloadId).list()
                .getItems());
        found.addAll(podsOf(namespace, workloadId));
        found.addAll(client.services().inNamespace(namespace).withLabel(WORKLOAD, workloadId).list().getItems());
        found.addAll(client.network().v1().networkPolicies().inNamespace(namespace).withLabel(WORKLOAD, workloadId)
                .list().getItems());
        found.forEach(this::delete);
        for (String secret : List.of(workloadId, KubernetesNames.pullSecret(workloadId))) {
            client.secrets().inNamespace(namespace).withName(secret).delete();
        }
    }

    /** Gantry's Jobs, Pods, Services and NetworkPolicies in every namespace. */
    private List<HasMetadata> gantrys() {
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(client.batch().v1().jobs().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list().getItems());
        found.addAll(client.pods().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list().getItems());
        found.addAll(client.services().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list().getItems());
        found.addAll(client.network().v1().networkPolicies().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list()
                .getItems());
        return found;
    }

    private void delete(HasMetadata object) {
        try {
            if (object instanceof Job) {
                client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } else {
                client.resource(object).delete();
            }
        } catch (RuntimeException e) {
            if (!ApiFailure.notFound(e)) {
                throw e;
            }
        }
    }

    // ---- reconcile and orphans --------------------------------------------------------------------------------

    /**
     * The expected workloads that still live are adopted (nothing runs in this replica for them), the others are
     * lost with their state; Gantry's objects of workloads not expected, older than {@code orphan-grace}, are deleted.
     */
    @Override
    public ReconcileResult reconcile(Map<String, WorkloadSpec> expected) {
        List<String> adopted = new ArrayList<>();
        List<WorkloadStatus> lost = new ArrayList<>();
        for (String id : expected.keySet()) {
            WorkloadStatus status = inspect(id);
            if (status.state().isLive()) {
                adopted.add(id);
            } else {
                lost.add(status);
            }
        }
        List<String> orphans = deleteOrphans(expected::keySet);
        return new ReconcileResult(adopted, lost, orphans);
    }

    /**
     * Lists Gantry's Pods, Jobs, Services and NetworkPolicies first, then asks which workloads are expected, and
     * deletes the objects (and Secrets, by name) of the others that are older than {@code orphan-grace}: a workload
     * another replica is starting right now is expected by the time it is asked, and its objects are young anyway.
     * A Secret alone, of a start cut short before its Pod, is not found: it holds only that workload's credentials.
     */
    @Override
    public List<String> deleteOrphans(Supplier<Set<String>> expected) {
        try {
            List<HasMetadata> listed = gantrys();
            remember(listed);
            Set<String> keep = expected.get();
            Instant cutoff = clock.instant().minus(properties.orphanGrace());
            Map<String, List<HasMetadata>> byWorkload = new LinkedHashMap<>();
            for (HasMetadata object : listed) {
                Map<String, String> labels = object.getMetadata().getLabels();
                String workload = labels == null ? null : labels.get(WORKLOAD);
                if (workload != null && !keep.contains(workload) && olderThan(object, cutoff)) {
                    byWorkload.computeIfAbsent(workload, id -> new ArrayList<>()).add(object);
                }
            }
            for (Map.Entry<String, List<HasMetadata>> orphan : byWorkload.entrySet()) {
                log.info("Deleting {} objects of workload {}, which no workload record expects",
                        orphan.getValue().size(), orphan.getKey());
                orphan.getValue().forEach(this::delete);
                String namespace = orphan.getValue().getFirst().getMetadata().getNamespace();
                for (String secret : List.of(orphan.getKey(), KubernetesNames.pullSecret(orphan.getKey()))) {
                    client.secrets().inNamespace(namespace).withName(secret).delete();
                }
                namespaces.remove(orphan.getKey());
            }
            return List.copyOf(byWorkload.keySet());
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("delete orphans", e);
        }
    }

    private static boolean olderThan(HasMetadata object, Instant cutoff) {
        Instant created = instant(object.getMetadata().getCreationTimestamp());
        return created != null && created.isBefore(cutoff);
    }

    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- output and terminal ----------------------------------------------------------------------------------

    @Override
    public List<String> tail(String workloadId, int lines) {
        try {
            Optional<Pod> pod = workloadPod(workloadId);
            if (pod.isEmpty()) {
                return List.of();
            }
            String text = podLog(pod.get(), "?tailLines=" + lines);
            if (text == null || text.isEmpty()) {
                return List.of();
            }
            List<String> all = List.of(text.split("\r?\n", -1));
            List<String> result = all.getLast().isEmpty() ? all.subList(0, all.size() - 1) : all;
            return List.copyOf(result.subList(Math.max(0, result.size() - lines), result.size()));
        } catch (RuntimeException e) {
            if (ApiFailure.notFound(e)) {
                return List.of();
            }
            throw ApiFailure.unavailable("log of " + workloadId, e);
        }
    }

    /**
     * The Pod's log as one request; null once the Pod is gone. Read raw: the client's own log calls first wait for the
     * Pod to be ready, with a list and a watch of the Pod on every read (a watch the RBAC need not grant).
     */
    private String podLog(Pod pod, String query) {
        return client.raw("/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/"
                + pod.getMetadata().getName() + "/log" + query);
    }

    /** The Pod's whole log; empty once the Pod is gone (a task's Job is deleted {@code job-ttl} after it ended). */
    @Override
    public InputStream log(String workloadId) throws IOException {
        try {
            Optional<Pod> pod = workloadPod(workloadId);
            if (pod.isEmpty()) {
                return InputStream.nullInputStream();
            }
            String text = podLog(pod.get(), "");
            return new ByteArrayInputStream(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            if (ApiFailure.notFound(e)) {
                return InputStream.nullInputStream();
            }
            throw new IOException("The log of " + workloadId + " could not be read: " + ApiFailure.message(e), e);
        }
    }

    @Override
    public Terminal openTerminal(String workloadId, int columns, int rows) throws IOException {
        Pod pod;
        try {
            pod = workloadPod(workloadId).filter(p -> p.getStatus() != null
                    && "Running".equals(p.getStatus().getPhase())).orElseThrow(() -> new NotRunning(workloadId));
        } catch (NotRunning e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("The terminal of " + workloadId + " could not be opened: "
                    + ApiFailure.message(e), e);
        }
        ExecWatch exec;
        try {
            exec = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .inContainer(KubernetesNames.CONTAINER)
                    .redirectingInput().redirectingOutput().withTTY().exec(SHELL);
        } catch (RuntimeException e) {
            throw new IOException("The terminal of " + workloadId + " could not be opened: "
                    + ApiFailure.message(e), e);
        }
        AtomicInteger open = terminals.computeIfAbsent(workloadId, id -> new AtomicInteger());
        open.incrementAndGet();
        // No window size yet: a message sent the moment the exec opens can find its socket still sending the
        // handshake's and end the exec. The screen reports its size as soon as it shows the shell.
        return new KubernetesTerminal(exec, open::decrementAndGet);
    }

    // ---- usage ------------------------------------------------------------------------------------------------

    /** From the metrics API where the cluster has one (metrics-server); empty otherwise. */
    @Override
    public Optional<WorkloadMetrics> metrics(String workloadId) {
        try {
            Optional<Pod> pod = workloadPod(workloadId).filter(p -> p.getStatus() != null
                    && "Running".equals(p.getStatus().getPhase()));
            if (pod.isEmpty()) {
                return Optional.empty();
            }
            PodMetrics metrics = client.top().pods().metrics(pod.get().getMetadata().getNamespace(),
                    pod.get().getMetadata().getName());
            if (metrics == null || metrics.getContainers() == null) {
                return Optional.empty();
            }
            double cores = 0;
            long memory = 0;
            for (var container : metrics.getContainers()) {
                Quantity cpu = container.getUsage().get("cpu");
                Quantity mem = container.getUsage().get("memory");
                cores += cpu == null ? 0 : Quantity.getAmountInBytes(cpu).doubleValue();
                memory += mem == null ? 0 : Quantity.getAmountInBytes(mem).longValue();
            }
            String limitMib = KubernetesStates.memoryLimitMib(pod.get());
            long limit = "?".equals(limitMib) ? 0 : Long.parseLong(limitMib) * 1024 * 1024;
            return Optional.of(new WorkloadMetrics(clock.instant(), cores * 100, memory, limit, 0, null, null,
                    List.of()));
        } catch (RuntimeException e) {
            // No metrics API (404), or none for this Pod yet: no reading.
            log.debug("No metrics for {}: {}", workloadId, ApiFailure.message(e));
            return Optional.empty();
        }
    }

    /**
     * What can be known here: the terminals this replica opened, Jupyter traffic through this replica's proxy, and
     * CPU from the metrics API. SSH sessions are not seen (the image's own server), so without the metrics API
     * nothing is reported rather than an idleness that may not be true.
     */
    @Override
    public Optional<WorkloadActivity> activity(String workloadId) {
        Optional<WorkloadMetrics> metrics = metrics(workloadId);
        int terminalSessions = terminals.getOrDefault(workloadId, new AtomicInteger()).get();
        int jupyterSessions = jupyterTraffic == null ? 0 : jupyterTraffic.sessions(workloadId);
        if (metrics.isEmpty() && terminalSessions + jupyterSessions == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(new WorkloadActivity(now, 0, terminalSessions, jupyterSessions,
                terminalSessions + jupyterSessions > 0 ? now : null,
                metrics.map(m -> m.cpuPercent() / 100).orElse(0.0), null));
    }

    // ---- endpoints, events, nodes -----------------------------------------------------------------------------

    /**
     * SSH and extra ports on the Service's node ports at the address of the node the Pod runs on (or on its load
     * balancer), Jupyter at the Service's name inside the cluster for Gantry's proxy, the terminal through the API.
     */
    @Override
    public List<Endpoint> endpoints(String workloadId) {
        try {
            Optional<Pod> pod = pod(workloadId);
            if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null) {
                return List.of();
            }
            String namespace = pod.get().getMetadata().getNamespace();
            Service service = client.services().inNamespace(namespace).withName(workloadId).get();
            String host = publicHost(pod.get(), service);
            List<Endpoint> endpoints = new ArrayList<>();
            if (service != null && service.getSpec() != null && service.getSpec().getPorts() != null) {
                boolean loadBalancer = "LoadBalancer".equals(service.getSpec().getType());
                for (ServicePort port : service.getSpec().getPorts()) {
                    Integer exposed = loadBalancer ? port.getPort() : port.getNodePort();
                    if (port.getPort() == KubernetesObjects.JUPYTER_PORT && "jupyter".equals(port.getName())) {
                        endpoints.add(new Endpoint(Endpoint.Kind.JUPYTER, workloadId + "." + namespace + ".svc",
                                KubernetesObjects.JUPYTER_PORT, KubernetesObjects.jupyterPath(workloadId)));
                    } else if (exposed != null && host != null) {
                        endpoints.add(new Endpoint("ssh".equals(port.getName()) ? Endpoint.Kind.SSH
                                : Endpoint.Kind.PORT, host, exposed, null));
                    }
                }
            }
            endpoints.add(new Endpoint(Endpoint.Kind.TERMINAL, host, 0, null));
            return List.copyOf(endpoints);
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("endpoints of " + workloadId, e);
        }
    }

    private String publicHost(Pod pod, Service service) {
        if (service != null && service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null
                && !service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            var ingress = service.getStatus().getLoadBalancer().getIngress().getFirst();
            return ingress.getIp() != null ? ingress.getIp() : ingress.getHostname();
        }
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null && pod.getSpec() != null && pod.getSpec().getNodeSelector() != null) {
            nodeName = pod.getSpec().getNodeSelector().get(KubernetesNames.HOSTNAME);
        }
        if (nodeName == null) {
            return null;
        }
        Node node = client.nodes().withName(nodeName).get();
        return node == null ? null : address(node);
    }

    /** A node's external address, else its internal one. */
    static String address(Node node) {
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        return addresses.stream().filter(a -> "ExternalIP".equals(a.getType())).map(NodeAddress::getAddress)
                .findFirst().or(() -> addresses.stream().filter(a -> "InternalIP".equals(a.getType()))
                        .map(NodeAddress::getAddress).findFirst()).orElse(null);
    }

    /** The events of the workload's Pod (or its Job and the Job's Pods), oldest first, keyed by their uid. */
    @Override
    public List<RuntimeEvent> events(String workloadId) {
        try {
            Optional<String> namespace = namespace(workloadId);
            if (namespace.isEmpty()) {
                return List.of();
            }
            Set<String> podNames = new java.util.HashSet<>();
            podNames.add(workloadId);
            if (batch(workloadId)) {
                podsOf(namespace.get(), workloadId).forEach(pod -> podNames.add(pod.getMetadata().getName()));
            }
            List<RuntimeEvent> events = new ArrayList<>();
            for (Event event : client.v1().events().inNamespace(namespace.get()).list().getItems()) {
                if (event.getInvolvedObject() == null || !podNames.contains(event.getInvolvedObject().getName())
                        || !Set.of("Pod", "Job").contains(event.getInvolvedObject().getKind())) {
                    continue;
                }
                Instant at = Objects.requireNonNullElse(firstInstant(event.getLastTimestamp(),
                        event.getEventTime() == null ? null : event.getEventTime().getTime(),
                        event.getFirstTimestamp(), event.getMetadata().getCreationTimestamp()), Instant.EPOCH);
                events.add(new RuntimeEvent(event.getMetadata().getUid(), at, "Warning".equals(event.getType()),
                        event.getReason(), event.getMessage()));
            }
            events.sort(Comparator.comparing(RuntimeEvent::at));
            return List.copyOf(events);
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("events of " + workloadId, e);
        }
    }

    private static Instant firstInstant(String... timestamps) {
        for (String timestamp : timestamps) {
            Instant at = instant(timestamp);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    @Override
    public Optional<List<RuntimeNode>> nodes() {
        try {
            return Optional.of(client.nodes().list().getItems().stream().map(KubernetesRuntime::node).toList());
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("nodes", e);
        }
    }

    /** A Node as Gantry's inventory needs it: extended resources (names with a '/') as counts, CPU, memory. */
    static RuntimeNode node(Node node) {
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        Map<String, Long> devices = new LinkedHashMap<>();
        allocatable.forEach((name, quantity) -> {
            if (name.contains("/")) {
                devices.put(name, Quantity.getAmountInBytes(quantity).longValue());
            }
        });
        int cores = allocatable.containsKey("cpu")
                ? Quantity.getAmountInBytes(allocatable.get("cpu")).setScale(0, RoundingMode.DOWN).intValue() : 0;
        long memoryMib = allocatable.containsKey("memory") ? Quantity.getAmountInBytes(allocatable.get("memory"))
                .divide(BigDecimal.valueOf(1024L * 1024), 0, RoundingMode.DOWN).longValue() : 0;
        boolean schedulable = node.getSpec() == null || !Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return new RuntimeNode(node.getMetadata().getName(),
                node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels(), devices, cores,
                memoryMib, schedulable, address(node));
    }

    // ---- images and files -------------------------------------------------------------------------------------

    /** Refused: no image builder is configured, or the one configured is not supported yet. */
    @Override
    public SavedImage saveImage(String workloadId, String imageName, String tag) {
        if (properties.imageBuilder().isBlank()) {
            throw new Refused("runtime.kubernetes.no-image-builder", List.of());
        }
        throw new Refused("runtime.kubernetes.image-builder-unsupported", List.of(properties.imageBuilder()));
    }

    /** Nothing is saved by this runtime, so there is nothing to delete. */
    @Override
    public void deleteSavedImage(String savedFiles) {
    }

    /**
     * Writes through a running Pod of the owner's (its newest, in whichever project): the volumes are the cluster's,
     * reached only from inside a Pod that mounts them. The content is taken in full first (refused once longer than
     * {@code maxBytes}, keeping nothing), then copied into the Pod's workspace, its folders made.
     *
     * @throws Refused {@code runtime.kubernetes.upload-needs-container} when the owner has no running container
     */
    @Override
    public long writeToWorkspace(String owner, WorkspacePath path, InputStream content, long maxBytes)
            throws IOException {
        Pod pod;
        try {
            pod = client.pods().inAnyNamespace().withLabel(MANAGED_BY, MANAGER)
                    .withLabel(KubernetesNames.OWNER, KubernetesNames.labelValue(owner))
                    .withLabel(KubernetesNames.KIND, "container").list().getItems().stream()
                    .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                            && p.getMetadata().getDeletionTimestamp() == null)
                    .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
                    .orElseThrow(() -> new Refused("runtime.kubernetes.upload-needs-container", List.of()));
        } catch (Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiFailure.unavailable("upload", e);
        }
        Path file = Files.createTempFile("gantry-upload", ".part");
        try {
            long written;
            try (InputStream in = content; OutputStream out = Files.newOutputStream(file)) {
                written = in.transferTo(new LimitedOutput(out, maxBytes));
            }
            String target = properties.workspacePath() + "/" + path;
            boolean copied;
            try {
                copied = client.pods().inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).inContainer(KubernetesNames.CONTAINER)
                        .file(target).upload(file);
            } catch (RuntimeException e) {
                throw new IOException("Could not copy into " + pod.getMetadata().getName() + ": "
                        + ApiFailure.message(e), e);
            }
            if (!copied) {
                throw new IOException("Could not copy into " + pod.getMetadata().getName());
            }
            return written;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Refuses a byte past the limit. */
    private static final class LimitedOutput extends OutputStream {
        private final OutputStream out;
        private final long max;
        private long count;

        LimitedOutput(OutputStream out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (count + len > max) {
                throw new TooLarge(max);
            }
            count += len;
            out.write(b, off, len);
        }
    }
}
