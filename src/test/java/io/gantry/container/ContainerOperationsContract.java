package io.gantry.container;

import static io.gantry.db.Tables.CONTAINER_METRIC_SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.billing.Orders;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.FrameworkImage;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.workload.Phase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The container list and detail's service paths against the database and the local runtime for real: who sees which
 * rows and why a queued one waits, starting a stopped container again, deleting several at once, uploading into the
 * workspace and the monitoring history. Run on H2 and on PostgreSQL.
 */
abstract class ContainerOperationsContract {

    static final String PASSWORD = "Container-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    ContainerService containers;
    @Autowired
    ContainerMetricSampler sampler;
    @Autowired
    ProjectService projects;
    @Autowired
    LocalRuntime runtime;
    @Autowired
    Orders orders;
    @Autowired
    DSLContext db;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    FrameworkImage passwordImage;
    long projectId;
    String owner;
    long ownerId;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        passwordImage = fixture.image();
        WorkloadFixture.OwnedProject project = fixture.ownedProject("co", 4);
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

    Container running(Container created) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(created.id()).state() == Phase.RUNNING);
        return containers.container(created.id());
    }

    String member(boolean activated) {
        return joining(activated, ProjectRole.MEMBER);
    }

    String manager() {
        return joining(true, ProjectRole.MANAGER);
    }

    private String joining(boolean activated, ProjectRole role) {
        accounts.signInAsAdmin();
        String member = TestAccounts.uniqueName("mb");
        long memberId = accounts.create(member, PresetRole.USER);
        if (activated) {
            accounts.activate(memberId);
        }
        projects.addMembers(projectId, Set.of(memberId), role);
        return member;
    }

    void membersSeeAll(boolean seeAll) {
        accounts.signInAsAdmin();
        var project = projects.overview(projectId).project();
        var limits = project.limits();
        projects.update(projectId, new io.gantry.project.ProjectForm(project.name(), null, project.startDate(),
                project.endDate(), new io.gantry.project.ProjectLimits(limits.maxUsers(), limits.maxJobHours(),
                limits.containerMaxHours(), limits.idleReclaimHours(), limits.approvalThreshold(), seeAll),
                projects.quotas(projectId)));
    }

    List<ContainerRow> rows() {
        return containers.rows(projectId, ContainerFilter.NONE, List.of(ListSort.ascending("name")), 0, 50);
    }

    @Test
    void members_see_their_own_rows_unless_the_project_lets_them_see_all_and_a_queued_row_says_why_it_waits() {
        Container whole = running(containers.create(form("a-whole", 4)));
        Container waiting = containers.create(form("b-waiting", 1));
        String member = member(true);
        accounts.signInAs(member);
        Container mine = containers.create(form("c-members", 1));

        // A member sees only their own, and may operate it.
        assertThat(rows()).extracting(r -> r.container().name()).containsExactly("c-members");
        assertThat(rows().getFirst().operable()).isTrue();

        membersSeeAll(true);
        accounts.signInAs(member);
        List<ContainerRow> seen = rows();
        assertThat(seen).extracting(r -> r.container().name()).containsExactly("a-whole", "b-waiting", "c-members");
        // Seeing is not operating: another's rows offer nothing.
        assertThat(seen).extracting(ContainerRow::operable).containsExactly(false, false, true);
        // Why the queued ones wait, in the broker's terms; the running one does not wait.
        assertThat(seen.get(0).waitsBecause()).isNull();
        assertThat(seen.get(1).waitsBecause().reason())
                .isEqualTo(io.gantry.broker.Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);
        assertThat(seen.get(0).framework()).isEqualTo(passwordImage.name());

        // The project's manager sees and operates all of them, whatever the setting.
        String manager = manager();
        membersSeeAll(false);
        accounts.signInAs(manager);
        assertThat(rows()).extracting(ContainerRow::operable).containsExactly(true, true, true);
        accounts.signInAs(member);
        assertThat(rows()).extracting(r -> r.container().id()).containsExactly(mine.id());
        assertThat(waiting.state()).isEqualTo(Phase.QUEUED);
        accounts.signInAs(owner);
        containers.stop(whole.id());
    }

    @Test
    void a_stopped_container_starts_again_as_a_new_order_with_the_same_settings() {
        ContainerForm twoHours = form("again", 2);
        Container first = running(containers.create(new ContainerForm(projectId, twoHours.name(),
                twoHours.imageId(), twoHours.specId(), 2, twoHours.flavorId(), twoHours.sharedMemoryMib(), Set.of(),
                PASSWORD, TERMINAL_PASSWORD, null, true, new io.gantry.workload.RunWindow(
                io.gantry.workload.RunWindow.Start.NOW, null, io.gantry.workload.RunWindow.End.AFTER_HOURS, null,
                2))));
        assertThatThrownBy(() -> containers.startAgain(first.id())).isInstanceOf(NotAllowed.class)
                .hasFieldOrPropertyWithValue("messageKey", "container.start-again.not-stopped");
        containers.stop(first.id());
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(first.id()).state() == Phase.STOPPED);

        // Someone who sees it but may not operate it cannot start it again.
        String member = member(true);
        membersSeeAll(true);
        accounts.signInAs(member);
        assertThatThrownBy(() -> containers.startAgain(first.id())).isInstanceOf(NotAllowed.class);

        accounts.signInAs(owner);
        Container again = running(containers.startAgain(first.id()));

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.workloadId()).isNotEqualTo(first.workloadId());
        assertThat(again).extracting(Container::name, Container::userId, Container::imageId, Container::specId,
                Container::devices, Container::cpuCores, Container::memoryMib, Container::sharedMemoryMib,
                Container::loginMethod, Container::offersSsh, Container::offersTerminal, Container::whitelistId)
                .containsExactly(first.name(), first.userId(), first.imageId(), first.specId(), first.devices(),
                        first.cpuCores(), first.memoryMib(), first.sharedMemoryMib(), first.loginMethod(),
                        first.offersSsh(), first.offersTerminal(), first.whitelistId());
        // Ordered as a create is: billed from its own order.
        assertThat(orders.ofWorkload(again.workloadId())).isPresent();
        assertThat(containers.container(first.id()).state()).isEqualTo(Phase.STOPPED);
        assertThat(again.deviceIndexes()).hasSize(2);
        // Its hours count again from its own start.
        assertThat(again.plannedEnd()).isEqualTo(again.startedAt().plus(Duration.ofHours(2)));
    }

    @Test
    void a_manager_starts_a_members_stopped_container_again_for_the_member() {
        String member = member(true);
        accounts.signInAs(member);
        Container members = containers.create(form("members", 1));
        containers.stop(members.id());
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(members.id()).state() == Phase.STOPPED);

        String manager = manager();
        accounts.signInAs(manager);
        Container again = containers.startAgain(members.id());

        assertThat(again.userId()).isEqualTo(members.userId());
        containers.stop(again.id());
    }

    @Test
    void several_containers_are_deleted_at_once_or_none_when_one_may_not_be() {
        Container one = containers.create(form("del-one", 1));
        Container two = containers.create(form("del-two", 1));
        String member = member(true);
        accounts.signInAs(member);
        Container others = containers.create(form("del-member", 1));
        membersSeeAll(true);

        // The member sees all three but may delete only their own: nothing is deleted.
        accounts.signInAs(member);
        assertThatThrownBy(() -> containers.deleteSeveral(List.of(others.id(), one.id())))
                .isInstanceOf(NotAllowed.class);
        assertThat(containers.container(others.id()).state()).isNotEqualTo(Phase.DELETED);
        assertThat(containers.container(one.id()).state()).isNotEqualTo(Phase.DELETED);

        accounts.signInAs(owner);
        assertThat(containers.deleteSeveral(List.of(one.id(), two.id(), one.id())))
                .containsExactly("del-one", "del-two");
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThatThrownBy(() -> containers.container(one.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> containers.container(two.id())).isInstanceOf(NotFound.class);
        });
        assertThat(rows()).extracting(r -> r.container().name()).containsExactly("del-member");
    }

    @Test
    void an_upload_lands_in_the_owners_workspace_through_the_runtime() throws Exception {
        Container container = containers.create(form("upload", 1));
        byte[] content = "print('hello')\n".getBytes(StandardCharsets.UTF_8);

        long written = containers.upload(container.id(), "train.py", content.length,
                new ByteArrayInputStream(content));

        assertThat(written).isEqualTo(content.length);
        Path workspace = runtime.workspace(Long.toString(ownerId));
        assertThat(Files.readAllBytes(workspace.resolve("train.py"))).isEqualTo(content);
        // Again replaces it; a folder in the name is made inside the workspace.
        containers.upload(container.id(), "src/model.py", -1, new ByteArrayInputStream(content));
        assertThat(workspace.resolve("src/model.py")).hasBinaryContent(content);
        containers.upload(container.id(), "train.py", -1, new ByteArrayInputStream(new byte[] {1}));
        assertThat(workspace.resolve("train.py")).hasBinaryContent(new byte[] {1});
    }

    @Test
    void upload_names_that_leave_the_workspace_are_refused_and_write_nothing(@TempDir Path outside)
            throws Exception {
        Container container = containers.create(form("names", 1));
        Path workspace = runtime.workspace(Long.toString(ownerId));
        for (var refused : List.of(List.of("../escape.txt", "workspace.path.climbs"),
                List.of("a/../../escape.txt", "workspace.path.climbs"),
                List.of("./x", "workspace.path.climbs"),
                List.of("/etc/escape.txt", "workspace.path.absolute"),
                List.of("\\\\server\\share\\x", "workspace.path.absolute"),
                List.of("C:\\Users\\x.txt", "workspace.path.absolute"),
                List.of("a\\..\\x", "workspace.path.characters"),
                List.of("a//b", "workspace.path.characters"),
                List.of("", "workspace.path.empty"))) {
            assertThatThrownBy(() -> containers.upload(container.id(), refused.get(0), 1,
                    new ByteArrayInputStream(new byte[] {1})))
                    .as(refused.get(0)).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                            .extracting(FieldProblem::field, FieldProblem::messageKey)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("file", refused.get(1))));
        }
        assertThat(workspace.getParent().resolve("escape.txt")).doesNotExist();

        // A link a workload left in the workspace is not followed out of it.
        Files.createDirectories(workspace);
        Files.createSymbolicLink(workspace.resolve("elsewhere"), outside);
        assertThatThrownBy(() -> containers.upload(container.id(), "elsewhere/x.txt", 1,
                new ByteArrayInputStream(new byte[] {1}))).isInstanceOf(InvalidInput.class)
                .hasFieldOrPropertyWithValue("messageKey", "container.upload.failed");
        assertThat(outside.resolve("x.txt")).doesNotExist();
        // A link in the file's own place is replaced, its target untouched.
        Path target = Files.writeString(outside.resolve("kept.txt"), "kept");
        Files.createSymbolicLink(workspace.resolve("link.txt"), target);
        containers.upload(container.id(), "link.txt", 3, new ByteArrayInputStream("new".getBytes()));
        assertThat(target).hasContent("kept");
        assertThat(Files.isSymbolicLink(workspace.resolve("link.txt"))).isFalse();
    }

    @Test
    void uploads_above_the_limit_are_refused_whether_announced_or_not_and_leave_nothing() throws Exception {
        Container container = containers.create(form("limits", 1));
        Path workspace = runtime.workspace(Long.toString(ownerId));

        assertThatThrownBy(() -> containers.upload(container.id(), "big.bin", ContainerService.UPLOAD_MAX_BYTES + 1,
                new ByteArrayInputStream(new byte[0]))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems().getFirst().messageKey()).isEqualTo("container.upload.too-large"));
        assertThat(workspace.resolve("big.bin")).doesNotExist();
        // A browser that announced less than it sends is stopped at the limit (a small one here).
        assertThatThrownBy(() -> containers.upload(container.id(), "lied.bin", 10,
                new ByteArrayInputStream(new byte[200_000]), 100_000)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems().getFirst().messageKey()).isEqualTo("container.upload.too-large"));
        assertThat(workspace.resolve("lied.bin")).doesNotExist();
        try (var left = Files.list(workspace)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        // Exactly the limit is accepted.
        assertThat(containers.upload(container.id(), "fits.bin", -1, new ByteArrayInputStream(new byte[100_000]),
                100_000)).isEqualTo(100_000);

        // Only those who may operate the container upload into it.
        String member = member(true);
        membersSeeAll(true);
        accounts.signInAs(member);
        assertThatThrownBy(() -> containers.upload(container.id(), "x.txt", 1,
                new ByteArrayInputStream(new byte[] {1}))).isInstanceOf(NotAllowed.class);
    }

    @Test
    void the_usage_of_a_running_container_is_kept_for_an_hour_and_read_the_same_by_everyone_who_sees_it() {
        Container container = running(containers.create(form("sampled", 1)));
        db.insertInto(CONTAINER_METRIC_SAMPLE).set(CONTAINER_METRIC_SAMPLE.CONTAINER_ID, container.id())
                .set(CONTAINER_METRIC_SAMPLE.SAMPLED_AT, Instant.now().minus(Duration.ofMinutes(61)))
                .set(CONTAINER_METRIC_SAMPLE.CPU_PERCENT, 1.0).set(CONTAINER_METRIC_SAMPLE.MEMORY_BYTES, 1L)
                .set(CONTAINER_METRIC_SAMPLE.MEMORY_LIMIT_BYTES, 1L).set(CONTAINER_METRIC_SAMPLE.DISK_BYTES, 1L)
                .execute();

        assertThat(sampler.sample()).isPositive();

        List<MetricSample> history = containers.metricHistory(container.id());
        assertThat(history).isNotEmpty();
        assertThat(history.getLast().memoryBytes()).isPositive();
        assertThat(history).allMatch(s -> s.at().isAfter(Instant.now().minus(ContainerMetricSampler.KEPT)));
        // Older than an hour is gone from the table, not only from the reading.
        assertThat(db.fetchCount(CONTAINER_METRIC_SAMPLE, CONTAINER_METRIC_SAMPLE.CONTAINER_ID.eq(container.id())
                .and(CONTAINER_METRIC_SAMPLE.SAMPLED_AT.lt(Instant.now().minus(ContainerMetricSampler.KEPT)))))
                .isZero();
        // The simulated device has no figures: no GPU series rather than a made-up one.
        assertThat(history.getLast().gpuUtilisationPercent()).isNull();

        String member = member(true);
        accounts.signInAs(member);
        assertThatThrownBy(() -> containers.metricHistory(container.id())).isInstanceOf(NotFound.class);
        membersSeeAll(true);
        accounts.signInAs(member);
        assertThat(containers.metricHistory(container.id())).startsWith(history.toArray(new MetricSample[0]));
    }
}
