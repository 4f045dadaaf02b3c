package io.gantry.container;

import io.gantry.workload.Phase;
import io.gantry.audit.OperationLog;
import io.gantry.billing.Orders;
import io.gantry.billing.ServiceType;
import io.gantry.broker.BrokerRequests;
import io.gantry.broker.BrokerService;
import io.gantry.broker.Explanation;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestForm;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.LoginMethod;
import io.gantry.secrets.SecretBox;
import io.gantry.db.tables.records.ContainerRecord;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.network.SshKey;
import io.gantry.network.SshKeyService;
import io.gantry.network.WhitelistService;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.Project;
import io.gantry.project.Projects;
import io.gantry.project.Quota;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.SavedImage;
import io.gantry.runtime.WorkloadMetrics;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.shared.Addresses;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.Names;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.SystemTask;
import io.gantry.shared.FieldProblem;
import io.gantry.workload.NewWorkload;
import io.gantry.workload.RunWindow;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadQuery;
import io.gantry.workload.Workloads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Containers for their users: create (each is a workload: the broker places it, the reconciler starts it), stop,
 * delete, and everything a running one offers — connection details, logs, metrics, terminal, saving it as an image.
 * Who may see a container: its owner, the project's managers, platform admins, and, where the project lets members
 * see all containers, its members. Who may operate one: its owner, the project's managers and platform admins.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.CONTAINERS_USE + "')")
public class ContainerService {

    public static final int NAME_MAX = 64;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 64;
    private static final int LOG_LINES_MAX = 5000;

    private final ContainerRepository repository;
    private final ProjectService projects;
    private final CurrentProjectService currentProject;
    private final Projects projectLimits;
    private final ClusterService cluster;
    private final CustomImageStore customImages;
    private final BrokerService broker;
    private final BrokerRequests brokerRequests;
    private final SshKeyService keys;
    private final WhitelistService whitelists;
    private final WorkloadRuntime runtime;
    private final ContainerAccess access;
    private final Workloads workloads;
    private final Orders orders;
    private final TerminalPasswordGuard guard;
    private final SecretBox secrets;
    private final PasswordEncoder passwords;
    private final OperationLog operationLog;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SystemTask system;
    private final SecureRandom random = new SecureRandom();

    ContainerService(ContainerRepository repository, ProjectService projects, CurrentProjectService currentProject,
                     Projects projectLimits,
                     ClusterService cluster, CustomImageStore customImages, BrokerService broker,
                     BrokerRequests brokerRequests, SshKeyService keys, WhitelistService whitelists,
                     WorkloadRuntime runtime, ContainerAccess access,
                     Workloads workloads, Orders orders, TerminalPasswordGuard guard, SecretBox secrets,
                     PasswordEncoder passwords, OperationLog operationLog,
                     TransactionTemplate transaction, Clock clock, SystemTask system) {
        this.repository = repository;
        this.projects = projects;
        this.currentProject = currentProject;
        this.projectLimits = projectLimits;
        this.cluster = cluster;
        this.customImages = customImages;
        this.broker = broker;
        this.brokerRequests = brokerRequests;
        this.keys = keys;
        this.whitelists = whitelists;
        this.runtime = runtime;
        this.access = access;
        this.workloads = workloads;
        this.orders = orders;
        this.guard = guard;
        this.secrets = secrets;
        this.passwords = passwords;
        this.operationLog = operationLog;
        this.transaction = transaction;
        this.clock = clock;
        this.system = system;
    }

    /**
     * Creates a container and asks the broker for its devices. Refused with a problem per field when the form does not
     * hold; refused by the broker (over quota, a count the spec does not allow) it ends FAILED with the broker's
     * reason; otherwise it is QUEUED and starts as soon as it is placed, which may be at once.
     */
    public Container create(ContainerForm form) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        Checked checked = check(form, me);
        RunWindow window = form.window();
        long id = transaction.execute(status -> {
            Workload workload = orders.place(new NewWorkload(ContainerRepository.KIND, form.projectId(), me.id(),
                    form.name().strip(), checked.image.id(), checked.image.reference(),
                    checked.image.custom() == null ? null : checked.image.custom().savedFiles(),
                    checked.image.localEnvironment(), checked.spec.id(), form.devices(), checked.flavor.cpuCores(),
                    checked.flavor.memoryMib(), window.start() == RunWindow.Start.AT ? window.startAt() : null,
                    window.end() == RunWindow.End.AT ? window.endAt() : null,
                    window.end() == RunWindow.End.AFTER_HOURS ? window.endAfterHours() : null),
                    ServiceType.CONTAINER);
            ContainerRecord draft = new ContainerRecord();
            draft.setWorkloadId(workload.id());
            draft.setSharedMemoryMib(form.sharedMemoryMib().longValue());
            draft.setLoginMethod(checked.image.loginMethod().name());
            if (checked.image.offersSsh() && checked.image.loginMethod() == LoginMethod.PASSWORD) {
                draft.setSshPasswordEncrypted(secrets.encrypt(form.sshPassword()));
            }
            if (checked.image.offersTerminal()) {
                draft.setTerminalPasswordHash(passwords.encode(form.terminalPassword()));
            }
            if (checked.image.offersJupyter()) {
                draft.setJupyterTokenEncrypted(secrets.encrypt(HexFormat.of().formatHex(token())));
            }
            draft.setOffersSsh(checked.image.offersSsh());
            draft.setOffersJupyter(checked.image.offersJupyter());
            draft.setOffersTerminal(checked.image.offersTerminal());
            draft.setWhitelistId(form.allowAll() ? null : form.whitelistId());
            long saved = repository.insert(draft);
            for (SshKey key : checked.keys) {
                repository.insertKey(saved, key.id(), key.publicKey());
            }
            operationLog.record("container.create", "container:" + saved, "oplog.details.container",
                    form.name().strip(), checked.image.reference(), form.devices(), checked.spec.name());
            return saved;
        });
        // Its devices are asked for now, so that the page shows at once whether it was placed, queued or refused.
        workloads.settle(repository.record(id).orElseThrow().getWorkloadId());
        return container(id);
    }

    private byte[] token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return bytes;
    }

    private record Checked(FrameworkImage image, AcceleratorSpec spec, Flavor flavor, List<SshKey> keys) {
    }

    private Checked check(ContainerForm form, SignedInUser me) {
        InvalidInput.Collector problems = InvalidInput.collect().check("name", Names.problem(form.name()));
        if (form.name() == null || form.name().isBlank()) {
            problems.add("name", "field.required");
        } else if (form.name().strip().length() > NAME_MAX) {
            problems.add("name", "field.too-long", NAME_MAX);
        }
        if (form.projectId() == null) {
            problems.add("project", "field.required");
        } else if (projects.myRole(form.projectId()).isEmpty()) {
            throw new NotFound("project");
        } else {
            projects.requireOpen(form.projectId());
        }
        FrameworkImage image = null;
        if (form.imageId() == null) {
            problems.add("image", "field.required");
        } else if (form.projectId() != null) {
            image = customImages.usableIn(form.projectId(), form.imageId(), me.id());
            if (image.custom() != null && !me.has(Permission.IMAGES_USE)) {
                throw new NotFound("image");
            }
        }
        AcceleratorSpec spec = null;
        Flavor flavor = null;
        if (form.specId() == null) {
            problems.add("spec", "field.required");
        } else {
            spec = cluster.spec(form.specId());
            long chosenSpec = spec.id();
            if (form.projectId() != null && projects.quotas(form.projectId()).stream()
                    .noneMatch(q -> q.specId() == chosenSpec && q.devices() > 0)) {
                // Not offered by the form, not even with no devices: the project has none of this spec to give.
                problems.add("spec", "container.spec.not-in-quota", spec.name());
            } else if (form.devices() == null) {
                problems.add("devices", "field.required");
            } else if (!spec.allows(form.devices())) {
                problems.add("devices", "container.devices.not-allowed", spec.allowedCounts().toString());
            } else if (form.projectId() != null && form.devices() > mostDevices(form.projectId(), spec.id())) {
                // The broker would refuse it at once, whatever the load: say so on the field instead of creating a
                // container that fails.
                problems.add("devices", "container.devices.over-quota", form.devices(), spec.name(),
                        mostDevices(form.projectId(), spec.id()));
            }
            long specId = spec.id();
            flavor = form.flavorId() == null ? null : cluster.flavors(specId).stream()
                    .filter(f -> f.id() == form.flavorId()).findFirst().orElse(null);
            if (flavor == null) {
                problems.add("flavor", "field.required");
            }
        }
        // No value is not "none": the form starts at 0, so an empty field is one the browser could not read as a
        // number (too large for one, say), which must not be saved as 0.
        if (flavor == null) {
            // No flavor, no upper bound to name ("between 0 and 0 MiB" would mislead): only the lower one.
            if (form.sharedMemoryMib() == null || form.sharedMemoryMib() < 0) {
                problems.add("sharedMemory", "field.not-negative");
            }
        } else if (form.sharedMemoryMib() == null || form.sharedMemoryMib() < 0
                || form.sharedMemoryMib() > flavor.memoryMib()) {
            problems.add("sharedMemory", "container.shm.range", flavor.memoryMib());
        }
        List<SshKey> chosenKeys = List.of();
        if (image != null && image.offersSsh()) {
            if (image.loginMethod() == LoginMethod.KEY) {
                List<SshKey> mine = keys.mine();
                chosenKeys = mine.stream().filter(k -> form.keyIds().contains(k.id())).toList();
                if (chosenKeys.isEmpty() || chosenKeys.size() != form.keyIds().size()) {
                    problems.add("keys", "container.keys.required");
                }
            } else {
                passwordProblem(form.sshPassword()).ifPresent(key -> problems.add("sshPassword", key,
                        key.endsWith("short") ? PASSWORD_MIN : PASSWORD_MAX));
            }
        }
        if (image != null && image.offersTerminal()) {
            passwordProblem(form.terminalPassword()).ifPresent(key -> problems.add("terminalPassword", key,
                    key.endsWith("short") ? PASSWORD_MIN : PASSWORD_MAX));
        }
        if (!form.allowAll()) {
            if (form.whitelistId() == null) {
                problems.add("whitelist", "container.whitelist.required");
            } else {
                whitelists.whitelist(form.whitelistId());
            }
        }
        if (form.projectId() != null) {
            Integer lifetime = projectLimits.limits(form.projectId()).containerMaxHours();
            for (FieldProblem problem : form.window().problems(clock.instant(), lifetime)) {
                problems.add(problem.field(), problem.messageKey(), problem.arguments());
            }
        }
        problems.throwIfAny();
        return new Checked(image, spec, flavor, chosenKeys);
    }

    /** What the create form offers in the signed-in user's current project; empty when the user has none. */
    @Transactional(readOnly = true)
    public Optional<ContainerOptions> createOptions() {
        return currentProject.current().map(project -> createOptions(project.id()));
    }

    /**
     * What the create form offers in a project the signed-in user is a member of: exactly what {@link #create}
     * accepts there, read with the same rules it checks.
     */
    @Transactional(readOnly = true)
    public ContainerOptions createOptions(long projectId) {
        if (projects.myRole(projectId).isEmpty()) {
            throw new NotFound("project");
        }
        Project project = projectLimits.project(projectId);
        List<Quota> quotas = projectLimits.quotas(projectId).stream().filter(q -> q.devices() > 0).toList();
        List<ContainerOptions.SpecChoice> specs = new java.util.ArrayList<>();
        for (AcceleratorSpec spec : cluster.specs()) {
            quotas.stream().filter(q -> q.specId() == spec.id()).findFirst().ifPresent(quota -> {
                int most = most(quota);
                specs.add(new ContainerOptions.SpecChoice(spec,
                        spec.allowedCounts().stream().filter(n -> n <= most).toList(), most,
                        quota.maxPerUser() != null && quota.maxPerUser() < quota.devices(),
                        cluster.flavors(spec.id())));
            });
        }
        return new ContainerOptions(project, specs, cluster.images(), usableCustomImages(projectId), keys.mine(),
                whitelists.mine());
    }

    /**
     * The most devices of a spec one container of the project can ever get: the project's quota of the spec, or the
     * per-user maximum where that is lower (what the broker refuses outright, not what happens to be free now).
     */
    public int mostDevices(long projectId, long specId) {
        return projects.quotas(projectId).stream().filter(q -> q.specId() == specId)
                .mapToInt(ContainerService::most).findFirst().orElse(0);
    }

    private static int most(Quota quota) {
        return quota.maxPerUser() == null ? quota.devices() : Math.min(quota.devices(), quota.maxPerUser());
    }

    /** Container passwords: long enough to resist guessing, short enough for bcrypt and the encrypted column. */
    private static Optional<String> passwordProblem(String password) {
        if (password == null || password.length() < PASSWORD_MIN) {
            return Optional.of("container.password.short");
        }
        return password.length() > PASSWORD_MAX ? Optional.of("field.too-long") : Optional.empty();
    }

    /**
     * Stops a container: a queued one gives up its place, a running one ends and gives its devices back. The replica
     * whose runtime holds the workload ends it (at once when that is this one, within seconds otherwise); until then
     * it is STOPPING and keeps its devices.
     */
    public void stop(long id) {
        Container container = operable(id);
        if (workloads.stop(container.workloadId())) {
            record("container.stop", container);
        }
        workloads.settle(container.workloadId());
    }

    /**
     * Deletes a container, stopping it first; its private files go, the owner's workspace stays. One that another
     * replica holds goes once that replica has stopped it.
     */
    public void delete(long id) {
        Container container = operable(id);
        if (workloads.delete(container.workloadId())) {
            record("container.delete", container);
        }
        workloads.settle(container.workloadId());
    }

    @Transactional(readOnly = true)
    public Container container(long id) {
        return visible(id);
    }

    /**
     * Everything a container's detail page shows, for whoever may see the container: one look at who may do what,
     * the connection and usage where it runs, the last {@code logLines} lines of its output, why its device request
     * waits or was refused where it does, and its events.
     */
    @Transactional(readOnly = true)
    public ContainerDetail detail(long id, int logLines) {
        Seen seen = seen(id);
        Container container = seen.container();
        boolean running = container.state() == Phase.RUNNING;
        Explanation explanation = null;
        if ((container.state() == Phase.QUEUED || container.state() == Phase.FAILED)
                && container.brokerRequestId() != null) {
            // Through the broker's internal API, in this transaction: the viewer may see the container, so may read
            // why its request waits, though the request itself may be another's.
            QueuedRequest request = brokerRequests.request(container.brokerRequestId());
            if (request.status() == RequestStatus.QUEUED || request.status() == RequestStatus.REFUSED) {
                explanation = request.explanation();
            }
        }
        List<ContainerEvent> events = workloads.events(container.workloadId()).stream()
                .map(e -> new ContainerEvent(e.at(), e.to(), e.reason(), e.reasonArguments())).toList();
        return new ContainerDetail(container, cluster.spec(container.specId()).name(), seen.operable(), seen.owner(),
                connection(container, seen.owner()),
                running ? runtime.metrics(container.runtimeId()) : Optional.empty(),
                runtime.tail(container.runtimeId(), Math.min(Math.max(logLines, 1), LOG_LINES_MAX)), explanation,
                events);
    }

    /**
     * The container's device request as the broker sees it (why it waits, or why it was refused), for whoever may see
     * the container; empty when it never got one. Read as the platform: a member who sees the project's containers
     * may read why one waits, though the request itself is another's.
     */
    public Optional<QueuedRequest> deviceRequest(long id) {
        Container container = visible(id);
        if (container.brokerRequestId() == null) {
            return Optional.empty();
        }
        return Optional.of(system.run(() -> broker.request(container.brokerRequestId())));
    }

    /** The containers of a project the signed-in user may see, newest first, optionally filtered by name. */
    @Transactional(readOnly = true)
    public List<Container> list(long projectId, String nameFilter, int offset, int limit) {
        return list(projectId, ContainerFilter.byName(nameFilter), List.of(), offset, limit);
    }

    @Transactional(readOnly = true)
    public int count(long projectId, String nameFilter) {
        return countMatching(projectId, ContainerFilter.byName(nameFilter));
    }

    /**
     * A page of the containers of a project the signed-in user may see, filtered, in the asked order (then newest
     * first); only the list's sort properties are accepted.
     */
    @Transactional(readOnly = true)
    public List<Container> list(long projectId, ContainerFilter filter, List<ListSort> sort, int offset, int limit) {
        return repository.page(filtered(projectId, filter), sort, offset, limit);
    }

    @Transactional(readOnly = true)
    public int countMatching(long projectId, ContainerFilter filter) {
        return repository.count(filtered(projectId, filter));
    }

    private WorkloadQuery filtered(long projectId, ContainerFilter filter) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        Optional<ProjectRole> role = requireMemberOrAdmin(projectId, me);
        boolean seesAll = isAdmin(me) || role.get() == ProjectRole.MANAGER
                || projectLimits.limits(projectId).membersSeeAll();
        Long owner = filter.mineOnly() || !seesAll ? me.id() : null;
        return new WorkloadQuery(ContainerRepository.KIND, projectId, owner, filter.name(), filter.state());
    }

    /** The signed-in user's role in the project; a project the user is not in does not exist for them. */
    private Optional<ProjectRole> requireMemberOrAdmin(long projectId, SignedInUser me) {
        Optional<ProjectRole> role = projects.myRole(projectId);
        if (role.isEmpty() && !isAdmin(me)) {
            throw new NotFound("project");
        }
        return role;
    }

    /**
     * The images saved in a project (AI-Stack 自定義鏡像) that the signed-in user may start from: the shared ones and
     * their own private ones; for its members and the platform's admins. The images page is {@link CustomImageService}.
     */
    @Transactional(readOnly = true)
    public List<FrameworkImage> customImages(long projectId) {
        requireMemberOrAdmin(projectId, CurrentUser.get().orElseThrow());
        return usableCustomImages(projectId);
    }

    /** Custom images are for those who may use images (IMAGES_USE), as the images page is. */
    private List<FrameworkImage> usableCustomImages(long projectId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        return !me.has(Permission.IMAGES_USE) ? List.of() : customImages.usableBy(projectId, me.id()).stream()
                .map(CustomImage::image).toList();
    }

    @Transactional(readOnly = true)
    public List<ContainerEvent> events(long id) {
        return workloads.events(visible(id).workloadId()).stream()
                .map(e -> new ContainerEvent(e.at(), e.to(), e.reason(), e.reasonArguments())).toList();
    }

    /** Whether the signed-in user may stop, delete or open a terminal in this container. */
    @Transactional(readOnly = true)
    public boolean canOperate(long id) {
        return seen(id).operable();
    }

    /** Whether the signed-in user may save this container as an image: its owner only, if they may use images. */
    @Transactional(readOnly = true)
    public boolean canSaveImage(long id) {
        return seen(id).owner() && CurrentUser.get().orElseThrow().has(Permission.IMAGES_USE);
    }

    /** How to reach a running container. */
    public Connection connection(long id) {
        Seen seen = seen(id);
        return connection(seen.container(), seen.owner());
    }

    private Connection connection(Container container, boolean owner) {
        if (container.state() != Phase.RUNNING) {
            return Connection.NONE;
        }
        List<Endpoint> endpoints = runtime.endpoints(container.runtimeId());
        String ssh = endpoints.stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                .map(e -> "ssh " + access.loginName(container) + "@" + e.host() + " -p " + e.port()).orElse(null);
        String jupyter = !owner ? null : endpoints.stream().filter(e -> e.kind() == Endpoint.Kind.JUPYTER)
                .findFirst().map(e -> JupyterRoutes.OPEN_PATH + container.runtimeId()).orElse(null);
        boolean offersJupyter = owner && container.offersJupyter();
        boolean jupyterUnavailable = offersJupyter && jupyter == null && !runtime.jupyterAvailable();
        boolean jupyterStarting = offersJupyter && jupyter == null && runtime.jupyterAvailable();
        return new Connection(ssh, jupyter, jupyterUnavailable, jupyterStarting, container.offersTerminal());
    }

    /**
     * @param sshCommand exactly what works in a terminal, or null where the container has no SSH
     * @param jupyterPath Gantry's path that opens the container's Jupyter on its own host, or null
     * @param jupyterUnavailable the image offers Jupyter but this runtime has no Jupyter server
     * @param jupyterStarting the container's Jupyter is still coming up
     */
    public record Connection(String sshCommand, String jupyterPath, boolean jupyterUnavailable,
                             boolean jupyterStarting, boolean terminal) {
        static final Connection NONE = new Connection(null, null, false, false, false);
    }

    public Optional<WorkloadMetrics> metrics(long id) {
        Container container = visible(id);
        return container.state() == Phase.RUNNING ? runtime.metrics(container.runtimeId())
                : Optional.empty();
    }

    public List<String> tail(long id, int lines) {
        return runtime.tail(visible(id).runtimeId(), Math.min(Math.max(lines, 1), LOG_LINES_MAX));
    }


    public InputStream log(long id) throws IOException {
        return runtime.log(visible(id).runtimeId());
    }

    /**
     * Opens a shell in a running container for the web terminal: for users who may operate it, with its terminal
     * password, from an address its whitelist lets in.
     */
    public WorkloadRuntime.Terminal openTerminal(long id, String password, InetAddress from, int columns, int rows)
            throws IOException {
        Container container = operable(id);
        if (container.state() != Phase.RUNNING || !container.offersTerminal()) {
            throw new NotAllowed("container.terminal.not-running");
        }
        // The whitelist first: an address it keeps out learns nothing of the password and counts no failure.
        if (!access.webAllowed(container, from)) {
            log("container.terminal-refused", id, "oplog.details.not-whitelisted", Addresses.format(from.getAddress()));
            throw new NotAllowed("container.whitelist.refused");
        }
        // Counted per user, so that one who may operate the container cannot lock its owner out by guessing.
        long me = CurrentUser.get().orElseThrow().id();
        Optional<java.time.Instant> locked = guard.lockedUntil(me, id);
        if (locked.isPresent()) {
            throw new NotAllowed("container.terminal.throttled", locked.get());
        }
        String hash = repository.record(id).orElseThrow().getTerminalPasswordHash();
        if (password == null || hash == null || !passwords.matches(password, hash)) {
            guard.failed(me, id);
            log("container.terminal-refused", id, "oplog.details.wrong-password");
            throw new InvalidInput("terminalPassword", "container.terminal.wrong-password");
        }
        WorkloadRuntime.Terminal terminal = runtime.openTerminal(container.runtimeId(), columns, rows);
        record("container.terminal", container);
        return terminal;
    }

    /**
     * Whether the signed-in user may open the container's Jupyter: its Jupyter and token, for its owner, from an
     * address its whitelist lets in; empty otherwise, without telling which. Only the owner: whatever runs in a
     * notebook page acts with the owner's Jupyter, and a manager or administrator opening a member's notebook would
     * run the member's scripts as their own.
     */
    public Optional<JupyterTarget> jupyter(long id, InetAddress from) {
        Container container;
        try {
            container = visible(id);
        } catch (NotFound e) {
            return Optional.empty();
        }
        if (!isOwner(container) || container.state() != Phase.RUNNING || !container.offersJupyter()
                || !access.webAllowed(container, from)) {
            return Optional.empty();
        }
        return runtime.endpoints(container.runtimeId()).stream().filter(e -> e.kind() == Endpoint.Kind.JUPYTER)
                .findFirst().flatMap(e -> access.jupyterToken(id).map(token ->
                        new JupyterTarget(URI.create("http://" + e.host() + ":" + e.port()), token)));
    }

    /**
     * Saves a running container's files and environment as a custom image of its project (AI-Stack 五.3), shared
     * with the project or private to its maker. Only its owner: the image copies the owner's private files.
     */
    public long saveImage(long id, CustomImageForm form) {
        Container container = operable(id);
        if (!isOwner(container)) {
            throw new NotAllowed("container.save-image.owner-only");
        }
        if (!CurrentUser.get().orElseThrow().has(Permission.IMAGES_USE)) {
            throw new NotAllowed("custom-image.images-use-required");
        }
        if (container.state() != Phase.RUNNING) {
            throw new NotAllowed("container.not-running");
        }
        InvalidInput.Collector problems = InvalidInput.collect().check("displayName", Names.problem(form.displayName()));
        if (form.displayName() != null && form.displayName().strip().length() > CustomImageForm.DISPLAY_NAME_MAX) {
            problems.add("displayName", "field.too-long", CustomImageForm.DISPLAY_NAME_MAX);
        }
        if (form.description() != null && form.description().strip().length() > CustomImageForm.DESCRIPTION_MAX) {
            problems.add("description", "field.too-long", CustomImageForm.DESCRIPTION_MAX);
        }
        if (form.visibility() == null) {
            problems.add("visibility", "field.required");
        }
        FrameworkImage base = customImages.startedFrom(container.projectId(), container.imageId());
        // Checked as it will be saved, so that a refusal comes before the files are copied, not after.
        FrameworkImage draft = new FrameworkImage(0, form.imageName(), form.tag(), null, base.loginMethod(),
                form.offersSsh(), form.offersJupyter(), form.offersTerminal(), false, base.localEnvironment(),
                listedDescription(form), new FrameworkImage.Custom(container.userId(), container.projectId(), null,
                form.frameworkType()));
        try {
            customImages.check(draft);
        } catch (InvalidInput imageProblems) {
            // Shown with the form's other problems, all at once.
            imageProblems.problems().forEach(p -> problems.add(p.field(), p.messageKey(), p.arguments()));
        }
        problems.throwIfAny();
        SavedImage saved = runtime.saveImage(container.runtimeId(), form.imageName().strip(), form.tag().strip());
        long imageId = customImages.save(new FrameworkImage(0, draft.name(), draft.tag(), null,
                draft.loginMethod(), draft.offersSsh(), draft.offersJupyter(), draft.offersTerminal(), false,
                draft.localEnvironment(), draft.description(),
                new FrameworkImage.Custom(container.userId(), container.projectId(), saved.savedFiles(),
                        form.frameworkType())), form.visibility(), container.id(), container.name());
        record("container.save-image", container);
        return imageId;
    }

    /** How the image list describes a saved image: its display name, then the user's description. */
    private static String listedDescription(CustomImageForm form) {
        if (form.displayName() == null || form.displayName().isBlank()) {
            return form.description();
        }
        return form.displayName().strip() + (form.description() == null || form.description().isBlank() ? ""
                : " — " + form.description().strip());
    }

    private Container visible(long id) {
        return seen(id).container();
    }

    /** A container the signed-in user may see, and whether they may operate it, from one look at their role. */
    private record Seen(Container container, boolean owner, boolean operable) {
    }

    private Seen seen(long id) {
        Container container = repository.find(id).filter(c -> c.state() != Phase.DELETED)
                .orElseThrow(() -> new NotFound("container"));
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (container.userId() == me.id()) {
            return new Seen(container, true, true);
        }
        if (isAdmin(me)) {
            return new Seen(container, false, projects.canManage(container.projectId()));
        }
        Optional<ProjectRole> role = projects.myRole(container.projectId());
        if (role.isPresent() && role.get() == ProjectRole.MANAGER) {
            return new Seen(container, false, true);
        }
        // Only the one setting is read, not the project's whole overview (quotas, members, what runs).
        if (role.isPresent() && projectLimits.limits(container.projectId()).membersSeeAll()) {
            return new Seen(container, false, false);
        }
        throw new NotFound("container");
    }

    private Container operable(long id) {
        Seen seen = seen(id);
        if (!seen.operable()) {
            throw new NotAllowed("container.operate.not-allowed");
        }
        return seen.container();
    }

    private static boolean isOwner(Container container) {
        return CurrentUser.get().map(me -> me.id() == container.userId()).orElse(false);
    }

    private static boolean isAdmin(SignedInUser me) {
        return me.has(Permission.PROJECTS_MANAGE);
    }

    private void record(String action, Container container) {
        log(action, container.id(), "oplog.details.name", container.name());
    }

    private void log(String action, long containerId, String messageKey, Object... arguments) {
        transaction.executeWithoutResult(status -> operationLog.record(action, ContainerRepository.logTarget(containerId), messageKey,
                arguments));
    }

}
