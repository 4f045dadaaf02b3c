package io.gantry.workload;

import static io.gantry.workload.OldInstallation.count;
import static io.gantry.workload.OldInstallation.AWKWARD_ARGUMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gantry.workload.OldInstallation.Old;
import io.gantry.workload.OldInstallation.OldEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * An installation made before workloads existed upgrades without losing a container, an owner, a state or an event:
 * a database made by the changelogs of that time, filled as the application of that time stored its containers, is
 * migrated by today's master changelog, as the application does when it starts.
 */
abstract class WorkloadMigrationContract {

    /** The application's own master changelog, as it names it (spring.liquibase.change-log). */
    static final String MASTER = "classpath:changelog/db.changelog-master.yaml";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DataSource dataSource;
    private OldInstallation installation;

    /** A database of its own, empty, for one test. */
    abstract DataSource emptyDatabase() throws SQLException;

    abstract SQLDialect dialect();

    /** Frees what {@link #emptyDatabase()} made. */
    abstract void discard(DataSource database) throws SQLException;

    @BeforeEach
    void installBeforeWorkloads() throws Exception {
        dataSource = emptyDatabase();
        installation = OldInstallation.install(dataSource);
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
            assertThat(recorded).noneMatch(r -> r.matches("01[2-9].*"));
            assertThat(tableExists(c, "workload")).isFalse();
        }
    }

    @Test
    void everyContainerSurvivesTheUpgradeWithItsOwnerStateAndTimes() throws Exception {
        upgrade();
        try (Connection c = dataSource.getConnection()) {
            assertThat(count(c, "SELECT COUNT(*) FROM container")).isEqualTo(installation.containers.size());
            assertThat(count(c, "SELECT COUNT(*) FROM workload")).isEqualTo(installation.containers.size());
            for (Old old : installation.containers.values()) {
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
                        assertThat(list(r.getString("device_indexes"))).as(as)
                                .isEqualTo(indexes(old.deviceIndexes()));
                        assertThat(r.getString("state")).as(as).isEqualTo(old.state());
                        assertThat(r.getString("desired_state")).as(as).isEqualTo(old.expectedDesired());
                        assertThat(r.getString("reason")).as(as).isEqualTo(renamed(old.reason()));
                        assertThat(list(r.getString("reason_arguments"))).as(as)
                                .isEqualTo(listed(old.arguments()));
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
                s.setLong(1, installation.id("container:train"));
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
            for (Old old : installation.containers.values()) {
                List<Object> expected = new ArrayList<>();
                String from = null;
                for (OldEvent e : old.events()) {
                    expected.add(tuple(e.at(), from, e.state(), renamed(e.reason()), listed(e.arguments())));
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
                                    r.getString("reason"), list(r.getString("reason_arguments"))));
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
            Old failed = installation.container("container:refused");
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

            Old running = installation.container("container:train");
            Workload live = repository.find(workloadOf(c, running.id())).orElseThrow();
            assertThat(live.phase()).isEqualTo(Phase.RUNNING);
            assertThat(live.desired()).isEqualTo(Desired.RUNNING);
            assertThat(live.nodeId()).isEqualTo(installation.id("node"));
            assertThat(live.deviceIndexes()).containsExactly(0, 1);
            assertThat(live.runtimeInstance()).isEqualTo("gantry-a/3f0c9a1e");
            assertThat(live.startedAt()).isEqualTo(running.startedAt());
            assertThat(live.endedAt()).isNull();
            assertThat(repository.events(live.id())).extracting(WorkloadEvent::to)
                    .containsExactly(Phase.QUEUED, Phase.CREATING, Phase.RUNNING);

            // Arguments once joined by a separator read the same, whatever text they hold.
            Workload deleted = repository.find(workloadOf(c, installation.container("container:deleted").id()))
                    .orElseThrow();
            assertThat(deleted.reason()).isEqualTo("workload.reason.start-failed");
            assertThat(deleted.reasonArguments()).containsExactlyElementsOf(AWKWARD_ARGUMENTS);
            assertThat(deleted.deviceIndexes()).containsExactly(5);
            long stopped = workloadOf(c, installation.container("container:stopped").id());
            assertThat(repository.events(stopped)).filteredOn(e -> e.to() == Phase.STOPPING).singleElement()
                    .extracting(WorkloadEvent::reasonArguments).isEqualTo(AWKWARD_ARGUMENTS);
            assertThat(repository.find(stopped).orElseThrow().deviceIndexes()).containsExactly(3);
            // And what is written from now on keeps an argument whole, even one holding the old separator.
            List<String> written = List.of("a\u001fb", "", "c");
            repository.event(deleted, Phase.DELETED, Phase.DELETED, "workload.reason.start-failed", written,
                    Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(repository.events(deleted.id())).last().extracting(WorkloadEvent::reasonArguments)
                    .isEqualTo(written);
            // The replica that ran it still finds it as its own, and the resync looks after the live ones only.
            assertThat(repository.heldInPhases("gantry-a/3f0c9a1e", List.of(Phase.RUNNING)))
                    .extracting(Workload::id).containsExactly(live.id());
            assertThat(repository.unsettled()).extracting(Workload::id).containsExactlyInAnyOrder(live.id(),
                    workloadOf(c, installation.container("container:waiting").id()));
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
            assertThat(added).allMatch(id -> id.matches("(01[2-9]|0[2-9][0-9])-.*"))
                    .containsSubsequence("012-notice", "013-event-publication", "014-workload", "015-workload-lists");
            // The moved rows took identity numbers; the next workload and event must not collide with them.
            long max = count(c, "SELECT MAX(id) FROM workload");
            try (Statement s = c.createStatement()) {
                s.executeUpdate(String.format("""
                        INSERT INTO workload (kind, project_id, user_id, name, image_id, image_reference, spec_id,
                        devices, cpu_cores, memory_mib, runtime, runtime_id, desired_state, state, created_at)
                        VALUES ('container', %d, %d, 'after', 1, 'pytorch:2.3', %d, 0, 2, 4096, 'local',
                        'container-after', 'RUNNING', 'QUEUED', CURRENT_TIMESTAMP)""",
                        installation.id("project"), installation.id("alice"), installation.id("spec")));
            }
            assertThat(count(c, "SELECT MAX(id) FROM workload")).isGreaterThan(max);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO workload_event (workload_id, at, to_state)
                        SELECT id, CURRENT_TIMESTAMP, 'QUEUED' FROM workload WHERE name = 'after'""");
            }
        }
    }

    @Test
    void theBrokersRequestsForContainersNameTheWorkloadsTheyBecame() throws Exception {
        upgrade();
        try (Connection c = dataSource.getConnection()) {
            for (Old old : installation.containers.values()) {
                if (old.brokerRequestId() == null) {
                    continue;
                }
                assertThat(strings(c, "SELECT workload FROM broker_request WHERE id = " + old.brokerRequestId()))
                        .as("the request of container %s", old.name())
                        .containsExactly("workload:" + workloadOf(c, old.id()));
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

    private long workloadOf(Connection c, long containerId) throws SQLException {
        return count(c, "SELECT workload_id FROM container WHERE id = " + containerId);
    }

    private static String renamed(String reason) {
        return reason == null ? null : reason.replace("container.reason.", "workload.reason.");
    }

    /** A list column as the application reads it: a JSON array, or null for none. */
    private static List<Object> list(String json) {
        return json == null ? null : List.of(JSON.readValue(json, Object[].class));
    }

    /** Arguments as the application of that time read them: none stored as null. */
    private static List<Object> listed(List<String> arguments) {
        return arguments.isEmpty() ? null : List.copyOf(arguments);
    }

    private static List<Object> indexes(String text) {
        return text == null ? null : Arrays.stream(text.split(",")).map(i -> (Object) Integer.valueOf(i)).toList();
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
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
