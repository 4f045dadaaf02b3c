package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * An installation made before workloads existed upgrades without losing a container, an owner, a state or an event:
 * a database made by the changelogs of that time, filled as the application of that time stored its containers, is
 * migrated by today's master changelog, as the application does when it starts.
 */
abstract class WorkloadMigrationContract {

    /** The changelogs of the release before workloads (001 to 011), with the real master's include paths. */
    static final String BEFORE_WORKLOADS = "changelog/before-workloads.yaml";

    /** The application's own master changelog, as it names it (spring.liquibase.change-log). */
    static final String MASTER = "classpath:changelog/db.changelog-master.yaml";

    /** The application of that time kept a reason's arguments in one column, separated by this character. */
    private static final String SEPARATOR = "\u001f";

    private static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");

    private DataSource dataSource;

    /** A database of its own, empty, for one test. */
    abstract DataSource emptyDatabase() throws SQLException;

    abstract SQLDialect dialect();

    /** Frees what {@link #emptyDatabase()} made. */
    abstract void discard(DataSource database) throws SQLException;

    /** A container as the application before workloads stored it, and what it should become. */
    record Old(long id, long projectId, long userId, String name, long imageId, String imageReference,
               String imageFiles, String imageEnvironment, long specId, int devices, int cpuCores, long memoryMib,
               Long brokerRequestId, Long nodeId, String deviceIndexes, String runtimeInstance, String state,
               String reason, List<String> arguments, Integer exitCode, Instant createdAt, Instant startedAt,
               Instant endedAt, List<OldEvent> events, List<Long> keyIds, String expectedDesired) {
    }

    record OldEvent(Instant at, String state, String reason, List<String> arguments) {
    }

    /** Names of what the old installation holds, filled by {@link #installBeforeWorkloads}. */
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<String, Old> containers = new LinkedHashMap<>();

    @BeforeEach
    void installBeforeWorkloads() throws Exception {
        dataSource = emptyDatabase();
        applyWithLiquibase(BEFORE_WORKLOADS);
        fill();
    }

    @AfterEach
    void discardDatabase() throws SQLException {
        discard(dataSource);
    }

    @Test
    void theOldSchemaIsRecordedAsTheApplicationRecordedIt() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            List<String> recorded = strings(c,
                    "SELECT id || ' ' || filename FROM databasechangelog ORDER BY orderexecuted");
            // Under the names the application records them by (a database of release 0.1 holds the same).
            assertThat(recorded).allMatch(r -> r.matches("0(0\\d|1[01])-\\S+ changelog/0(0\\d|1[01])-[a-z-]+\\.yaml"))
                    .containsSubsequence("001-identity changelog/001-identity.yaml",
                            "008-container changelog/008-container.yaml",
                            "010-container-holder changelog/010-replicas.yaml",
                            "011-operation-log-message changelog/011-operation-log-arguments.yaml");
            assertThat(recorded).noneMatch(r -> r.startsWith("012") || r.startsWith("013") || r.startsWith("014"));
            assertThat(tableExists(c, "workload")).isFalse();
        }
    }

    @Test
    void everyContainerSurvivesTheUpgradeWithItsOwnerStateAndTimes() throws Exception {
        upgrade();
        try (Connection c = dataSource.getConnection()) {
            assertThat(count(c, "SELECT COUNT(*) FROM container")).isEqualTo(containers.size());
            assertThat(count(c, "SELECT COUNT(*) FROM workload")).isEqualTo(containers.size());
            for (Old old : containers.values()) {
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT w.* FROM container c JOIN workload w ON w.id = c.workload_id WHERE c.id = ?""")) {
                    s.setLong(1, old.id());
                    try (ResultSet r = s.executeQuery()) {
                        assertThat(r.next()).as("container %s is still there", old.name()).isTrue();
                        String as = "container " + old.name();
                        assertThat(r.getString("kind")).as(as).isEqualTo("container");
                        assertThat(r.getLong("user_id")).as(as).isEqualTo(old.userId());
                        assertThat(r.getLong("project_id")).as(as).isEqualTo(old.projectId());
                        assertThat(r.getString("name")).as(as).isEqualTo(old.name());
                        assertThat(r.getLong("image_id")).as(as).isEqualTo(old.imageId());
                        assertThat(r.getString("image_reference")).as(as).isEqualTo(old.imageReference());
                        assertThat(r.getString("image_files")).as(as).isEqualTo(old.imageFiles());
                        assertThat(r.getString("image_environment")).as(as).isEqualTo(old.imageEnvironment());
                        assertThat(r.getLong("spec_id")).as(as).isEqualTo(old.specId());
                        assertThat(r.getInt("devices")).as(as).isEqualTo(old.devices());
                        assertThat(r.getInt("cpu_cores")).as(as).isEqualTo(old.cpuCores());
                        assertThat(r.getLong("memory_mib")).as(as).isEqualTo(old.memoryMib());
                        assertThat(r.getObject("broker_request_id", Long.class)).as(as)
                                .isEqualTo(old.brokerRequestId());
                        assertThat(r.getString("runtime")).as(as).isEqualTo("local");
                        assertThat(r.getString("runtime_id")).as(as).isEqualTo("container-" + old.id());
                        assertThat(r.getString("runtime_instance")).as(as).isEqualTo(old.runtimeInstance());
                        assertThat(r.getObject("node_id", Long.class)).as(as).isEqualTo(old.nodeId());
                        assertThat(r.getString("device_indexes")).as(as).isEqualTo(old.deviceIndexes());
                        assertThat(r.getString("state")).as(as).isEqualTo(old.state());
                        assertThat(r.getString("desired_state")).as(as).isEqualTo(old.expectedDesired());
                        assertThat(r.getString("reason")).as(as).isEqualTo(renamed(old.reason()));
                        assertThat(r.getString("reason_arguments")).as(as).isEqualTo(joined(old.arguments()));
                        assertThat(r.getObject("exit_code", Integer.class)).as(as).isEqualTo(old.exitCode());
                        assertThat(instant(r, "created_at")).as(as).isEqualTo(old.createdAt());
                        assertThat(instant(r, "started_at")).as(as).isEqualTo(old.startedAt());
                        assertThat(instant(r, "ended_at")).as(as).isEqualTo(old.endedAt());
                        // Nothing of the time rules applied to containers before: none may appear from nowhere.
                        assertThat(r.getObject("start_at")).as(as).isNull();
                        assertThat(r.getObject("end_at")).as(as).isNull();
                        assertThat(r.getObject("run_hours")).as(as).isNull();
                        assertThat(r.getString("stop_reason")).as(as).isNull();
                        assertThat(r.getString("lease_owner")).as(as).isNull();
                        assertThat(r.next()).as(as).isFalse();
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT key_id FROM container_key WHERE container_id = ? ORDER BY key_id")) {
                    s.setLong(1, old.id());
                    assertThat(longs(s)).as("keys of %s", old.name()).isEqualTo(old.keyIds());
                }
            }
            // What only a container has stays with it.
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT shared_memory_mib, login_method, offers_ssh, terminal_password_hash FROM container
                    WHERE id = ?""")) {
                s.setLong(1, ids.get("container:train"));
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).isEqualTo(8192L);
                    assertThat(r.getString(2)).isEqualTo("KEY");
                    assertThat(r.getBoolean(3)).isTrue();
                    assertThat(r.getString(4)).isEqualTo("{bcrypt}$2a$10$trainterminalhash");
                }
            }
        }
    }

    @Test
    void everyEventMovesToTheWorkloadInOrderWithTheStateItLeft() throws Exception {
        upgrade();
        try (Connection c = dataSource.getConnection()) {
            assertThat(tableExists(c, "container_event")).isFalse();
            int all = 0;
            for (Old old : containers.values()) {
                List<Object> expected = new ArrayList<>();
                String from = null;
                for (OldEvent e : old.events()) {
                    expected.add(tuple(e.at(), from, e.state(), renamed(e.reason()), joined(e.arguments())));
                    from = e.state();
                }
                all += expected.size();
                List<Object> moved = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT e.at, e.from_state, e.to_state, e.reason, e.reason_arguments FROM workload_event e
                        JOIN container c ON c.workload_id = e.workload_id WHERE c.id = ? ORDER BY e.at, e.id""")) {
                    s.setLong(1, old.id());
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            moved.add(tuple(instant(r, "at"), r.getString("from_state"), r.getString("to_state"),
                                    r.getString("reason"), r.getString("reason_arguments")));
                        }
                    }
                }
                assertThat(moved).as("events of %s", old.name()).containsExactlyElementsOf(expected);
            }
            assertThat(count(c, "SELECT COUNT(*) FROM workload_event")).isEqualTo(all);
        }
    }

    @Test
    void theApplicationReadsTheMigratedContainersBack() throws Exception {
        upgrade();
        try (Connection c = dataSource.getConnection()) {
            var repository = new WorkloadRepository(DSL.using(c, dialect()), event -> { });
            Old failed = containers.get("container:refused");
            Workload workload = repository.find(workloadOf(c, failed.id())).orElseThrow();
            assertThat(workload.kind()).isEqualTo("container");
            assertThat(workload.userId()).isEqualTo(failed.userId());
            assertThat(workload.phase()).isEqualTo(Phase.FAILED);
            assertThat(workload.desired()).isEqualTo(Desired.STOPPED);
            assertThat(workload.reason()).isEqualTo("workload.reason.refused");
            assertThat(workload.reasonArguments()).containsExactly("quota", "4");
            assertThat(workload.runtimeId()).isEqualTo("container-" + failed.id());
            assertThat(repository.events(workload.id())).extracting(WorkloadEvent::from, WorkloadEvent::to,
                    WorkloadEvent::reason, WorkloadEvent::reasonArguments).containsExactly(
                    tuple(null, Phase.QUEUED, null, List.of()),
                    tuple(Phase.QUEUED, Phase.FAILED, "workload.reason.refused", List.of("quota", "4")));

            Old running = containers.get("container:train");
            Workload live = repository.find(workloadOf(c, running.id())).orElseThrow();
            assertThat(live.phase()).isEqualTo(Phase.RUNNING);
            assertThat(live.desired()).isEqualTo(Desired.RUNNING);
            assertThat(live.nodeId()).isEqualTo(ids.get("node"));
            assertThat(live.deviceIndexes()).containsExactly(0, 1);
            assertThat(live.runtimeInstance()).isEqualTo("gantry-a/3f0c9a1e");
            assertThat(live.startedAt()).isEqualTo(running.startedAt());
            assertThat(live.endedAt()).isNull();
            assertThat(repository.events(live.id())).extracting(WorkloadEvent::to)
                    .containsExactly(Phase.QUEUED, Phase.CREATING, Phase.RUNNING);
            // The replica that ran it still finds it as its own, and the resync looks after the live ones only.
            assertThat(repository.heldInPhases("gantry-a/3f0c9a1e", List.of(Phase.RUNNING)))
                    .extracting(Workload::id).containsExactly(live.id());
            assertThat(repository.unsettled()).containsExactlyInAnyOrder(live.id(),
                    workloadOf(c, containers.get("container:waiting").id()));
        }
    }

    @Test
    void theUpgradeAppliesOnlyWhatIsNewAndANewWorkloadTakesTheNextNumbers() throws Exception {
        upgrade();
        try (Connection c = dataSource.getConnection()) {
            List<String> ranTwice = strings(c,
                    "SELECT id FROM databasechangelog GROUP BY id, filename HAVING COUNT(*) > 1");
            assertThat(ranTwice).isEmpty();
            List<String> applied = strings(c, "SELECT id FROM databasechangelog ORDER BY orderexecuted");
            List<String> added = applied.subList(applied.indexOf("011-operation-log-message") + 1, applied.size());
            assertThat(added).allMatch(id -> id.startsWith("012-") || id.startsWith("013-") || id.startsWith("014-"))
                    .containsSubsequence("012-notice", "013-event-publication", "014-workload");
            // The moved rows took identity numbers; the next workload and event must not collide with them.
            long max = count(c, "SELECT MAX(id) FROM workload");
            try (Statement s = c.createStatement()) {
                s.executeUpdate(String.format("""
                        INSERT INTO workload (kind, project_id, user_id, name, image_id, image_reference, spec_id,
                        devices, cpu_cores, memory_mib, runtime, runtime_id, desired_state, state, created_at)
                        VALUES ('container', %d, %d, 'after', 1, 'pytorch:2.3', %d, 0, 2, 4096, 'local',
                        'container-after', 'RUNNING', 'QUEUED', CURRENT_TIMESTAMP)""",
                        ids.get("project"), ids.get("alice"), ids.get("spec")));
            }
            assertThat(count(c, "SELECT MAX(id) FROM workload")).isGreaterThan(max);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO workload_event (workload_id, at, to_state)
                        SELECT id, CURRENT_TIMESTAMP, 'QUEUED' FROM workload WHERE name = 'after'""");
            }
        }
    }

    /** Today's master changelog, applied as the application applies it when it starts. */
    void upgrade() throws Exception {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(MASTER);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    private void applyWithLiquibase(String changelog) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            var resources = new ClassLoaderResourceAccessor(getClass().getClassLoader());
            Scope.child(Scope.Attr.resourceAccessor.name(), resources,
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .execute());
        }
    }

    /**
     * A realistic installation: an administrator and two users, a project with its members and quota, a spec, a node,
     * an image, keys, device requests, and containers in each kind of state with their keys and events. A project
     * that was deleted took its containers with it, so container numbers have gaps, as they do in use.
     */
    private void fill() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ids.put("admin", insert(c, """
                    INSERT INTO app_user (username, nickname, password_hash, builtin, must_change_password, created_at)
                    VALUES (?, ?, ?, TRUE, FALSE, ?)""", "admin", "Administrator", "{bcrypt}$2a$10$adminhash", at(0)));
            ids.put("alice", insert(c, """
                    INSERT INTO app_user (username, nickname, password_hash, email, created_at)
                    VALUES (?, ?, ?, ?, ?)""", "alice", "Alice", "{bcrypt}$2a$10$alicehash", "alice@example.org",
                    at(1)));
            ids.put("bob", insert(c, """
                    INSERT INTO app_user (username, nickname, password_hash, language, created_at)
                    VALUES (?, ?, ?, ?, ?)""", "bob", "Bob", "{bcrypt}$2a$10$bobhash", "zh_CN", at(2)));
            ids.put("spec", insert(c, """
                    INSERT INTO accelerator_spec (name, vendor, model, resource_name, allowed_counts,
                    topology_group_size, price_device_hour, price_core_hour, price_gib_hour, pod_min_cpu,
                    pod_min_memory_mib, pod_max_cpu, pod_max_memory_mib, created_at)
                    VALUES (?, ?, ?, ?, ?, 4, 2.5000, 0.0500, 0.0100, 1, 1024, 32, 262144, ?)""",
                    "A100-80G", "NVIDIA", "A100 80GB", "nvidia.com/gpu", "1,2,4,8", at(3)));
            ids.put("node", insert(c, """
                    INSERT INTO node (name, address, spec_id, device_count, cpu_cores, memory_mib, schedulable,
                    simulated, created_at) VALUES (?, ?, ?, 8, 64, 524288, TRUE, TRUE, ?)""",
                    "gpu-01", "10.0.0.11", ids.get("spec"), at(4)));
            ids.put("image", insert(c, """
                    INSERT INTO framework_image (name, tag, login_method, offers_ssh, offers_jupyter, offers_terminal,
                    offers_tensorboard, local_environment, created_at)
                    VALUES (?, ?, ?, TRUE, TRUE, TRUE, FALSE, ?, ?)""",
                    "pytorch", "2.3", "KEY", "PYTHONUNBUFFERED=1", at(5)));
            ids.put("project", insert(c, """
                    INSERT INTO project (name, description, start_date, end_date, container_max_hours, created_at)
                    VALUES (?, ?, ?, ?, 72, ?)""", "vision", "Image models", LocalDate.parse("2026-10-01"),
                    LocalDate.parse("2027-03-31"), at(6)));
            ids.put("gone", insert(c, """
                    INSERT INTO project (name, start_date, end_date, created_at) VALUES (?, ?, ?, ?)""",
                    "trial", LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"), at(6)));
            for (String member : List.of("alice", "bob")) {
                execute(c, "INSERT INTO project_member (project_id, user_id, role, added_at) VALUES (?, ?, ?, ?)",
                        ids.get("project"), ids.get(member), member.equals("alice") ? "OWNER" : "MEMBER", at(7));
            }
            execute(c, "INSERT INTO project_quota (project_id, spec_id, devices, max_per_user) VALUES (?, ?, 8, 4)",
                    ids.get("project"), ids.get("spec"));
            ids.put("key:alice", insert(c, """
                    INSERT INTO ssh_key (user_id, name, algorithm, bits, fingerprint, public_key, created_at)
                    VALUES (?, ?, ?, 256, ?, ?, ?)""", ids.get("alice"), "laptop", "ssh-ed25519",
                    "SHA256:alicelaptop", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@laptop", at(8)));
            ids.put("key:alice2", insert(c, """
                    INSERT INTO ssh_key (user_id, name, algorithm, bits, fingerprint, public_key, created_at)
                    VALUES (?, ?, ?, 256, ?, ?, ?)""", ids.get("alice"), "desktop", "ssh-ed25519",
                    "SHA256:alicedesktop", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlic2 alice@desktop", at(8)));
            ids.put("key:bob", insert(c, """
                    INSERT INTO ssh_key (user_id, name, algorithm, bits, fingerprint, public_key, created_at)
                    VALUES (?, ?, ?, 3072, ?, ?, ?)""", ids.get("bob"), "work", "ssh-rsa",
                    "SHA256:bobwork", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQBob bob@work", at(8)));

            // A container of the project that is deleted below: gone with it, so numbers have a gap.
            long early = container(c, new Old(0, ids.get("gone"), ids.get("bob"), "early", ids.get("image"),
                    "pytorch:2.3", null, "PYTHONUNBUFFERED=1", ids.get("spec"), 1, 4, 16384, null, null, null, null,
                    "STOPPED", null, List.of(), 0, at(10), at(11), at(12), List.of(
                    new OldEvent(at(10), "QUEUED", null, List.of()),
                    new OldEvent(at(12), "STOPPED", null, List.of())), List.of(), "STOPPED"));

            long live = request(c, "alice", 2, "PLACED", at(20), at(21), null);
            for (int device : List.of(0, 1)) {
                execute(c, "INSERT INTO allocation (request_id, node_id, device_index) VALUES (?, ?, ?)", live,
                        ids.get("node"), device);
            }
            keep("container:train", c, new Old(0, ids.get("project"), ids.get("alice"), "train", ids.get("image"),
                    "pytorch:2.3", null, "PYTHONUNBUFFERED=1", ids.get("spec"), 2, 8, 65536, live, ids.get("node"),
                    "0,1", "gantry-a/3f0c9a1e", "RUNNING", null, List.of(), null, at(20), at(22), null, List.of(
                    new OldEvent(at(20), "QUEUED", null, List.of()),
                    new OldEvent(at(21), "CREATING", null, List.of()),
                    new OldEvent(at(22), "RUNNING", null, List.of())),
                    List.of(ids.get("key:alice"), ids.get("key:alice2")), "RUNNING"));

            long waiting = request(c, "bob", 4, "QUEUED", at(30), null, null);
            keep("container:waiting", c, new Old(0, ids.get("project"), ids.get("bob"), "big-run", ids.get("image"),
                    "pytorch:2.3", null, "PYTHONUNBUFFERED=1", ids.get("spec"), 4, 16, 131072, waiting, null, null,
                    null, "QUEUED", null, List.of(), null, at(30), null, null, List.of(
                    new OldEvent(at(30), "QUEUED", null, List.of())), List.of(ids.get("key:bob")), "RUNNING"));

            long finished = request(c, "bob", 1, "RELEASED", at(40), at(40), at(45));
            keep("container:stopped", c, new Old(0, ids.get("project"), ids.get("bob"), "eval", ids.get("image"),
                    "registry.example.org/vision/eval:1", "/var/lib/gantry/images/7/files.tar", null, ids.get("spec"),
                    1, 4, 16384, finished, ids.get("node"), "3", "gantry-b/77d2e410", "STOPPED", null, List.of(), 137,
                    at(40), at(41), at(45), List.of(
                    new OldEvent(at(40), "QUEUED", null, List.of()),
                    new OldEvent(at(40), "CREATING", null, List.of()),
                    new OldEvent(at(41), "RUNNING", null, List.of()),
                    new OldEvent(at(44), "STOPPING", "container.reason.preempted", List.of()),
                    new OldEvent(at(45), "STOPPED", null, List.of())), List.of(ids.get("key:bob")), "STOPPED"));

            // Refused at once: its two events share one instant, so only their numbers order them.
            long refused = request(c, "alice", 4, "REFUSED", at(50), null, at(50));
            keep("container:refused", c, new Old(0, ids.get("project"), ids.get("alice"), "too-big", ids.get("image"),
                    "pytorch:2.3", null, "PYTHONUNBUFFERED=1", ids.get("spec"), 4, 16, 131072, refused, null, null,
                    null, "FAILED", "container.reason.refused", List.of("quota", "4"), null, at(50), null, at(50),
                    List.of(new OldEvent(at(50), "QUEUED", null, List.of()),
                            new OldEvent(at(50), "FAILED", "container.reason.refused", List.of("quota", "4"))),
                    List.of(ids.get("key:alice")), "STOPPED"));

            long old = request(c, "alice", 1, "RELEASED", at(60), at(60), at(66));
            keep("container:deleted", c, new Old(0, ids.get("project"), ids.get("alice"), "scratch", ids.get("image"),
                    "pytorch:2.3", null, "PYTHONUNBUFFERED=1", ids.get("spec"), 1, 4, 16384, old, ids.get("node"), "5",
                    null, "DELETED", null, List.of(), 0, at(60), at(61), at(65), List.of(
                    new OldEvent(at(60), "QUEUED", null, List.of()),
                    new OldEvent(at(60), "CREATING", null, List.of()),
                    new OldEvent(at(61), "RUNNING", null, List.of()),
                    new OldEvent(at(64), "STOPPING", null, List.of()),
                    new OldEvent(at(65), "STOPPED", null, List.of()),
                    new OldEvent(at(66), "DELETED", null, List.of())), List.of(), "DELETED"));

            execute(c, "DELETE FROM project WHERE id = ?", ids.get("gone"));
            assertThat(count(c, "SELECT COUNT(*) FROM container WHERE id = " + early)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM container")).isEqualTo(containers.size());
        }
    }

    private void keep(String name, Connection c, Old draft) throws SQLException {
        long id = container(c, draft);
        ids.put(name, id);
        containers.put(name, new Old(id, draft.projectId(), draft.userId(), draft.name(), draft.imageId(),
                draft.imageReference(), draft.imageFiles(), draft.imageEnvironment(), draft.specId(), draft.devices(),
                draft.cpuCores(), draft.memoryMib(), draft.brokerRequestId(), draft.nodeId(), draft.deviceIndexes(),
                draft.runtimeInstance(), draft.state(), draft.reason(), draft.arguments(), draft.exitCode(),
                draft.createdAt(), draft.startedAt(), draft.endedAt(), draft.events(), draft.keyIds(),
                draft.expectedDesired()));
    }

    /** A container, its keys and its events, as ContainerService and ContainerRepository stored them then. */
    private long container(Connection c, Old o) throws SQLException {
        long id = insert(c, """
                INSERT INTO container (project_id, user_id, name, image_id, image_reference, image_files,
                image_environment, spec_id, devices, cpu_cores, memory_mib, shared_memory_mib, login_method,
                terminal_password_hash, jupyter_token_encrypted, offers_ssh, offers_jupyter, offers_terminal,
                whitelist_id, broker_request_id, runtime, node_id, device_indexes, runtime_instance, state, reason,
                reason_arguments, exit_code, created_at, started_at, ended_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 8192, 'KEY', ?, ?, TRUE, TRUE, TRUE, NULL, ?, 'local', ?, ?, ?,
                ?, ?, ?, ?, ?, ?, ?)""",
                o.projectId(), o.userId(), o.name(), o.imageId(), o.imageReference(), o.imageFiles(),
                o.imageEnvironment(), o.specId(), o.devices(), o.cpuCores(), o.memoryMib(),
                "{bcrypt}$2a$10$" + o.name() + "terminalhash", "v1:AbCdEf" + o.name(), o.brokerRequestId(),
                o.nodeId(), o.deviceIndexes(), o.runtimeInstance(), o.state(), o.reason(), joined(o.arguments()),
                o.exitCode(), o.createdAt(), o.startedAt(), o.endedAt());
        if (o.brokerRequestId() != null) {
            // The old service stored the container first, then asked the broker for devices in its name.
            execute(c, "UPDATE broker_request SET workload = ? WHERE id = ?", "container:" + id, o.brokerRequestId());
        }
        for (Long keyId : o.keyIds()) {
            execute(c, "INSERT INTO container_key (container_id, key_id, public_key) "
                    + "SELECT ?, id, public_key FROM ssh_key WHERE id = ?", id, keyId);
        }
        for (OldEvent e : o.events()) {
            execute(c, "INSERT INTO container_event (container_id, at, state, reason, reason_arguments) "
                    + "VALUES (?, ?, ?, ?, ?)", id, e.at(), e.state(), e.reason(), joined(e.arguments()));
        }
        return id;
    }

    private long request(Connection c, String user, int devices, String status, Instant submitted, Instant placed,
                         Instant finished) throws SQLException {
        return insert(c, """
                INSERT INTO broker_request (project_id, user_id, spec_id, nodes, devices_per_node, cpu_per_node,
                memory_mib_per_node, priority, preemptible, workload, status, submitted_at, placed_at, finished_at)
                VALUES (?, ?, ?, 1, ?, 4, 16384, 0, FALSE, 'container', ?, ?, ?, ?)""",
                ids.get("project"), ids.get(user), ids.get("spec"), devices, status, submitted, placed, finished);
    }

    private long workloadOf(Connection c, long containerId) throws SQLException {
        return count(c, "SELECT workload_id FROM container WHERE id = " + containerId);
    }

    private static String renamed(String reason) {
        return reason == null ? null : reason.replace("container.reason.", "workload.reason.");
    }

    private static String joined(List<String> arguments) {
        return arguments.isEmpty() ? null : String.join(SEPARATOR, arguments);
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            bind(s, values);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                return keys.getLong(1);
            }
        }
    }

    private static void execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                s.setNull(i + 1, Types.NULL);
            } else if (v instanceof Instant t) {
                s.setObject(i + 1, t.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setObject(i + 1, v);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static List<Long> longs(PreparedStatement s) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getLong(1));
            }
        }
        return out;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = '" + table + "'") > 0;
    }
}
