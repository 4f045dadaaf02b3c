package io.gantry.container;

import io.gantry.billing.Wallets;
import io.gantry.workload.Phase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.GantryApplication;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.LoginMethod;
import io.gantry.cluster.NodeInfo;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserService;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jooq.DSLContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Random streams of what users and administrators do (create a container, stop it, cancel its device request,
 * delete its owner or its project, cordon a node) on the real services and the local runtime with real processes.
 * After each stream, once nothing is starting or stopping: every workload process that runs has exactly one live
 * allocation per device its container uses, no device is allocated twice, and no devices are held by work that does
 * not run.
 */
class WorkloadActionsPropertiesTest {

    private static ConfigurableApplicationContext context;

    sealed interface Action permits Create, Stop, Cancel, DeleteUser, DeleteProject, Cordon {
    }

    record Create(int user, int project, int devices) implements Action {
    }

    record Stop(int container) implements Action {
    }

    record Cancel(int container) implements Action {
    }

    record DeleteUser(int user) implements Action {
    }

    record DeleteProject(int project) implements Action {
    }

    record Cordon(int node, boolean cordoned) implements Action {
    }

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(GantryApplication.class).profiles("test")
                .run("--server.port=0", "--gantry.workloads.resync-interval=300ms",
                        // A database of its own, so that no other test's records take part.
                        "--spring.datasource.url=jdbc:h2:mem:gantry-actions;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @AfterContainer
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @Provide
    Arbitrary<List<Action>> streams() {
        Arbitrary<Action> create = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 1), Arbitraries.of(0, 1, 2, 4, 8)).as(Create::new);
        Arbitrary<Action> stop = Arbitraries.integers().between(0, 7).map(Stop::new);
        Arbitrary<Action> cancel = Arbitraries.integers().between(0, 7).map(Cancel::new);
        Arbitrary<Action> deleteUser = Arbitraries.integers().between(0, 1).map(DeleteUser::new);
        Arbitrary<Action> deleteProject = Arbitraries.integers().between(0, 1).map(DeleteProject::new);
        Arbitrary<Action> cordon = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.of(true, false)).as(Cordon::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, create), net.jqwik.api.Tuple.of(2, stop),
                        net.jqwik.api.Tuple.of(3, cancel), net.jqwik.api.Tuple.of(1, deleteUser),
                        net.jqwik.api.Tuple.of(1, deleteProject), net.jqwik.api.Tuple.of(1, cordon))
                .list().ofMinSize(4).ofMaxSize(8);
    }

    @Property(tries = 5)
    void everyRunningWorkloadHoldsExactlyItsDevicesAndNoDeviceIsGivenTwice(@ForAll("streams") List<Action> actions)
            throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        ContainerService containers = context.getBean(ContainerService.class);
        BrokerService broker = context.getBean(BrokerService.class);
        ClusterService cluster = context.getBean(ClusterService.class);
        ProjectService projects = context.getBean(ProjectService.class);
        UserService users = context.getBean(UserService.class);

        accounts.signInAsAdmin();
        AcceleratorSpec spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                .orElseThrow();
        long flavorId = cluster.flavors(spec.id()).getFirst().id();
        long imageId = plainImage(cluster);
        List<NodeInfo> nodes = cluster.nodes().stream().filter(n -> n.specId() != null && n.specId() == spec.id())
                .toList();
        TestProjects testProjects = new TestProjects(projects).funded(context.getBean(Wallets.class));
        testProjects.releaseAllQuotas();
        List<String> userNames = new ArrayList<>();
        List<Long> userIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = TestAccounts.uniqueName("act");
            userNames.add(name);
            userIds.add(accounts.activate(accounts.create(name, PresetRole.USER)));
        }
        List<Long> projectIds = List.of(
                testProjects.create(List.of(new Quota(spec.id(), 8, null)), userIds.get(0), userIds.get(1)),
                testProjects.create(List.of(new Quota(spec.id(), 8, null)), userIds.get(0), userIds.get(1)));
        Set<Integer> deletedUsers = new HashSet<>();
        List<Container> created = new ArrayList<>();

        for (Action action : actions) {
            try {
                switch (action) {
                    case Create c when !deletedUsers.contains(c.user()) -> {
                        accounts.signInAs(userNames.get(c.user()));
                        created.add(containers.create(new ContainerForm(projectIds.get(c.project()),
                                "c" + created.size(), imageId, spec.id(), c.devices(), flavorId, 0, Set.of(), null,
                                null, null, true)));
                    }
                    case Stop s when !created.isEmpty() -> {
                        accounts.signInAsAdmin();
                        containers.stop(created.get(s.container() % created.size()).id());
                    }
                    case Cancel c when !created.isEmpty() -> {
                        Container container = created.get(c.container() % created.size());
                        accounts.signInAsAdmin();
                        Statistics.label("cancel of").collect(containers.container(container.id()).state());
                        if (container.brokerRequestId() != null) {
                            broker.cancel(container.brokerRequestId());
                        }
                    }
                    case DeleteUser d when !deletedUsers.contains(d.user()) -> {
                        accounts.signInAsAdmin();
                        users.delete(userIds.get(d.user()));
                        deletedUsers.add(d.user());
                    }
                    case DeleteProject d -> {
                        accounts.signInAsAdmin();
                        projects.delete(projectIds.get(d.project()));
                    }
                    case Cordon c -> {
                        accounts.signInAsAdmin();
                        cluster.setSchedulable(nodes.get(c.node() % nodes.size()).id(), !c.cordoned());
                    }
                    default -> {
                    }
                }
            } catch (UserFacingException refused) {
                // Refusals (a request that a container holds, a user or project with live work, a deleted
                // container) are part of the stream: the invariant must hold either way.
            } catch (org.springframework.security.access.AccessDeniedException refused) {
                // A deleted user's own action.
            } finally {
                accounts.signOut();
            }
        }

        try {
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(this::settled);
            checkInvariant();
        } finally {
            accounts.signInAsAdmin();
            nodes.forEach(n -> cluster.setSchedulable(n.id(), true));
            // Everything live stops, including what was placed while the others stopped.
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
                var w = io.gantry.db.Tables.WORKLOAD;
                List<Container> live = context.getBean(DSLContext.class).select(w.ID).from(w)
                        .where(w.STATE.in("QUEUED", "CREATING", "RUNNING")).fetch(w.ID).stream()
                        .map(id -> context.getBean(ContainerRepository.class).byWorkload(id).orElseThrow()).toList();
                for (Container container : live) {
                    try {
                        containers.stop(container.id());
                    } catch (UserFacingException gone) {
                        // Deleted with its project meanwhile.
                    }
                }
                return live.isEmpty() && settled();
            });
            accounts.signOut();
        }
    }

    /** Nothing is starting or stopping, and no placed request waits for its container to start. */
    private boolean settled() {
        DSLContext db = context.getBean(DSLContext.class);
        var c = io.gantry.db.Tables.WORKLOAD;
        var r = io.gantry.db.Tables.BROKER_REQUEST;
        boolean moving = db.fetchExists(c, c.STATE.in("CREATING", "STOPPING"));
        boolean placedButQueued = db.fetchExists(db.select().from(c).join(r).on(r.ID.eq(c.BROKER_REQUEST_ID))
                .where(c.STATE.eq("QUEUED")).and(r.STATUS.eq(RequestStatus.PLACED.name())));
        return !moving && !placedButQueued;
    }

    private void checkInvariant() throws Exception {
        DSLContext db = context.getBean(DSLContext.class);
        var allocation = io.gantry.db.Tables.ALLOCATION;
        var request = io.gantry.db.Tables.BROKER_REQUEST;
        WorkloadRuntime runtime = context.getBean(WorkloadRuntime.class);
        Path home = context.getBean(LocalRuntime.class).home();
        ContainerRepository repository = context.getBean(ContainerRepository.class);

        // No device is allocated twice.
        Map<String, Integer> perDevice = new HashMap<>();
        db.select(allocation.NODE_ID, allocation.DEVICE_INDEX).from(allocation)
                .where(allocation.DEVICE_INDEX.isNotNull())
                .forEach(a -> perDevice.merge(a.value1() + "/" + a.value2(), 1, Integer::sum));
        assertThat(perDevice).allSatisfy((device, count) -> assertThat(count).as(device).isEqualTo(1));

        Set<Long> requestsOfRunningWork = new HashSet<>();
        List<String> workloads = List.of();
        if (Files.isDirectory(home.resolve("workloads"))) {
            try (var folders = Files.list(home.resolve("workloads"))) {
                workloads = folders.map(f -> f.getFileName().toString()).toList();
            }
        }
        for (String workloadId : workloads) {
            if (!processRuns(runtime, home, workloadId)) {
                continue;
            }
            // A running process has a record that owns it, running, with its request placed...
            Container now = repository.byRuntimeId(workloadId).orElse(null);
            assertThat(now).as("a process with no record: %s", workloadId).isNotNull();
            assertThat(now.state()).as(workloadId).isEqualTo(Phase.RUNNING);
            assertThat(db.select(request.STATUS).from(request).where(request.ID.eq(now.brokerRequestId()))
                    .fetchOne(request.STATUS)).isEqualTo(RequestStatus.PLACED.name());
            requestsOfRunningWork.add(now.brokerRequestId());
            // ...and exactly one live allocation per device it uses.
            List<Integer> allocated = db.select(allocation.DEVICE_INDEX).from(allocation)
                    .where(allocation.REQUEST_ID.eq(now.brokerRequestId()))
                    .and(allocation.NODE_ID.eq(now.nodeId())).and(allocation.DEVICE_INDEX.isNotNull())
                    .fetch(allocation.DEVICE_INDEX);
            assertThat(allocated).as(workloadId).containsExactlyInAnyOrderElementsOf(now.deviceIndexes());
            assertThat(now.deviceIndexes()).hasSize(now.devices());
        }
        // No devices are held by container work that does not run.
        var container = io.gantry.db.Tables.WORKLOAD;
        List<String> heldByNothing = db.select(request.ID, request.WORKLOAD, container.STATE).from(request)
                .leftJoin(container).on(container.BROKER_REQUEST_ID.eq(request.ID))
                .where(request.STATUS.eq(RequestStatus.PLACED.name())).and(request.WORKLOAD.startsWith("workload:"))
                .fetch().stream().filter(r -> !requestsOfRunningWork.contains(r.value1()))
                .map(r -> "request " + r.value1() + " of " + r.value2() + " (" + r.value3() + ")").toList();
        assertThat(heldByNothing).as("placed requests of containers whose process does not run").isEmpty();
    }

    private static boolean processRuns(WorkloadRuntime runtime, Path home, String workloadId) throws Exception {
        if (runtime.inspect(workloadId).state().isLive()) {
            return true;
        }
        Path pid = home.resolve("workloads").resolve(workloadId).resolve("main.pid");
        return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                .map(ProcessHandle::isAlive).orElse(false);
    }

    /** An image without SSH, Jupyter or terminal: each container is one process, so a stream runs in seconds. */
    private static long plainImage(ClusterService cluster) {
        return cluster.images().stream().filter(i -> i.reference().equals("gantry/plain:actions")).findFirst()
                .map(FrameworkImage::id).orElseGet(() -> cluster.saveImage(null, new FrameworkImage(0, "gantry/plain",
                        "actions", null, LoginMethod.PASSWORD, false, false, false, false, null, "processes only")));
    }
}
