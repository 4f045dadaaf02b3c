package io.gantry.container;

import io.gantry.workload.Phase;
import io.gantry.audit.OperationLog;
import io.gantry.billing.Orders;
import io.gantry.billing.Wallets;
import io.gantry.billing.money.HourlyRate;
import io.gantry.billing.money.Money;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * see all containers, its members. Who may operate one: its owner and the project's managers; a platform admin who
 * is not one of them reads it and may stop it (job management, Apulis 3.11), but neither deletes it nor opens its
 * shell: its files and what runs in it are its project's.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.CONTAINERS_USE + "')")
public class ContainerService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContainerService.class);

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
    private final Wallets wallets;
    private final UserDirectory users;
    private final WorkSettings settings;
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
                     Workloads workloads, Orders orders, Wallets wallets, UserDirectory users,
                     WorkSettings settings, TerminalPasswordGuard guard, SecretBox secrets,
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
        this.wallets = wallets;
        this.users = users;
        this.settings = settings;
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
        Checked checked = check(form, me, false);
        long id = transaction.execute(status -> {
            long saved = insert(form, checked, me.id());
            // Checked again once the order holds the project's wallet: two creates of one name in one project at once
            // wait for each other there, and the second sees the first.
            if (workloads.nameTaken(ContainerRepository.KIND, form.projectId(), form.name(),
                    repository.record(saved).orElseThrow().getWorkloadId())) {
                throw new InvalidInput("name", "container.name.taken", form.name().strip());
            }
            return saved;
        });
        // Its devices are asked for now, so that the page shows at once whether it was placed, queued or refused.
        workloads.settle(repository.record(id).orElseThrow().getWorkloadId());
        return container(id);
    }

    /** The most containers a batch creates for one member. */
    public static final int BATCH_PER_MEMBER_MAX = 20;

    /**
     * Creates the same container for several members of a project at once (AI-Stack 五.1 批次建立), for its managers:
     * {@code countPerUserId} copies for each member, each owned by its member and named after it ("name-member", or
     * "name-member-2" where a member gets several). The whole batch is checked first — the settings, each member
     * (in the project, workspace activated), each name, and that the wallet pays the first hour of all of them — and
     * then created in one transaction: all of it, or, refused, nothing.
     */
    public List<Container> createBatch(ContainerForm settings, Map<Long, Integer> countPerUserId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (settings.projectId() != null && projects.myRole(settings.projectId()).orElse(null) != ProjectRole.MANAGER) {
            if (projects.myRole(settings.projectId()).isEmpty()) {
                throw new NotFound("project");
            }
            throw new NotAllowed("container.batch.managers-only");
        }
        InvalidInput.Collector problems = InvalidInput.collect();
        Checked checked = null;
        try {
            checked = check(settings, me, true);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.messageKey(), p.arguments()));
        }
        Map<Long, String> copies = new LinkedHashMap<>();
        Map<Long, Integer> counts = countPerUserId == null ? Map.of() : countPerUserId;
        if (counts.isEmpty()) {
            problems.add("members", "container.batch.members-required");
        }
        Map<Long, UserRef> members = counts.isEmpty() ? Map.of() : users.byId(counts.keySet());
        List<String> names = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        for (Map.Entry<Long, Integer> entry : counts.entrySet()) {
            UserRef member = members.get(entry.getKey());
            if (member == null || settings.projectId() == null
                    || projectLimits.roleOf(settings.projectId(), entry.getKey()).isEmpty()) {
                problems.add("members", "container.batch.not-member", member == null ? "#" + entry.getKey()
                        : member.username());
                continue;
            }
            if (!orders.activated(member.id())) {
                problems.add("members", "container.batch.not-activated", member.username());
            }
            Integer count = entry.getValue();
            if (count == null || count < 1 || count > BATCH_PER_MEMBER_MAX) {
                problems.add("counts", "container.batch.count-range", member.username(), BATCH_PER_MEMBER_MAX);
                continue;
            }
            for (int i = 1; i <= count; i++) {
                String base = settings.name() == null ? "" : settings.name().strip();
                String name = base + "-" + member.username() + (count == 1 ? "" : "-" + i);
                names.add(name);
                owners.add(member.id());
            }
        }
        if (settings.name() != null && !settings.name().isBlank() && settings.projectId() != null) {
            for (String name : names) {
                if (name.length() > NAME_MAX) {
                    problems.add("name", "container.batch.name-too-long", name, NAME_MAX);
                    break;
                }
                if (workloads.nameTaken(ContainerRepository.KIND, settings.projectId(), name, null)) {
                    problems.add("name", "container.name.taken", name);
                }
            }
        }
        problems.throwIfAny();
        Checked valid = checked;
        List<Long> ids = transaction.execute(status -> {
            List<NewWorkload> orders = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                orders.add(newWorkload(settings.named(names.get(i)), valid, owners.get(i)));
            }
            List<Workload> placed = this.orders.placeAll(orders, ServiceType.CONTAINER);
            List<Long> saved = new ArrayList<>();
            String terminalHash = terminalHash(settings, valid);
            for (int i = 0; i < placed.size(); i++) {
                saved.add(insertContainer(settings.named(names.get(i)), valid, placed.get(i), terminalHash));
                if (workloads.nameTaken(ContainerRepository.KIND, settings.projectId(), names.get(i),
                        placed.get(i).id())) {
                    throw new InvalidInput("name", "container.name.taken", names.get(i));
                }
            }
            return saved;
        });
        // Not settled here one by one, as a single create is: the reconciler's worker takes them up once committed,
        // and the manager watches them move on the list instead of waiting for every start.
        return ids.stream().map(id -> repository.find(id).orElseThrow()).toList();
    }

    /**
     * Checks a form as {@link #create} (or, for a batch, {@link #createBatch}) would, without creating anything: the
     * create form checks each step with it before the next.
     */
    @Transactional(readOnly = true)
    public void validate(ContainerForm form, boolean batch) {
        check(form, CurrentUser.get().orElseThrow(), batch);
    }

    /** Whether the signed-in user may create a batch in the project: its managers may. */
    @Transactional(readOnly = true)
    public boolean canCreateBatch(long projectId) {
        return projects.myRole(projectId).orElse(null) == ProjectRole.MANAGER;
    }

    /** The members of a project a batch may be created for, for its managers. */
    @Transactional(readOnly = true)
    public List<UserRef> batchMembers(long projectId) {
        if (projects.myRole(projectId).orElse(null) != ProjectRole.MANAGER) {
            throw new NotAllowed("container.batch.managers-only");
        }
        return users.refs(projects.members(projectId).stream().map(io.gantry.project.Member::userId).toList());
    }

    /** Orders the container's workload and saves the container, in the caller's transaction. */
    private long insert(ContainerForm form, Checked checked, long ownerId) {
        Workload workload = orders.place(newWorkload(form, checked, ownerId), ServiceType.CONTAINER);
        return insertContainer(form, checked, workload, terminalHash(form, checked));
    }

    /** The web terminal password's hash, where the image offers a terminal; one per batch, bcrypt being slow. */
    private String terminalHash(ContainerForm form, Checked checked) {
        return checked.image.offersTerminal() ? passwords.encode(form.terminalPassword()) : null;
    }

    private NewWorkload newWorkload(ContainerForm form, Checked checked, long ownerId) {
        RunWindow window = form.window();
        return new NewWorkload(ContainerRepository.KIND, form.projectId(), ownerId,
                form.name().strip(), checked.image.id(), checked.image.reference(),
                checked.image.custom() == null ? null : checked.image.custom().savedFiles(),
                checked.image.localEnvironment(), checked.spec.id(), form.totalDevices(), checked.flavor.cpuCores(),
                checked.flavor.memoryMib(), window.start() == RunWindow.Start.AT ? window.startAt() : null,
                window.end() == RunWindow.End.AT ? window.endAt() : null,
                window.end() == RunWindow.End.AFTER_HOURS ? window.endAfterHours() : null, form.nodes());
    }

    private long insertContainer(ContainerForm form, Checked checked, Workload workload, String terminalHash) {
        ContainerRecord draft = new ContainerRecord();
        draft.setWorkloadId(workload.id());
        draft.setSharedMemoryMib(form.sharedMemoryMib().longValue());
        draft.setLoginMethod(checked.image.loginMethod().name());
        if (checked.image.offersSsh() && checked.image.loginMethod() == LoginMethod.PASSWORD) {
            draft.setSshPasswordEncrypted(secrets.encrypt(form.sshPassword()));
        }
        draft.setTerminalPasswordHash(terminalHash);
        if (checked.image.offersJupyter()) {
            draft.setJupyterTokenEncrypted(secrets.encrypt(HexFormat.of().formatHex(token())));
        }
        draft.setOffersSsh(checked.image.offersSsh());
        draft.setOffersJupyter(checked.image.offersJupyter());
        draft.setOffersTerminal(checked.image.offersTerminal());
        draft.setWhitelistId(form.allowAll() ? null : form.whitelistId());
        draft.setDescription(form.description() == null || form.description().isBlank() ? null
                : form.description().strip());
        long saved = repository.insert(draft);
        for (SshKey key : checked.keys) {
            repository.insertKey(saved, key.id(), key.publicKey());
        }
        operationLog.record("container.create", "container:" + saved, "oplog.details.container",
                form.name().strip(), checked.image.reference(), form.totalDevices(), checked.spec.name());
        return saved;
    }

    private byte[] token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return bytes;
    }

    private record Checked(FrameworkImage image, AcceleratorSpec spec, Flavor flavor, List<SshKey> keys) {
    }

    /**
     * Checks a form as {@link #create} takes it; for a batch, the name is the start of each copy's name (checked per
     * copy by the caller) and the owners are others, whose keys the signed-in user cannot choose.
     */
    private Checked check(ContainerForm form, SignedInUser me, boolean batch) {
        InvalidInput.Collector problems = InvalidInput.collect().check("name", Names.problem(form.name()));
        if (form.name() == null || form.name().isBlank()) {
            problems.add("name", "field.required");
        } else if (form.name().strip().length() > NAME_MAX) {
            problems.add("name", "field.too-long", NAME_MAX);
        }
        if (form.description() != null && form.description().strip().length() > ContainerForm.DESCRIPTION_MAX) {
            problems.add("description", "field.too-long", ContainerForm.DESCRIPTION_MAX);
        }
        if (form.projectId() == null) {
            problems.add("project", "field.required");
        } else if (projects.myRole(form.projectId()).isEmpty()) {
            throw new NotFound("project");
        } else {
            projects.requireOpen(form.projectId());
            if (!batch && !problems.has("name")
                    && workloads.nameTaken(ContainerRepository.KIND, form.projectId(), form.name(), null)) {
                problems.add("name", "container.name.taken", form.name().strip());
            }
        }
        FrameworkImage image = null;
        AcceleratorSpec spec = null;
        Flavor flavor = null;
        if (form.projectId() != null) {
            // The image, spec, devices, nodes, flavor and shared memory, checked as every kind of work checks them.
            WorkSettings.Checked shared = settings.check(new WorkSettings.Choice(form.projectId(), form.specId(),
                    form.devices(), form.nodes(), form.flavorId(), form.sharedMemoryMib(), form.imageId()), me.id(),
                    me.has(Permission.IMAGES_USE), problems);
            image = shared.image();
            spec = shared.spec();
            flavor = shared.flavor();
        } else {
            if (form.imageId() == null) {
                problems.add("image", "field.required");
            }
            if (form.specId() == null) {
                problems.add("spec", "field.required");
            }
        }
        List<SshKey> chosenKeys = List.of();
        if (image != null && image.offersSsh()) {
            if (image.loginMethod() == LoginMethod.KEY) {
                if (batch) {
                    // Keys are their owners' own: a manager cannot choose members' keys for them.
                    problems.add("image", "container.batch.key-image");
                } else {
                    List<SshKey> mine = keys.mine();
                    chosenKeys = mine.stream().filter(k -> form.keyIds().contains(k.id())).toList();
                    if (form.keyIds().isEmpty()) {
                        problems.add("keys", "container.keys.required");
                    } else if (chosenKeys.size() != form.keyIds().size()) {
                        // Deleted (in another tab, say) after the form was loaded.
                        problems.add("keys", "container.keys.gone");
                    }
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
            } else if (whitelists.mine().stream().noneMatch(w -> w.id() == form.whitelistId())) {
                // Deleted (in another tab, say) after the form was loaded, or never the user's.
                problems.add("whitelist", "container.whitelist.gone");
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

    /** The most nodes one distributed container of a spec can be placed on: the spec's nodes that take work. */
    int mostNodes(long specId) {
        return settings.mostNodes(specId);
    }

    /**
     * What the create form shows beside its fields as the user chooses (quota left, balance, cost per hour, whether
     * it would start now), for a member of the form's project. Parts the form does not tell yet are null: no spec, no
     * quota; no devices or flavor, no cost or start. {@code copies} is how many containers it would create (a batch).
     */
    @Transactional(readOnly = true)
    public CreateEstimate estimate(ContainerForm form, int copies) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (form.projectId() == null || projects.myRole(form.projectId()).isEmpty()) {
            throw new NotFound("project");
        }
        long projectId = form.projectId();
        Money balance = wallets.balance(projectId);
        if (form.specId() == null) {
            return new CreateEstimate(null, null, balance, null, null, null);
        }
        AcceleratorSpec spec = cluster.spec(form.specId());
        int quota = projects.quotas(projectId).stream().filter(q -> q.specId() == spec.id())
                .mapToInt(Quota::devices).findFirst().orElse(0);
        int held = brokerRequests.held(projectId, spec.id());
        Flavor flavor = form.flavorId() == null ? null : cluster.flavors(spec.id()).stream()
                .filter(f -> f.id() == form.flavorId()).findFirst().orElse(null);
        if (form.devices() == null || flavor == null || form.nodes() < 1) {
            return new CreateEstimate(quota, Math.max(0, quota - held), balance, null, null, null);
        }
        HourlyRate one = orders.estimate(spec.id(), form.totalDevices(), flavor.cpuCores() * form.nodes(),
                flavor.memoryMib() * form.nodes());
        HourlyRate perHour = new HourlyRate(one.perHour().multiply(java.math.BigDecimal.valueOf(Math.max(1, copies))),
                one.currency());
        RunWindow window = form.window();
        java.time.Instant now = clock.instant();
        if (window.start() == RunWindow.Start.AT && window.startAt() != null && window.startAt().isAfter(now)) {
            return new CreateEstimate(quota, Math.max(0, quota - held), balance, perHour, null, window.startAt());
        }
        Integer hours = window.end() == RunWindow.End.AFTER_HOURS ? window.endAfterHours()
                : window.end() == RunWindow.End.AT && window.endAt() != null
                ? (int) Math.max(1, java.time.Duration.between(now, window.endAt()).plusMinutes(59).toHours())
                : null;
        BrokerRequests.Preview preview = brokerRequests.preview(me.id(), new RequestForm(projectId, spec.id(),
                form.nodes(), form.devices(), flavor.cpuCores(), flavor.memoryMib(), 0, false, hours, "preview"));
        return new CreateEstimate(quota, Math.max(0, quota - held), balance, perHour, preview, null);
    }

    /**
     * What the create form shows beside its fields.
     *
     * @param quota the project's quota of the chosen spec; null before one is chosen
     * @param quotaLeft what of it the project's running work does not hold now
     * @param perHour what it would cost per hour (all copies of a batch); null until devices and flavor are chosen
     * @param preview what the broker would do with it now; null until it can tell, or for a later start
     * @param startsAt the chosen later start, when it waits for that instead
     */
    public record CreateEstimate(Integer quota, Integer quotaLeft, Money balance, HourlyRate perHour,
                                 BrokerRequests.Preview preview, java.time.Instant startsAt) {
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
        List<ContainerOptions.SpecChoice> specs = settings.specs(projectId).stream()
                .map(offer -> new ContainerOptions.SpecChoice(offer.spec(), offer.counts(), offer.most(),
                        offer.perUserLimited(), offer.flavors())).toList();
        return new ContainerOptions(project, specs, cluster.images(), usableCustomImages(projectId), keys.mine(),
                whitelists.mine());
    }

    /**
     * The most devices of a spec one container of the project can ever get: the project's quota of the spec, or the
     * per-user maximum where that is lower (what the broker refuses outright, not what happens to be free now).
     */
    public int mostDevices(long projectId, long specId) {
        return settings.mostDevices(projectId, specId);
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
        Container container = stoppable(id);
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
                running ? whileReachable(() -> runtime.metrics(container.runtimeId()), Optional.empty())
                        : Optional.empty(),
                whileReachable(() -> runtime.tail(container.runtimeId(), Math.min(Math.max(logLines, 1),
                        LOG_LINES_MAX)), List.of()), explanation, events);
    }

    /**
     * What the runtime says, or {@code none} while it cannot be asked (a cluster's API unreachable): a page shows the
     * container from its record then, without its live output, usage or addresses, rather than failing to open.
     */
    private <T> T whileReachable(java.util.function.Supplier<T> read, T none) {
        try {
            return read.get();
        } catch (WorkloadRuntime.Unavailable e) {
            log.debug("The runtime could not be asked: {}", e.getMessage());
            return none;
        }
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
        return settings.customImages(projectId, me.id(), me.has(Permission.IMAGES_USE));
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

    /** Whether the signed-in user may stop this container: those who may operate it, and platform admins. */
    @Transactional(readOnly = true)
    public boolean canStop(long id) {
        return seen(id).stoppable();
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
        List<Endpoint> endpoints = whileReachable(() -> runtime.endpoints(container.runtimeId()), List.of());
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
        return container.state() == Phase.RUNNING
                ? whileReachable(() -> runtime.metrics(container.runtimeId()), Optional.empty()) : Optional.empty();
    }

    public List<String> tail(long id, int lines) {
        String runtimeId = visible(id).runtimeId();
        return whileReachable(() -> runtime.tail(runtimeId, Math.min(Math.max(lines, 1), LOG_LINES_MAX)), List.of());
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
        SavedImage saved;
        try {
            saved = runtime.saveImage(container.runtimeId(), form.imageName().strip(), form.tag().strip());
        } catch (WorkloadRuntime.Refused refused) {
            // This runtime does not save images (a cluster without an image builder): said in its own words, with
            // nothing saved, since the image's record is only written below.
            throw new NotAllowed(refused.reason(), refused.arguments().toArray());
        }
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

    // --- The container list and detail: rows, start again, delete several, upload, monitoring history ---

    /** Uploads above this go over SCP/SFTP instead, which the container's SSH server offers. */
    public static final long UPLOAD_MAX_BYTES = 500L * 1000 * 1000;

    /**
     * A page of the list as {@link #list(long, ContainerFilter, List, int, int)} reads it, with each container's
     * framework, why a queued one waits (the broker's explanation, as the queue pages give it) and whether the viewer
     * may operate it.
     */
    @Transactional(readOnly = true)
    public List<ContainerRow> rows(long projectId, ContainerFilter filter, List<ListSort> sort, int offset,
                                   int limit) {
        List<Container> page = list(projectId, filter, sort, offset, limit);
        SignedInUser me = CurrentUser.get().orElseThrow();
        boolean operatesAll = projects.canManage(projectId);
        java.util.Map<Long, String> frameworks = settings.frameworks(projectId, me.id());
        return page.stream().map(c -> {
            Explanation waits = null;
            if (c.state() == Phase.QUEUED && c.brokerRequestId() != null) {
                QueuedRequest request = brokerRequests.request(c.brokerRequestId());
                if (request.status() == RequestStatus.QUEUED) {
                    waits = request.explanation();
                }
            }
            return new ContainerRow(c, frameworks.getOrDefault(c.imageId(), c.imageReference()), waits,
                    operatesAll || c.userId() == me.id());
        }).toList();
    }

    /**
     * Starts a stopped container again: a new container with the same settings (its image, devices, flavor, shared
     * memory, sign-in, whitelist and run hours, its end time while that is still ahead) for the same owner, ordered as
     * {@link #create} orders, so the wallet, the approval threshold and the broker apply as they do now. The stopped
     * one stays as it is, its own files with it; the owner's workspace is the same in both.
     */
    public Container startAgain(long id) {
        Container stopped = operable(id);
        if (stopped.state() != Phase.STOPPED) {
            throw new NotAllowed("container.start-again.not-stopped");
        }
        projects.requireOpen(stopped.projectId());
        FrameworkImage image = customImages.usableIn(stopped.projectId(), stopped.imageId(), stopped.userId());
        AcceleratorSpec spec = cluster.spec(stopped.specId());
        if (!spec.allows(stopped.devices()) || stopped.devices() > mostDevices(stopped.projectId(), spec.id())) {
            throw new NotAllowed("container.start-again.devices", stopped.devices(), spec.name());
        }
        if (stopped.whitelistId() != null && !access.whitelistKept(stopped.whitelistId())) {
            throw new NotAllowed("container.start-again.whitelist-gone");
        }
        Workload before = workloads.find(stopped.workloadId()).orElseThrow();
        // Its hours count again from the new start; a chosen end time is kept only while it is still ahead.
        java.time.Instant endAt = before.runHours() == null && before.endAt() != null
                && before.endAt().isAfter(clock.instant()) ? before.endAt() : null;
        ContainerRecord old = repository.record(id).orElseThrow();
        long newId = transaction.execute(status -> {
            Workload workload = orders.place(new NewWorkload(ContainerRepository.KIND, stopped.projectId(),
                    stopped.userId(), stopped.name(), image.id(), image.reference(),
                    image.custom() == null ? null : image.custom().savedFiles(), image.localEnvironment(), spec.id(),
                    stopped.devices(), stopped.cpuCores(), stopped.memoryMib(), null, endAt, before.runHours()),
                    ServiceType.CONTAINER);
            ContainerRecord draft = old.copy();
            draft.setWorkloadId(workload.id());
            if (Boolean.TRUE.equals(old.getOffersJupyter())) {
                draft.setJupyterTokenEncrypted(secrets.encrypt(HexFormat.of().formatHex(token())));
            }
            long saved = repository.insert(draft);
            repository.copyKeys(id, saved);
            operationLog.record("container.start-again", ContainerRepository.logTarget(saved),
                    "oplog.details.started-again", stopped.name(), ContainerRepository.logTarget(id));
            return saved;
        });
        workloads.settle(repository.record(newId).orElseThrow().getWorkloadId());
        return container(newId);
    }

    /**
     * Deletes several containers at once: every one must be one the signed-in user may operate, or none is deleted.
     *
     * @return the names of the containers deleted, in the order given
     */
    public List<String> deleteSeveral(java.util.Collection<Long> ids) {
        List<Container> chosen = ids.stream().distinct().map(this::operable).toList();
        for (Container container : chosen) {
            if (workloads.delete(container.workloadId())) {
                record("container.delete", container);
            }
        }
        chosen.forEach(c -> workloads.settle(c.workloadId()));
        return chosen.stream().map(Container::name).toList();
    }

    /**
     * Writes an uploaded file into the container owner's workspace through the runtime, for those who may operate
     * it. Refused on the field {@code file} when its name is not a plain relative one (no {@code ..}, no absolute
     * path) or when it is larger than {@link #UPLOAD_MAX_BYTES}, whether it says so beforehand or turns out to be.
     *
     * @param declaredBytes the size the browser announced, or negative when it did not
     * @return the bytes written
     */
    public long upload(long id, String fileName, long declaredBytes, InputStream content) {
        return upload(id, fileName, declaredBytes, content, UPLOAD_MAX_BYTES);
    }

    long upload(long id, String fileName, long declaredBytes, InputStream content, long maxBytes) {
        Container container = operable(id);
        io.gantry.runtime.WorkspacePath.Result name = io.gantry.runtime.WorkspacePath.parse(fileName);
        if (name.path().isEmpty()) {
            throw new InvalidInput("file", name.problem());
        }
        if (declaredBytes > maxBytes) {
            throw new InvalidInput("file", "container.upload.too-large", maxBytes / 1_000_000);
        }
        long written;
        try {
            written = runtime.writeToWorkspace(Long.toString(container.userId()), name.path().get(), content,
                    maxBytes);
        } catch (WorkloadRuntime.TooLarge e) {
            throw new InvalidInput("file", "container.upload.too-large", maxBytes / 1_000_000);
        } catch (IOException e) {
            throw new InvalidInput("file", "container.upload.failed", String.valueOf(e.getMessage()));
        }
        log("container.upload", id, "oplog.details.uploaded", name.path().get().toString(), written);
        return written;
    }

    /**
     * How to copy files larger than an upload takes into a running container's workspace, over its SSH server; empty
     * where it does not run or has no SSH, or while its runtime cannot be asked.
     */
    public Optional<FileTransfer> fileTransfer(long id) {
        Container container = visible(id);
        if (container.state() != Phase.RUNNING || !container.offersSsh()) {
            return Optional.empty();
        }
        return whileReachable(() -> runtime.endpoints(container.runtimeId()), List.<Endpoint>of()).stream()
                .filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst().map(e -> {
                    String login = access.loginName(container) + "@" + e.host();
                    return new FileTransfer("scp -P " + e.port() + " FILE " + login + ":Workspace/",
                            "sftp -P " + e.port() + " " + login);
                });
    }

    /**
     * @param scp copies a file (the word {@code FILE} stands for it) into the workspace
     * @param sftp opens an SFTP session in the container's home, whose {@code Workspace} is the workspace
     */
    public record FileTransfer(String scp, String sftp) {
    }

    /**
     * The last hour of a container's usage as sampled by the replica that runs it, oldest first, for whoever may see
     * the container; the same on every replica.
     */
    @Transactional(readOnly = true)
    public List<MetricSample> metricHistory(long id) {
        return repository.metricHistory(visible(id).id(), clock.instant().minus(ContainerMetricSampler.KEPT));
    }

    private Container visible(long id) {
        return seen(id).container();
    }

    /**
     * A container the signed-in user may see, and what they may do with it, from one look at their role.
     *
     * @param operable may stop and delete it and open its terminal
     * @param stoppable may stop it
     */
    private record Seen(Container container, boolean owner, boolean operable, boolean stoppable) {

        Seen(Container container, boolean owner, boolean operable) {
            this(container, owner, operable, operable);
        }
    }

    private Seen seen(long id) {
        Container container = repository.find(id).filter(c -> c.state() != Phase.DELETED)
                .orElseThrow(() -> new NotFound("container"));
        SignedInUser me = CurrentUser.get().orElseThrow();
        if (container.userId() == me.id()) {
            return new Seen(container, true, true);
        }
        Optional<ProjectRole> role = projects.myRole(container.projectId());
        if (isAdmin(me)) {
            return new Seen(container, false, role.isPresent() && role.get() == ProjectRole.MANAGER, true);
        }
        if (role.isPresent() && role.get() == ProjectRole.MANAGER) {
            return new Seen(container, false, true);
        }
        // Only the one setting is read, not the project's whole overview (quotas, members, what runs).
        if (role.isPresent() && projectLimits.limits(container.projectId()).membersSeeAll()) {
            return new Seen(container, false, false);
        }
        throw new NotFound("container");
    }

    private Container stoppable(long id) {
        Seen seen = seen(id);
        if (!seen.stoppable()) {
            throw new NotAllowed("container.operate.not-allowed");
        }
        return seen.container();
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
