package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * An installation made before workloads existed: the schema of the changelogs of that time (001 to 011), filled with
 * plain SQL as the application of that time stored its users, projects, device requests, containers, keys and events.
 */
final class OldInstallation {

    /** The changelogs of the release before workloads (001 to 011), with the real master's include paths. */
    static final String BEFORE_WORKLOADS = "changelog/before-workloads.yaml";

    /** The application of that time kept a reason's arguments in one column, separated by this character. */
    private static final String SEPARATOR = "\u001f";

    private static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");

    /**
     * Arguments as an error message may hold them: quotes, backslashes (one before "u001f", as the separator looks
     * when escaped), an empty one, line breaks, commas and other scripts. They must read the same after an upgrade.
     */
    static final List<String> AWKWARD_ARGUMENTS = List.of("say \"hi\"", "C:\\data\\", "", "literal \\u001f",
            "two\nlines\tand a tab", "a,b", "中文 é");

    /** A container as the application before workloads stored it, and what it should become. */
    record Old(long id, long projectId, long userId, String name, long imageId, String imageReference,
               String imageFiles, String imageEnvironment, long specId, int devices, int cpuCores, long memoryMib,
               Long brokerRequestId, Long nodeId, String deviceIndexes, String runtimeInstance, String state,
               String reason, List<String> arguments, Integer exitCode, Instant createdAt, Instant startedAt,
               Instant endedAt, List<OldEvent> events, List<Long> keyIds, String expectedDesired) {
    }

    record OldEvent(Instant at, String state, String reason, List<String> arguments) {
    }

    /** What the installation holds, by name: users, project, spec, node, keys and containers. */
    final Map<String, Long> ids = new HashMap<>();
    /** Its containers as they were stored, by name. */
    final Map<String, Old> containers = new LinkedHashMap<>();

    private final DataSource dataSource;

    private OldInstallation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes the schema of that time in an empty database, then fills it. */
    static OldInstallation install(DataSource empty) throws Exception {
        OldInstallation installation = new OldInstallation(empty);
        installation.applyWithLiquibase(BEFORE_WORKLOADS);
        installation.fill();
        return installation;
    }

    long id(String name) {
        return ids.get(name);
    }

    Old container(String name) {
        return containers.get(name);
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
            for (String user : List.of("admin", "alice", "bob")) {
                execute(c, "INSERT INTO user_role (user_id, role_id) SELECT ?, id FROM role WHERE preset = ?",
                        ids.get(user), user.equals("admin") ? "SYSTEM_ADMIN" : "USER");
            }
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
                        ids.get("project"), ids.get(member), member.equals("alice") ? "MANAGER" : "MEMBER", at(7));
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
                    new OldEvent(at(44), "STOPPING", "container.reason.preempted", AWKWARD_ARGUMENTS),
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
                    null, "DELETED", "container.reason.start-failed", AWKWARD_ARGUMENTS, 0, at(60), at(61), at(65),
                    List.of(
                    new OldEvent(at(60), "QUEUED", null, List.of()),
                    new OldEvent(at(60), "CREATING", null, List.of()),
                    new OldEvent(at(61), "RUNNING", null, List.of()),
                    new OldEvent(at(64), "STOPPING", null, List.of()),
                    new OldEvent(at(65), "STOPPED", null, List.of()),
                    new OldEvent(at(66), "DELETED", null, List.of())), List.of(), "DELETED"));

            execute(c, "DELETE FROM project WHERE id = ?", ids.get("gone"));
            // The node is out of scheduling for maintenance: the waiting container goes on waiting after an upgrade.
            execute(c, "UPDATE node SET schedulable = FALSE WHERE id = ?", ids.get("node"));
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


    static String joined(List<String> arguments) {
        return arguments.isEmpty() ? null : String.join(SEPARATOR, arguments);
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
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

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

}
