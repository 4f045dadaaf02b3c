package io.gantry.container;

import io.gantry.billing.Wallets;
import io.gantry.Needs;
import io.gantry.workload.Phase;
import io.gantry.workload.RuntimeInstance;
import io.gantry.workload.RunWindow;
import io.gantry.workload.WorkloadReconciler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.network.GeneratedKey;
import io.gantry.network.KeyAlgorithm;
import io.gantry.network.Protocol;
import io.gantry.network.SshKeyService;
import io.gantry.network.RuleForm;
import io.gantry.network.WhitelistForm;
import io.gantry.network.WhitelistService;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.Access;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.local.OpenSshClient;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Containers against the database, the broker and the local runtime for real; run on H2 and on PostgreSQL. */
abstract class ContainerServiceContract {

    static final String PASSWORD = "Container-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    WorkloadReconciler reconciler;
    @Autowired
    BrokerService broker;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;
    @Autowired
    WhitelistService whitelists;
    @Autowired
    SshKeyService sshKeys;
    @Autowired
    WorkloadRuntime runtime;
    @Autowired
    io.gantry.runtime.JupyterRoutes jupyterRoutes;
    @Autowired
    DSLContext db;
    @Autowired
    CustomImageStore customImages;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    FrameworkImage passwordImage;
    long flavorId;
    long projectId;
    String owner;
    long ownerId;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        flavorId = fixture.flavor().id();
        passwordImage = fixture.image();
        WorkloadFixture.OwnedProject project = fixture.ownedProject("ct", 4);
        projectId = project.id();
        owner = project.owner();
        ownerId = project.ownerId();
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        fixture.stopLiveContainers(projectId);
        accounts.signOut();
    }

    ContainerForm form(String name, int devices) {
        return fixture.form(projectId, name, devices, 64, null);
    }

    /** A running one-device container whose whitelist lets in 10.0.0.0/8 only. */
    Container runningBehindTenSlashEight(String whitelistPrefix, String name) {
        long onlyTen = whitelists.create(new WhitelistForm(whitelistPrefix + owner, null,
                List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null, null))));
        return running(containers.create(new ContainerForm(projectId, name, passwordImage.id(), spec.id(), 1,
                flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, onlyTen, false)));
    }

    Container running(Container created) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> containers.container(created.id()).state()
                == Phase.RUNNING);
        return containers.container(created.id());
    }

    @Test
    void a_created_container_is_placed_started_with_its_devices_and_offers_ssh_and_the_terminal() {
        Container container = running(containers.create(form("dev-1", 2)));

        assertThat(container.deviceIndexes()).hasSize(2);
        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.PLACED);
        ContainerService.Connection connection = containers.connection(container.id());
        assertThat(connection.sshCommand()).matches("ssh " + owner + "@127\\.0\\.0\\.1 -p \\d+");
        assertThat(connection.terminal()).isTrue();
        assertThat(containers.events(container.id())).extracting(ContainerEvent::state)
                .containsExactly(Phase.QUEUED, Phase.CREATING, Phase.RUNNING);
    }

    @Test
    void the_real_ssh_client_signs_in_with_a_key_gantry_generated_and_gets_a_pty(@TempDir Path keys)
            throws Exception {
        GeneratedKey generated = sshKeys.generate("laptop", KeyAlgorithm.ED25519);
        Path identity = keys.resolve("id_ed25519");
        Files.writeString(identity, generated.privateKey());
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        FrameworkImage keyImage = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-key"))
                .findFirst().orElseThrow();
        Container container = running(containers.create(new ContainerForm(projectId, "keyed", keyImage.id(),
                spec.id(), 1, flavorId, 0, Set.of(generated.key().id()), null, TERMINAL_PASSWORD, null, true)));
        String command = containers.connection(container.id()).sshCommand();
        int port = Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));

        OpenSshClient.Result login = OpenSshClient.withKey(identity, owner, port).ssh(List.of("-tt"),
                "tty; echo $GANTRY_WORKLOAD");

        // Inside the sandbox too, the terminal has a name: the sandbox's own, relayed to Gantry's.
        assertThat(login.exitCode()).as(login.errors()).isZero();
        assertThat(login.output()).contains("/dev/pts/").contains(container.runtimeId());
        assertThat(sshKeys.runningWorkloadsUsing(generated.key().id())).containsExactly("keyed");
        OpenSshClient.Result stranger = OpenSshClient.withPassword(PASSWORD, owner, port).ssh(List.of(), "true");
        assertThat(stranger.exitCode()).as("a password is not accepted where the image signs in with keys")
                .isNotZero();
    }

    @Test
    void stopping_ends_the_workload_and_gives_the_devices_back() {
        Container container = running(containers.create(form("dev-2", 1)));

        containers.stop(container.id());

        Container stopped = containers.container(container.id());
        assertThat(stopped.state()).isEqualTo(Phase.STOPPED);
        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(runtime.inspect(container.runtimeId()).state().isLive()).isFalse();
        assertThat(containers.connection(container.id()).sshCommand()).isNull();
    }

    @Test
    void an_invalid_form_is_refused_per_field_and_saves_nothing() {
        int before = containers.count(projectId, null);
        ContainerForm bad = new ContainerForm(projectId, " ", passwordImage.id(), spec.id(), 3, flavorId, 64,
                Set.of(), "short", "", null, false);

        assertThatThrownBy(() -> containers.create(bad)).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder("name", "devices",
                        "sshPassword", "terminalPassword", "whitelist"));
        assertThat(containers.count(projectId, null)).isEqualTo(before);
    }

    @Test
    void passwords_too_long_for_safe_storage_are_refused_on_their_fields() {
        String tooLong = "x".repeat(ContainerService.PASSWORD_MAX + 1);
        ContainerForm form = new ContainerForm(projectId, "long", passwordImage.id(), spec.id(), 1, flavorId, 0,
                Set.of(), tooLong, tooLong, null, true);

        assertThatThrownBy(() -> containers.create(form)).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey()).containsExactlyInAnyOrder(
                        "sshPassword:field.too-long", "terminalPassword:field.too-long"));
    }

    @Test
    void names_with_control_characters_are_refused_on_the_name_field() {
        ContainerForm form = new ContainerForm(projectId, "nb\u202Egpj", passwordImage.id(), spec.id(), 1, flavorId, 0,
                Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true);

        assertThatThrownBy(() -> containers.create(form)).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("name:field.control-characters"));
    }

    /**
     * What a cluster's runtime is given for a container: the node the broker chose and the spec's selector, resource
     * and device count, the project's quota, the private registry's sign-in, the whitelist as rules (ANY as TCP and
     * UDP) and the terminal's password hash; a container without a whitelist or registry gets neither.
     */
    @Test
    void the_spec_names_its_placement_quota_pull_credentials_ingress_rules_and_terminal_hash() {
        accounts.signInAsAdmin();
        long registryId = cluster.createRegistry("reg-" + owner, "https://registry.example.org:5000", "puller",
                "Pull-Secret-1");
        long privateImage = cluster.saveImage(null, new FrameworkImage(0,
                "registry.example.org/team/" + owner.toLowerCase(java.util.Locale.ROOT), "3", registryId, passwordImage.loginMethod(), true, false, true, false,
                passwordImage.localEnvironment(), null));
        accounts.signInAs(owner);
        long rules = whitelists.create(new WhitelistForm("k8s-" + owner, null, List.of(
                new RuleForm("10.0.0.0/8", Protocol.TCP, "22", null),
                new RuleForm("192.168.0.0/16", Protocol.ANY, null, null))));
        Container behind = running(containers.create(new ContainerForm(projectId, "placed", privateImage, spec.id(),
                1, flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, rules, false)));
        Container open = running(containers.create(form("open", 0)));
        accounts.signInAsAdmin();
        ContainerAccess access = context.getBean(ContainerAccess.class);
        io.gantry.workload.Workloads workloads = context.getBean(io.gantry.workload.Workloads.class);

        WorkloadSpec placed = access.workloadSpec(behind, workloads.find(behind.workloadId()).orElseThrow());

        String nodeName = cluster.nodes().stream().filter(n -> n.id() == behind.nodeId()).findFirst().orElseThrow()
                .name();
        List<Flavor> flavors = cluster.flavors(spec.id());
        int largestCpu = flavors.stream().mapToInt(Flavor::cpuCores).max().orElseThrow();
        long largestMemory = flavors.stream().mapToLong(Flavor::memoryMib).max().orElseThrow();
        assertThat(placed.placement()).isEqualTo(new WorkloadSpec.Placement(nodeName,
                java.util.Map.of("accelerator", "nvidia-a100-80g"), "nvidia.com/gpu", 1,
                new WorkloadSpec.ProjectQuota(java.util.Map.of("nvidia.com/gpu", 4), 5 * largestCpu,
                        5 * largestMemory)));
        assertThat(placed.longestRun()).as("a container runs until stopped").isNull();
        assertThat(placed.image().pull()).isEqualTo(new WorkloadSpec.PullCredentials("registry.example.org:5000",
                "puller", "Pull-Secret-1"));
        assertThat(placed.access().ingress()).containsExactly(
                new Access.IngressRule("10.0.0.0/8", "TCP", 22, 22),
                new Access.IngressRule("192.168.0.0/16", "TCP", 1, 65535),
                new Access.IngressRule("192.168.0.0/16", "UDP", 1, 65535));
        String hash = db.select(io.gantry.db.Tables.CONTAINER.TERMINAL_PASSWORD_HASH).from(io.gantry.db.Tables.CONTAINER)
                .where(io.gantry.db.Tables.CONTAINER.ID.eq(behind.id())).fetchOne().value1();
        assertThat(placed.access().terminalPasswordHash()).isNotBlank().isEqualTo(hash)
                .isNotEqualTo(TERMINAL_PASSWORD);

        WorkloadSpec plain = access.workloadSpec(open, workloads.find(open.workloadId()).orElseThrow());
        assertThat(plain.access().ingress()).as("no whitelist: anyone, no NetworkPolicy").isNull();
        assertThat(plain.image().pull()).as("a public image").isNull();
        assertThat(plain.placement().deviceCount()).isZero();
        assertThat(plain.placement().deviceResource()).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void only_the_owner_reaches_jupyter_and_ssh_whitelist_rules_name_port_22() throws Exception {
        long office = whitelists.create(new WhitelistForm("ssh-" + owner, null,
                List.of(new RuleForm("127.0.0.1/32", Protocol.TCP, "22", null))));
        Container container = running(containers.create(new ContainerForm(projectId, "nb", passwordImage.id(),
                spec.id(), 1, flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, office, false)));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (Needs.optional(Needs.Tool.JUPYTER)) {
            await().pollInSameThread().atMost(Duration.ofSeconds(60))
                    .until(() -> containers.jupyter(container.id(), loopback).isPresent());
        }
        String command = containers.connection(container.id()).sshCommand();
        int port = Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));
        assertThat(OpenSshClient.withPassword(PASSWORD, owner, port).ssh(List.of(), "true").exitCode())
                .as("a rule for port 22 lets SSH in on whatever host port it listens").isZero();

        accounts.signInAsAdmin();
        String manager = TestAccounts.uniqueName("mg");
        long managerId = accounts.create(manager, PresetRole.USER);
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        accounts.signInAs(manager);

        assertThat(containers.canOperate(container.id())).isTrue();
        assertThat(containers.jupyter(container.id(), loopback)).isEmpty();
        assertThat(containers.connection(container.id()).jupyterPath()).isNull();
    }

    @Test
    void the_jupyter_host_lets_in_only_the_owner_named_by_the_ticket_while_the_container_runs() throws Exception {
        Needs.tool(Needs.Tool.JUPYTER);
        long localOnly = whitelists.create(new WhitelistForm("nb-" + owner, null,
                List.of(new RuleForm("127.0.0.1/32", Protocol.TCP, null, null))));
        Container container = running(containers.create(new ContainerForm(projectId, "nb-host", passwordImage.id(),
                spec.id(), 1, flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, localOnly, false)));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        await().pollInSameThread().atMost(Duration.ofSeconds(60))
                .until(() -> containers.jupyter(container.id(), loopback).isPresent());
        accounts.signInAsAdmin();
        String manager = TestAccounts.uniqueName("mg");
        long managerId = accounts.create(manager, PresetRole.USER);
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        accounts.signInAs(owner);
        String workload = container.runtimeId();

        assertThat(jupyterRoutes.holder(workload, loopback)).contains(Long.toString(ownerId));
        accounts.signInAs(manager);
        assertThat(jupyterRoutes.holder(workload, loopback)).as("a manager gets no ticket").isEmpty();
        accounts.signOut();

        // On the Jupyter host nobody is signed in: the holder the ticket names is checked, every time.
        assertThat(jupyterRoutes.route(workload, Long.toString(ownerId), loopback)).isPresent();
        assertThat(jupyterRoutes.route(workload, Long.toString(managerId), loopback)).isEmpty();
        assertThat(jupyterRoutes.route(workload, Long.toString(ownerId), InetAddress.getByName("10.9.8.7")))
                .as("outside the whitelist").isEmpty();
        assertThat(jupyterRoutes.route("container-" + (container.id() + 1000), Long.toString(ownerId), loopback))
                .isEmpty();
        accounts.signInAs(owner);
        containers.stop(container.id());
        accounts.signOut();
        assertThat(jupyterRoutes.route(workload, Long.toString(ownerId), loopback)).as("once stopped").isEmpty();
        accounts.signInAs(owner);
    }

    @Test
    void a_count_over_the_quota_or_the_per_user_maximum_is_refused_on_its_field_and_creates_nothing() {
        assertThatThrownBy(() -> containers.create(form("too-big", 8)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey() + ":" + List.of(p.arguments()))
                        .containsExactly("devices:container.devices.over-quota:[8, " + spec.name() + ", 4]"));
        assertThat(containers.mostDevices(projectId, spec.id())).isEqualTo(4);

        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        projects.update(projectId, new io.gantry.project.ProjectForm(project.name(), null, project.startDate(),
                project.endDate(), project.limits(), List.of(new Quota(spec.id(), 4, 2))));
        accounts.signInAs(owner);
        assertThat(containers.mostDevices(projectId, spec.id())).isEqualTo(2);
        assertThatThrownBy(() -> containers.create(form("over-per-user", 4)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey() + ":" + List.of(p.arguments()))
                        .containsExactly("devices:container.devices.over-quota:[4, " + spec.name() + ", 2]"));
        assertThat(containers.count(projectId, null)).isZero();
    }

    @Test
    void a_request_the_broker_refuses_fails_with_its_refusal_which_the_container_tells() {
        // A project that caps each job's hours refuses a container, which asks for no end.
        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        var limits = project.limits();
        projects.update(projectId, new io.gantry.project.ProjectForm(project.name(), null, project.startDate(),
                project.endDate(), new io.gantry.project.ProjectLimits(limits.maxUsers(), 1,
                limits.containerMaxHours(), limits.idleReclaimHours(), limits.approvalThreshold(),
                limits.membersSeeAll()), projects.quotas(projectId)));
        accounts.signInAs(owner);

        Container container = containers.create(form("refused", 1));

        assertThat(container.state()).isEqualTo(Phase.FAILED);
        assertThat(container.reason()).isEqualTo("workload.reason.refused");
        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.REFUSED);
        assertThat(containers.deviceRequest(container.id())).hasValueSatisfying(r -> assertThat(
                r.explanation().reason()).isEqualTo(io.gantry.broker.Explanation.Reason.OVER_MAX_HOURS));
    }

    @Test
    void a_member_who_sees_all_containers_reads_why_anothers_waits() {
        Container whole = running(containers.create(form("whole", 4)));
        Container waiting = containers.create(form("waiting", 1));
        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        var limits = project.limits();
        projects.update(projectId, new io.gantry.project.ProjectForm(project.name(), null, project.startDate(),
                project.endDate(), new io.gantry.project.ProjectLimits(limits.maxUsers(), limits.maxJobHours(),
                limits.containerMaxHours(), limits.idleReclaimHours(), limits.approvalThreshold(), true),
                projects.quotas(projectId)));
        String member = TestAccounts.uniqueName("mb");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        accounts.signInAs(member);

        // The request is the owner's: the broker would not show it to the member directly.
        assertThatThrownBy(() -> broker.request(waiting.brokerRequestId())).isInstanceOf(NotFound.class);
        assertThat(containers.deviceRequest(waiting.id())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.QUEUED);
            assertThat(r.explanation().reason())
                    .isEqualTo(io.gantry.broker.Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);
        });
        accounts.signInAs(owner);
        containers.stop(whole.id());
    }

    @Test
    void the_list_sorts_in_the_database_filters_by_state_and_owner_and_refuses_other_columns() {
        accounts.signInAsAdmin();
        String member = TestAccounts.uniqueName("mb");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);
        // The first holds the project's whole quota, so the two after it wait in the queue.
        accounts.signInAs(owner);
        Container live = running(containers.create(form("sort-a", 4)));
        accounts.signInAs(member);
        containers.create(form("sort-b", 1));
        accounts.signInAs(owner);
        containers.create(form("sort-c", 2));
        List<ListSort> byName = List.of(ListSort.ascending("name"));

        // The administrator sees every container of the project.
        accounts.signInAsAdmin();
        assertThat(containers.list(projectId, ContainerFilter.NONE, byName, 0, 10)).extracting(Container::name)
                .containsExactly("sort-a", "sort-b", "sort-c");
        assertThat(containers.list(projectId, ContainerFilter.NONE, List.of(ListSort.descending("name")), 0, 10))
                .extracting(Container::name).containsExactly("sort-c", "sort-b", "sort-a");
        assertThat(containers.list(projectId, ContainerFilter.NONE, byName, 1, 1)).extracting(Container::name)
                .containsExactly("sort-b");
        assertThat(containers.list(projectId, ContainerFilter.NONE, List.of(ListSort.ascending("state")), 0, 10))
                .extracting(c -> c.state().name()).isSorted();
        ContainerFilter queued = new ContainerFilter(null, Phase.QUEUED, false);
        assertThat(containers.list(projectId, queued, byName, 0, 10)).extracting(Container::name)
                .containsExactly("sort-b", "sort-c");
        assertThat(containers.countMatching(projectId, queued)).isEqualTo(2);
        assertThat(containers.countMatching(projectId, new ContainerFilter(null, null, true))).isZero();
        accounts.signInAs(owner);
        ContainerFilter mine = new ContainerFilter("sort", null, true);
        assertThat(containers.list(projectId, mine, List.of(ListSort.descending("devices")), 0, 10))
                .extracting(Container::name).containsExactly("sort-a", "sort-c");
        assertThat(containers.countMatching(projectId, new ContainerFilter("sort-", Phase.QUEUED, true)))
                .isEqualTo(1);
        assertThat(live.state()).isEqualTo(Phase.RUNNING);
        // The screen only knows property names; the columns behind them are the repository's.
        assertThatThrownBy(() -> containers.list(projectId, ContainerFilter.NONE,
                List.of(ListSort.ascending("password_hash")), 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> containers.list(projectId, ContainerFilter.NONE,
                List.of(ListSort.ascending("name desc, (select 1)")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        // Sorting changes nothing about who sees what.
        accounts.signInAs(member);
        assertThat(containers.list(projectId, ContainerFilter.NONE, byName, 0, 10)).extracting(Container::name)
                .containsExactly("sort-b");
    }

    @Test
    void others_do_not_see_a_container_and_members_may_not_operate_anothers() {
        Container container = containers.create(form("private", 1));
        accounts.signInAsAdmin();
        String stranger = TestAccounts.uniqueName("st");
        accounts.create(stranger, PresetRole.USER);
        String member = TestAccounts.uniqueName("mb");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);

        accounts.signInAs(stranger);
        assertThatThrownBy(() -> containers.container(container.id())).isInstanceOf(NotFound.class);
        accounts.signInAs(member);
        assertThatThrownBy(() -> containers.container(container.id())).isInstanceOf(NotFound.class);
        assertThat(containers.list(projectId, null, 0, 10)).isEmpty();
        assertThatThrownBy(() -> containers.stop(container.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void the_web_terminal_needs_the_password_and_an_address_in_the_whitelist() throws Exception {
        Container container = runningBehindTenSlashEight("ten-", "term");
        InetAddress inside = InetAddress.getByName("10.1.2.3");
        InetAddress outside = InetAddress.getByName("127.0.0.1");

        assertThatThrownBy(() -> containers.openTerminal(container.id(), "wrong", inside, 80, 24))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> containers.openTerminal(container.id(), TERMINAL_PASSWORD, outside, 80, 24))
                .isInstanceOf(NotAllowed.class);
        try (WorkloadRuntime.Terminal terminal = containers.openTerminal(container.id(), TERMINAL_PASSWORD, inside,
                80, 24)) {
            terminal.input().write("echo marker-$((6*7)) $GANTRY_WORKLOAD\n".getBytes(StandardCharsets.UTF_8));
            terminal.input().flush();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!seen.toString(StandardCharsets.UTF_8).contains("marker-42 " + container.runtimeId())
                    && System.nanoTime() < deadline) {
                int read = terminal.output().read(buffer);
                if (read < 0) {
                    break;
                }
                seen.write(buffer, 0, read);
            }
            assertThat(seen.toString(StandardCharsets.UTF_8)).contains("marker-42 " + container.runtimeId());
        }
    }

    @Test
    void the_web_terminal_locks_after_too_many_wrong_passwords() throws Exception {
        Container container = running(containers.create(form("guessed", 0)));
        InetAddress from = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> containers.openTerminal(container.id(), "guess", from, 80, 24))
                    .isInstanceOf(InvalidInput.class);
        }

        assertThatThrownBy(() -> containers.openTerminal(container.id(), TERMINAL_PASSWORD, from, 80, 24))
                .isInstanceOfSatisfying(NotAllowed.class,
                        e -> assertThat(e.messageKey()).isEqualTo("container.terminal.throttled"));
    }

    @Test
    void a_refused_ssh_password_is_recorded_in_the_operation_log() throws Exception {
        Container container = running(containers.create(form("ssh-guessed", 0)));
        String command = containers.connection(container.id()).sshCommand();
        int port = Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1));

        OpenSshClient.Result guess = OpenSshClient.withPassword("not-" + PASSWORD, owner, port).ssh(List.of(),
                "true");

        assertThat(guess.exitCode()).as(guess.toString()).isNotZero();
        var log = io.gantry.db.tables.OperationLog.OPERATION_LOG;
        await().atMost(Duration.ofSeconds(10)).until(() -> db.fetchCount(log, log.ACTION
                .eq("container.ssh-login-refused").and(log.TARGET.eq("container:" + container.id()))) > 0);
        var line = db.selectFrom(log).where(log.ACTION.eq("container.ssh-login-refused")
                .and(log.TARGET.eq("container:" + container.id()))).fetchAny();
        assertThat(line.getUsername()).isEqualTo("system");
        assertThat(line.getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(line.getMessageKey()).isEqualTo("oplog.details.ssh-wrong-login");
        assertThat(line.intoList())
                .allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain("not-" + PASSWORD));
    }

    @Test
    void another_users_wrong_terminal_passwords_do_not_lock_the_owner_out() throws Exception {
        Container container = running(containers.create(form("locked-out", 0)));
        InetAddress from = InetAddress.getByName("127.0.0.1");
        accounts.signInAsAdmin();
        String manager = TestAccounts.uniqueName("mg");
        long managerId = accounts.create(manager, PresetRole.USER);
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        accounts.signInAs(manager);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> containers.openTerminal(container.id(), "guess", from, 80, 24))
                    .isInstanceOf(InvalidInput.class);
        }
        assertThatThrownBy(() -> containers.openTerminal(container.id(), TERMINAL_PASSWORD, from, 80, 24))
                .isInstanceOfSatisfying(NotAllowed.class,
                        e -> assertThat(e.messageKey()).isEqualTo("container.terminal.throttled"));

        accounts.signInAs(owner);
        try (WorkloadRuntime.Terminal terminal = containers.openTerminal(container.id(), TERMINAL_PASSWORD, from,
                80, 24)) {
            assertThat(terminal.isOpen()).isTrue();
        }
    }

    @Test
    void the_web_terminal_checks_the_whitelist_before_the_password() throws Exception {
        Container container = runningBehindTenSlashEight("tenonly-", "wl-first");
        InetAddress inside = InetAddress.getByName("10.1.2.3");
        InetAddress outside = InetAddress.getByName("127.0.0.1");

        // Outside the whitelist the answer is the whitelist's whatever the password, and no failure is counted.
        for (int attempt = 0; attempt < 6; attempt++) {
            assertThatThrownBy(() -> containers.openTerminal(container.id(), "guess", outside, 80, 24))
                    .isInstanceOfSatisfying(NotAllowed.class,
                            e -> assertThat(e.messageKey()).isEqualTo("container.whitelist.refused"));
        }
        try (WorkloadRuntime.Terminal terminal = containers.openTerminal(container.id(), TERMINAL_PASSWORD, inside,
                80, 24)) {
            assertThat(terminal.isOpen()).isTrue();
        }
    }

    @Test
    void a_saved_image_belongs_to_the_project_and_new_containers_start_with_its_files() throws Exception {
        Container container = running(containers.create(form("to-save", 0)));
        Files.writeString(Path.of(runtimeHome(), "workloads", container.runtimeId(),
                "root", "installed.txt"), "tools");

        long imageId = containers.saveImage(container.id(), new CustomImageForm("Tools", "with tools",
                "team/tools-" + owner, "v1", "pytorch", true, true, true));

        FrameworkImage saved = containers.customImages(projectId).stream().filter(i -> i.id() == imageId)
                .findFirst().orElseThrow();
        assertThat(saved.custom().projectId()).isEqualTo(projectId);
        Container copy = running(containers.create(new ContainerForm(projectId, "copy", imageId, spec.id(), 0,
                flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true)));
        assertThat(Path.of(runtimeHome(), "workloads", copy.runtimeId(), "root", "installed.txt"))
                .hasContent("tools");
    }

    @Test
    void a_projects_custom_images_are_its_members_business_and_their_names_are_unique_only_within_it()
            throws Exception {
        Container container = running(containers.create(form("to-share", 0)));
        String name = "team/shared-" + owner;
        long imageId = containers.saveImage(container.id(), new CustomImageForm(null, null, name, "v1", "other",
                true, false, true));
        assertThatThrownBy(() -> containers.saveImage(container.id(), new CustomImageForm(null, null, name, "v1",
                "other", true, false, true)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.messageKey()).isEqualTo("error.name-taken")));
        // Not a platform image: the inventory's reads do not reveal it.
        assertThatThrownBy(() -> cluster.image(imageId)).isInstanceOf(NotFound.class);

        String outsider = TestAccounts.uniqueName("out");
        accounts.signInAsAdmin();
        long outsiderId = accounts.activate(accounts.create(outsider, PresetRole.USER));
        long otherProject = new TestProjects(projects).funded(wallets).create(List.of(new Quota(spec.id(), 1, null)), outsiderId);
        accounts.signInAs(outsider);
        assertThatThrownBy(() -> containers.customImages(projectId)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> containers.create(new ContainerForm(otherProject, "borrowed", imageId, spec.id(), 0,
                flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true))).isInstanceOf(NotFound.class);

        // Another project may use the same name: nothing tells its members that the name exists elsewhere.
        Container theirs = running(containers.create(new ContainerForm(otherProject, "theirs", passwordImage.id(),
                spec.id(), 0, flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true)));
        long theirImage = containers.saveImage(theirs.id(), new CustomImageForm(null, null, name, "v1", "other",
                true, false, true));
        assertThat(containers.customImages(otherProject)).extracting(FrameworkImage::id).containsExactly(theirImage);
        containers.stop(theirs.id());
    }

    @Test
    void only_the_owner_saves_a_container_as_an_image_not_a_manager() throws Exception {
        Container container = running(containers.create(form("private", 0)));
        Files.writeString(Path.of(runtimeHome(), "workloads", container.runtimeId(), "root", "secret.txt"), "mine");
        assertThat(containers.canSaveImage(container.id())).isTrue();
        accounts.signInAsAdmin();
        String manager = TestAccounts.uniqueName("mg");
        long managerId = accounts.create(manager, PresetRole.USER);
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        int imagesBefore = containers.customImages(projectId).size();
        accounts.signInAs(manager);

        assertThat(containers.canOperate(container.id())).isTrue();
        assertThat(containers.canSaveImage(container.id())).isFalse();
        assertThatThrownBy(() -> containers.saveImage(container.id(), new CustomImageForm("Copy", null,
                "team/copy-" + owner, "v1", "pytorch", true, true, true)))
                .isInstanceOfSatisfying(NotAllowed.class,
                        e -> assertThat(e.messageKey()).isEqualTo("container.save-image.owner-only"));
        accounts.signInAsAdmin();
        assertThat(containers.customImages(projectId)).hasSize(imagesBefore);
    }

    @Test
    void a_shared_memory_value_out_of_range_or_unreadable_is_refused_on_its_field_and_nothing_is_saved() {
        int before = containers.count(projectId, null);
        for (Integer shm : java.util.Arrays.asList(null, -1, 10_000_000)) {
            ContainerForm bad = new ContainerForm(projectId, "shm", passwordImage.id(), spec.id(), 0, flavorId, shm,
                    Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true);
            assertThatThrownBy(() -> containers.create(bad)).isInstanceOfSatisfying(InvalidInput.class,
                    e -> assertThat(e.problems()).extracting(io.gantry.shared.FieldProblem::field)
                            .containsExactly("sharedMemory"));
        }
        assertThat(containers.count(projectId, null)).isEqualTo(before);
    }

    @Test
    void without_a_flavor_a_negative_shared_memory_names_no_upper_bound() {
        ContainerForm bad = new ContainerForm(projectId, "shm", passwordImage.id(), spec.id(), 0, null, -1,
                Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true);
        assertThatThrownBy(() -> containers.create(bad)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactlyInAnyOrder("flavor:field.required", "sharedMemory:field.not-negative"));
    }

    @Test
    void a_user_with_a_live_container_is_not_deleted_and_the_refusal_names_it() {
        Container container = running(containers.create(form("still-running", 1)));
        accounts.signInAsAdmin();
        io.gantry.identity.UserService users = context.getBean(io.gantry.identity.UserService.class);

        assertThatThrownBy(() -> users.delete(ownerId)).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo("user.delete.busy");
            assertThat(e.arguments()).contains(owner).anySatisfy(a -> assertThat(String.valueOf(a))
                    .contains("still-running"));
        });
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.RUNNING);
        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.PLACED);

        containers.stop(container.id());
        users.delete(ownerId);
        assertThat(db.fetchCount(io.gantry.db.Tables.CONTAINER, io.gantry.db.Tables.CONTAINER.ID
                .eq(container.id()))).isZero();
    }

    @Test
    void the_request_of_a_running_container_is_not_cancelled_from_the_request_list() {
        Container container = running(containers.create(form("held", 1)));

        assertThatThrownBy(() -> broker.cancel(container.brokerRequestId())).isInstanceOf(NotAllowed.class);

        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.PLACED);
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.RUNNING);
    }

    @Test
    void a_waiting_container_whose_request_is_withdrawn_stops_instead_of_waiting_for_ever() {
        running(containers.create(form("first", 4)));
        Container waiting = containers.create(form("second", 4));
        assertThat(waiting.state()).isEqualTo(Phase.QUEUED);

        broker.cancel(waiting.brokerRequestId());

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() ->
                containers.container(waiting.id()).state() == Phase.STOPPED);
        assertThat(containers.container(waiting.id()).reason()).isEqualTo("workload.reason.withdrawn");
        assertThat(broker.request(waiting.brokerRequestId()).status()).isEqualTo(RequestStatus.CANCELLED);
    }

    @Test
    void a_container_whose_workload_is_gone_after_a_restart_fails_and_releases_its_devices() {
        Container container = running(containers.create(form("lost", 1)));
        // The workload vanishes behind the records' back, as when the machine rebooted while the app was down: the
        // runtime forgets it too, so that no resync in between reads it as stopped.
        runtime.remove(container.runtimeId());

        accounts.signInAsAdmin();
        reconciler.recoverNow();

        Container lost = containers.container(container.id());
        assertThat(lost.state()).isEqualTo(Phase.FAILED);
        assertThat(lost.reason()).isEqualTo("runtime.reason.lost");
        assertThat(broker.request(container.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
    }

    @Test
    void a_container_whose_workload_ends_by_itself_gives_its_devices_back() throws Exception {
        Container container = running(containers.create(form("ends", 1)));
        long mainPid = Long.parseLong(Files.readString(Path.of(runtimeHome(), "workloads", container.runtimeId(),
                "main.pid")).strip());

        // The program ends on its own; the runtime notices, and the platform, not the user, releases the devices.
        ProcessHandle.of(mainPid).orElseThrow().destroy();

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() ->
                broker.request(container.brokerRequestId()).status() == RequestStatus.RELEASED);
        Container ended = containers.container(container.id());
        assertThat(ended.state()).isEqualTo(Phase.FAILED);
        assertThat(ended.reason()).isEqualTo("runtime.reason.main-ended");
    }

    @Test
    void the_create_form_offers_exactly_what_create_accepts_and_create_refuses_anything_else() {
        accounts.signInAsAdmin();
        long elsewhere = new TestProjects(projects).create(List.of());
        long customHere = customImages.save(customImage(projectId), ImageVisibility.PROJECT, 0, "source");
        long customElsewhere = customImages.save(customImage(elsewhere), ImageVisibility.PROJECT, 0, "source");
        long adminsKey = sshKeys.generate("admins-" + owner, KeyAlgorithm.ED25519).key().id();
        long adminsWhitelist = whitelists.create(new WhitelistForm("admins-" + owner, null,
                List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null, null))));
        accounts.signInAs(owner);
        long myKey = sshKeys.generate("mine-" + owner, KeyAlgorithm.ED25519).key().id();
        long myWhitelist = whitelists.create(new WhitelistForm("mine-" + owner, null,
                List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null, null))));

        ContainerOptions options = containers.createOptions(projectId);

        assertThat(options.project().id()).isEqualTo(projectId);
        assertThat(options.specs()).extracting(c -> c.spec().id()).containsExactly(spec.id());
        assertThat(options.customImages()).extracting(FrameworkImage::id).containsExactly(customHere);
        assertThat(options.keys()).extracting(k -> k.id()).containsExactly(myKey);
        assertThat(options.whitelists()).extracting(w -> w.id()).containsExactly(myWhitelist);
        // Started tomorrow, so that what is accepted waits instead of running.
        RunWindow tomorrow = RunWindow.startingAt(context.getBean(Clock.class).instant().plus(Duration.ofDays(1)));
        ContainerOptions.SpecChoice choice = options.specs().getFirst();
        FrameworkImage anImage = options.publicImages().getFirst();
        int created = 0;
        for (ContainerOptions.SpecChoice offered : options.specs()) {
            for (int count : offered.counts()) {
                for (Flavor flavor : offered.flavors()) {
                    accepted(offeredForm(offered.spec().id(), count, flavor.id(), anImage, myKey, null, tomorrow));
                    created++;
                }
            }
        }
        for (FrameworkImage image : java.util.stream.Stream.concat(options.publicImages().stream(),
                options.customImages().stream()).toList()) {
            accepted(offeredForm(choice.spec().id(), choice.counts().getFirst(), choice.flavors().getFirst().id(),
                    image, myKey, null, tomorrow));
            created++;
        }
        for (var whitelist : options.whitelists()) {
            accepted(offeredForm(choice.spec().id(), choice.counts().getFirst(), choice.flavors().getFirst().id(),
                    anImage, myKey, whitelist.id(), tomorrow));
            created++;
        }
        assertThat(created).isGreaterThan(options.publicImages().size());

        long flavorId = choice.flavors().getFirst().id();
        AcceleratorSpec notOffered = cluster.specs().stream().filter(s -> s.id() != spec.id()
                && !cluster.flavors(s.id()).isEmpty()).findFirst().orElseThrow();
        assertRefusedOn("spec", offeredForm(notOffered.id(), notOffered.allowedCounts().getFirst(),
                cluster.flavors(notOffered.id()).getFirst().id(), anImage, myKey, null, tomorrow));
        int countNotOffered = spec.allowedCounts().stream().filter(n -> !choice.counts().contains(n)).findFirst()
                .orElseThrow();
        assertRefusedOn("devices", offeredForm(spec.id(), countNotOffered, flavorId, anImage, myKey, null, tomorrow));
        assertRefusedOn("devices", offeredForm(spec.id(), 3, flavorId, anImage, myKey, null, tomorrow));
        assertRefusedOn("flavor", offeredForm(spec.id(), 1, cluster.flavors(notOffered.id()).getFirst().id(),
                anImage, myKey, null, tomorrow));
        FrameworkImage keyImage = options.publicImages().stream()
                .filter(i -> i.offersSsh() && i.loginMethod() == io.gantry.cluster.LoginMethod.KEY).findFirst()
                .orElseThrow();
        assertRefusedOn("keys", offeredForm(spec.id(), 1, flavorId, keyImage, adminsKey, null, tomorrow));
        assertThatThrownBy(() -> containers.create(offeredForm(spec.id(), 1, flavorId,
                customImages.startedFrom(elsewhere, customElsewhere), myKey, null, tomorrow)))
                .isInstanceOf(NotFound.class);
        assertRefusedOn("whitelist", offeredForm(spec.id(), 1, flavorId, anImage, myKey, adminsWhitelist, tomorrow));
        // A project the user is not in offers nothing, and takes nothing.
        assertThatThrownBy(() -> containers.createOptions(elsewhere)).isInstanceOf(NotFound.class);
        assertThat(containers.count(projectId, null)).isEqualTo(created);
    }

    // ---- the create wizard's paths ---------------------------------------------------------------------------------

    private java.time.Instant now() {
        return context.getBean(Clock.class).instant();
    }

    /** Sets the project's quota of the A100 spec, as an administrator would; signs the owner in again. */
    private void quota(int devices) {
        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        projects.update(projectId, new io.gantry.project.ProjectForm(project.name(), null, project.startDate(),
                project.endDate(), project.limits(), List.of(new Quota(spec.id(), devices, null))));
        accounts.signInAs(owner);
    }

    private ContainerForm windowed(String name, int devices, RunWindow window) {
        return new ContainerForm(projectId, name, passwordImage.id(), spec.id(), devices, flavorId, 0, Set.of(),
                PASSWORD, TERMINAL_PASSWORD, null, true, window);
    }

    private ContainerForm distributed(String name, int nodes, int devicesPerNode) {
        return new ContainerForm(projectId, name, passwordImage.id(), spec.id(), devicesPerNode, flavorId, 0,
                Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true, null, "training over two nodes", nodes);
    }

    private static java.util.function.Consumer<InvalidInput> refusedWith(String... fieldAndKey) {
        return e -> assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                .containsExactlyInAnyOrder(fieldAndKey);
    }

    @Test
    void a_container_that_starts_at_a_time_waits_for_it_without_asking_for_devices() {
        java.time.Instant later = now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        Container container = containers.create(windowed("later", 1, RunWindow.startingAt(later)));

        assertThat(container.state()).isEqualTo(Phase.SCHEDULED);
        assertThat(container.startAt()).isEqualTo(later);
        assertThat(container.brokerRequestId()).as("no devices held before its time").isNull();
        ContainerService.CreateEstimate estimate = containers.estimate(windowed("later-2", 1,
                RunWindow.startingAt(later)), 1);
        assertThat(estimate.startsAt()).isEqualTo(later);
        assertThat(estimate.preview()).isNull();
    }

    @Test
    void a_container_that_ends_after_some_hours_asks_the_broker_for_that_long_and_plans_its_end() {
        RunWindow threeHours = new RunWindow(RunWindow.Start.NOW, null, RunWindow.End.AFTER_HOURS, null, 3);

        Container container = running(containers.create(windowed("three-hours", 1, threeHours)));

        assertThat(container.plannedEnd()).isEqualTo(container.startedAt().plus(Duration.ofHours(3)));
        accounts.signInAsAdmin();
        assertThat(db.select(io.gantry.db.Tables.BROKER_REQUEST.MAX_HOURS).from(io.gantry.db.Tables.BROKER_REQUEST)
                .where(io.gantry.db.Tables.BROKER_REQUEST.ID.eq(container.brokerRequestId()))
                .fetchOne(io.gantry.db.Tables.BROKER_REQUEST.MAX_HOURS)).isEqualTo(3);
    }

    @Test
    void an_end_before_the_start_is_refused_on_the_end_and_creates_nothing() {
        RunWindow backwards = new RunWindow(RunWindow.Start.AT, now().plus(Duration.ofHours(3)), RunWindow.End.AT,
                now().plus(Duration.ofHours(1)), null);

        assertThatThrownBy(() -> containers.create(windowed("backwards", 1, backwards)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly(RunWindow.END_AT));
        assertThat(containers.count(projectId, null)).isZero();
    }

    @Test
    void a_name_already_used_in_the_project_is_refused_on_the_name_field() {
        containers.create(windowed("twin", 1, RunWindow.startingAt(now().plus(Duration.ofDays(1)))));

        assertThatThrownBy(() -> containers.create(form("TWIN", 1))).isInstanceOfSatisfying(InvalidInput.class,
                refusedWith("name:container.name.taken"));
        assertThat(containers.count(projectId, null)).isEqualTo(1);
    }

    @Test
    void a_key_or_whitelist_deleted_after_the_form_was_loaded_is_refused_on_its_field() {
        long key = sshKeys.generate("gone-" + owner, KeyAlgorithm.ED25519).key().id();
        long whitelist = whitelists.create(new WhitelistForm("gone-" + owner, null,
                List.of(new RuleForm("10.0.0.0/8", Protocol.TCP, null, null))));
        FrameworkImage keyImage = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-key"))
                .findFirst().orElseThrow();
        ContainerForm loaded = new ContainerForm(projectId, "stale", keyImage.id(), spec.id(), 1, flavorId, 0,
                Set.of(key), null, TERMINAL_PASSWORD, whitelist, false);

        // Another tab deletes both.
        sshKeys.delete(key);
        whitelists.delete(whitelist);

        assertThatThrownBy(() -> containers.create(loaded)).isInstanceOfSatisfying(InvalidInput.class,
                refusedWith("keys:container.keys.gone", "whitelist:container.whitelist.gone"));
        assertThat(containers.count(projectId, null)).isZero();
    }

    @Test
    void a_distributed_container_is_placed_as_a_gang_on_two_nodes_and_gives_every_device_back() {
        quota(16);
        assertThatThrownBy(() -> containers.create(distributed("half-nodes", 2, 4)))
                .isInstanceOfSatisfying(InvalidInput.class, refusedWith("devices:container.devices.per-node"));
        assertThatThrownBy(() -> containers.create(distributed("too-many-nodes", 3, 8)))
                .isInstanceOfSatisfying(InvalidInput.class, refusedWith("nodes:container.nodes.range"));
        assertThat(containers.estimate(distributed("gang", 2, 8), 1).preview().outcome())
                .isEqualTo(io.gantry.broker.BrokerRequests.Preview.Outcome.STARTS);

        Container gang = running(containers.create(distributed("gang", 2, 8)));

        assertThat(gang.devices()).as("the total over both nodes").isEqualTo(16);
        var request = broker.request(gang.brokerRequestId());
        assertThat(request.nodes()).isEqualTo(2);
        assertThat(request.devicesPerNode()).isEqualTo(8);
        assertThat(request.slots()).hasSize(2).allSatisfy(slot -> assertThat(slot.devices()).hasSize(8));
        assertThat(containers.estimate(form("one-more", 1), 1).preview())
                .satisfies(p -> assertThat(p.outcome())
                        .isEqualTo(io.gantry.broker.BrokerRequests.Preview.Outcome.WAITS));
        accounts.signInAsAdmin();
        assertThat(db.select(io.gantry.db.Tables.PURCHASE_ORDER.DEVICES).from(io.gantry.db.Tables.PURCHASE_ORDER)
                .where(io.gantry.db.Tables.PURCHASE_ORDER.WORKLOAD_ID.eq(gang.workloadId()))
                .fetchOne(io.gantry.db.Tables.PURCHASE_ORDER.DEVICES)).as("the order pays for all 16").isEqualTo(16);
        accounts.signInAs(owner);

        containers.stop(gang.id());

        assertThat(broker.request(gang.brokerRequestId()).status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(containers.estimate(distributed("gang-again", 2, 8), 1).preview().outcome())
                .as("every device of both nodes is free again")
                .isEqualTo(io.gantry.broker.BrokerRequests.Preview.Outcome.STARTS);
    }

    @Test
    void the_estimate_reads_the_quota_left_the_balance_and_the_cost_per_hour_with_the_billing_arithmetic() {
        Container first = running(containers.create(form("holds-two", 2)));

        ContainerService.CreateEstimate estimate = containers.estimate(form("next", 1), 3);

        assertThat(estimate.quota()).isEqualTo(4);
        assertThat(estimate.quotaLeft()).isEqualTo(2);
        assertThat(estimate.balance()).isEqualTo(wallets.balance(projectId));
        Flavor flavor = cluster.flavors(spec.id()).getFirst();
        var one = io.gantry.billing.money.HourlyRate.of(new io.gantry.billing.money.UnitPrices(
                spec.prices().perDeviceHour(), spec.prices().perCoreHour(), spec.prices().perGibHour()), 1,
                flavor.cpuCores(), flavor.memoryMib(), wallets.currency());
        assertThat(estimate.perHour().perHour()).isEqualByComparingTo(one.perHour().multiply(
                java.math.BigDecimal.valueOf(3)));
        assertThat(estimate.preview().outcome()).isEqualTo(io.gantry.broker.BrokerRequests.Preview.Outcome.STARTS);
        assertThat(containers.estimate(form("over", 4), 1).preview()).satisfies(p -> {
            assertThat(p.outcome()).isEqualTo(io.gantry.broker.BrokerRequests.Preview.Outcome.WAITS);
            assertThat(p.explanation().reason())
                    .isEqualTo(io.gantry.broker.Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);
        });
        // Read-only: nothing was asked of the broker.
        assertThat(broker.mine(0, 100)).hasSize(1).extracting(r -> r.id()).containsExactly(first.brokerRequestId());

        accounts.signInAsAdmin();
        String stranger = TestAccounts.uniqueName("st");
        accounts.create(stranger, PresetRole.USER);
        accounts.signInAs(stranger);
        assertThatThrownBy(() -> containers.estimate(form("x", 1), 1)).isInstanceOf(NotFound.class);
        accounts.signInAs(owner);
    }

    @Test
    void two_users_taking_the_last_devices_at_once_one_runs_the_other_waits_with_why_and_no_device_leaks()
            throws Exception {
        accounts.signInAsAdmin();
        String other = TestAccounts.uniqueName("ct");
        long otherId = accounts.activate(accounts.create(other, PresetRole.USER));
        projects.addMembers(projectId, Set.of(otherId), ProjectRole.MEMBER);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        try {
            java.util.List<java.util.concurrent.Future<Container>> both = new java.util.ArrayList<>();
            for (String user : List.of(owner, other)) {
                both.add(pool.submit(() -> {
                    accounts.signInAs(user);
                    try {
                        together.await();
                        return containers.create(form("last-four-" + user, 4));
                    } finally {
                        accounts.signOut();
                    }
                }));
            }
            List<Long> ids = new java.util.ArrayList<>();
            for (var future : both) {
                ids.add(future.get().id());
            }
            accounts.signInAsAdmin();
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                    .map(id -> containers.container(id).state()).anyMatch(s -> s == Phase.RUNNING));
            List<Container> after = ids.stream().map(containers::container).toList();
            assertThat(after).extracting(Container::state).containsExactlyInAnyOrder(Phase.RUNNING, Phase.QUEUED);
            Container waiting = after.stream().filter(c -> c.state() == Phase.QUEUED).findFirst().orElseThrow();
            Container runs = after.stream().filter(c -> c.state() == Phase.RUNNING).findFirst().orElseThrow();
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() ->
                    containers.deviceRequest(waiting.id()).orElseThrow().explanation() != null);
            assertThat(containers.deviceRequest(waiting.id()).orElseThrow().explanation().reason())
                    .isEqualTo(io.gantry.broker.Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);

            // The one that runs stops: its four devices go to the one that waited, none kept by either.
            containers.stop(runs.id());
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() ->
                    containers.container(waiting.id()).state() == Phase.RUNNING);
            assertThat(db.fetchCount(io.gantry.db.Tables.ALLOCATION, io.gantry.db.Tables.ALLOCATION.REQUEST_ID
                    .in(runs.brokerRequestId(), waiting.brokerRequestId()))).isEqualTo(4);
        } finally {
            pool.shutdownNow();
            accounts.signInAs(owner);
        }
    }

    @Test
    void a_container_deleted_while_it_starts_goes_and_leaves_no_device_held() {
        Container starting = containers.create(form("short-lived", 4));

        containers.delete(starting.id());

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() ->
                containers.count(projectId, null) == 0);
        assertThat(broker.request(starting.brokerRequestId()).status())
                .isIn(RequestStatus.RELEASED, RequestStatus.CANCELLED);
        assertThat(db.fetchCount(io.gantry.db.Tables.ALLOCATION,
                io.gantry.db.Tables.ALLOCATION.REQUEST_ID.eq(starting.brokerRequestId()))).isZero();
        assertThat(containers.estimate(form("whole-quota", 4), 1).preview().outcome())
                .isEqualTo(io.gantry.broker.BrokerRequests.Preview.Outcome.STARTS);
    }

    // ---- batch create --------------------------------------------------------------------------------------------

    /** A manager of the project, signed in; the project's owner is a member. */
    private String manager() {
        accounts.signInAsAdmin();
        String manager = TestAccounts.uniqueName("mg");
        long managerId = accounts.activate(accounts.create(manager, PresetRole.USER));
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        accounts.signInAs(manager);
        return manager;
    }

    private long member(boolean activated) {
        accounts.signInAsAdmin();
        long id = accounts.create(TestAccounts.uniqueName("mb"), PresetRole.USER);
        if (activated) {
            accounts.activate(id);
        }
        projects.addMembers(projectId, Set.of(id), ProjectRole.MEMBER);
        return id;
    }

    private ContainerForm batchSettings(String name) {
        return new ContainerForm(projectId, name, passwordImage.id(), spec.id(), 1, flavorId, 0, Set.of(),
                PASSWORD, TERMINAL_PASSWORD, null, true, RunWindow.startingAt(now().plus(Duration.ofDays(1))));
    }

    @Test
    void a_manager_creates_a_batch_whose_containers_belong_to_their_members() {
        long second = member(true);
        String manager = manager();
        var names = context.getBean(io.gantry.identity.UserDirectory.class).byId(List.of(ownerId, second));

        List<Container> created = containers.createBatch(batchSettings("course"),
                new java.util.LinkedHashMap<>(java.util.Map.of(ownerId, 1, second, 2)));

        assertThat(created).hasSize(3).allSatisfy(c -> assertThat(c.state()).isEqualTo(Phase.SCHEDULED));
        assertThat(created).extracting(c -> c.userId() + ":" + c.name()).containsExactlyInAnyOrder(
                ownerId + ":course-" + names.get(ownerId).username(),
                second + ":course-" + names.get(second).username() + "-1",
                second + ":course-" + names.get(second).username() + "-2");
        accounts.signInAsAdmin();
        assertThat(db.select(io.gantry.db.Tables.PURCHASE_ORDER.USER_ID).from(io.gantry.db.Tables.PURCHASE_ORDER)
                .where(io.gantry.db.Tables.PURCHASE_ORDER.WORKLOAD_ID.in(created.stream().map(Container::workloadId)
                        .toList())).fetch(io.gantry.db.Tables.PURCHASE_ORDER.USER_ID))
                .as("each order is its member's").containsExactlyInAnyOrder(ownerId, second, second);
        accounts.signInAs(owner);
        assertThat(containers.list(projectId, new ContainerFilter(null, null, true), List.of(), 0, 10))
                .extracting(Container::name).containsExactly("course-" + names.get(ownerId).username());
        accounts.signInAs(manager);
    }

    @Test
    void a_batch_with_any_bad_part_is_refused_whole_and_creates_nothing() {
        long notActivated = member(false);
        String manager = manager();
        accounts.signInAsAdmin();
        long stranger = accounts.create(TestAccounts.uniqueName("st"), PresetRole.USER);
        accounts.signInAs(manager);
        // A name that one copy would take: the owner's container exists already.
        String ownersCopy = "clash-" + owner;
        accounts.signInAs(owner);
        containers.create(batchSettings(ownersCopy));
        accounts.signInAs(manager);

        assertThatThrownBy(() -> containers.createBatch(batchSettings("clash"),
                new java.util.LinkedHashMap<>(java.util.Map.of(ownerId, 1, notActivated, 1, stranger, 1))))
                .isInstanceOfSatisfying(InvalidInput.class, refusedWith("members:container.batch.not-activated",
                        "members:container.batch.not-member", "name:container.name.taken"));
        assertThatThrownBy(() -> containers.createBatch(batchSettings("counts"),
                java.util.Map.of(ownerId, ContainerService.BATCH_PER_MEMBER_MAX + 1)))
                .isInstanceOfSatisfying(InvalidInput.class, refusedWith("counts:container.batch.count-range"));
        assertThatThrownBy(() -> containers.createBatch(new ContainerForm(projectId, "bad", passwordImage.id(),
                spec.id(), 3, flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true), java.util.Map.of()))
                .isInstanceOfSatisfying(InvalidInput.class, refusedWith("devices:container.devices.not-allowed",
                        "members:container.batch.members-required"));
        assertThat(containers.count(projectId, null)).isEqualTo(1);

        // A member may not create a batch at all.
        accounts.signInAs(owner);
        assertThatThrownBy(() -> containers.createBatch(batchSettings("mine"), java.util.Map.of(ownerId, 1)))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void a_batch_whose_first_hour_the_wallet_cannot_pay_in_all_is_refused_before_any_order() {
        long second = member(true);
        manager();
        Flavor flavor = cluster.flavors(spec.id()).getFirst();
        var oneHour = io.gantry.billing.money.HourlyRate.of(new io.gantry.billing.money.UnitPrices(
                spec.prices().perDeviceHour(), spec.prices().perCoreHour(), spec.prices().perGibHour()), 1,
                flavor.cpuCores(), flavor.memoryMib(), wallets.currency()).hour();
        // Enough for two containers' first hour, not for three.
        accounts.signInAsAdmin();
        var balance = wallets.balance(projectId).amount();
        context.getBean(io.gantry.billing.WalletService.class).adjust(projectId, io.gantry.billing.LedgerType.REFUND,
                balance.subtract(oneHour.amount().multiply(java.math.BigDecimal.valueOf(2))).toPlainString(),
                "test: leave two hours");
        String manager = TestAccounts.uniqueName("mg2");
        long managerId = accounts.activate(accounts.create(manager, PresetRole.USER));
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);
        accounts.signInAs(manager);

        assertThatThrownBy(() -> containers.createBatch(batchSettings("dear"),
                new java.util.LinkedHashMap<>(java.util.Map.of(ownerId, 1, second, 2))))
                .isInstanceOfSatisfying(NotAllowed.class, e ->
                        assertThat(e.messageKey()).isEqualTo(io.gantry.billing.Orders.BALANCE_SHORT));
        assertThat(containers.count(projectId, null)).isZero();
        assertThat(containers.createBatch(batchSettings("cheap"), java.util.Map.of(second, 2))).hasSize(2);
    }

    private ContainerForm offeredForm(long specId, int devices, long flavorId, FrameworkImage image, long keyId,
                                      Long whitelistId, RunWindow window) {
        boolean keyLogin = image.offersSsh() && image.loginMethod() == io.gantry.cluster.LoginMethod.KEY;
        return new ContainerForm(projectId, "offered-" + ++offered, image.id(), specId, devices, flavorId, 0,
                keyLogin ? Set.of(keyId) : Set.of(), keyLogin ? null : PASSWORD, TERMINAL_PASSWORD, whitelistId,
                whitelistId == null, window);
    }

    private int offered;

    private void accepted(ContainerForm form) {
        assertThat(containers.create(form).state()).as("%s", form).isNotEqualTo(Phase.FAILED);
    }

    private void assertRefusedOn(String field, ContainerForm form) {
        assertThatThrownBy(() -> containers.create(form)).as("%s", form).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly(field));
    }

    private FrameworkImage customImage(long projectId) {
        return new FrameworkImage(0, "offered/" + TestAccounts.uniqueName("img"), "v1", null,
                io.gantry.cluster.LoginMethod.PASSWORD, true, false, true, false, null, null,
                new FrameworkImage.Custom(ownerId, projectId, "saved", "other"));
    }

    private String runtimeHome() {
        return context.getBean(io.gantry.runtime.local.LocalRuntime.class).home().toString();
    }
}
