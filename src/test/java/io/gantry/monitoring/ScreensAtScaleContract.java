package io.gantry.monitoring;

import static io.gantry.db.Tables.NODE;
import static io.gantry.db.Tables.PROJECT;
import static io.gantry.db.Tables.PROJECT_MEMBER;
import static io.gantry.db.Tables.PROJECT_QUOTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.bench.StatementCounter;
import io.gantry.bench.StatementCounter.Counts;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.NodeInfo;
import io.gantry.cluster.NodeTotals;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.QuotaUse;
import io.gantry.shared.ListSort;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The nodes, projects and monitoring screens at the sizes they must hold (10,000 nodes, 1,000 projects): a page
 * query returns the page, sorted by the database; counts and totals are summed there; and the statements a page
 * costs do not grow with the rows. Rows are written straight into the tables (a service would take minutes to make
 * them) and removed afterwards, so that other tests see the database as they left it. Run on H2 and PostgreSQL.
 */
abstract class ScreensAtScaleContract {

    static final String PREFIX = "scale-";
    static final int CHUNK = 1_000;

    @Autowired
    ApplicationContext context;
    @Autowired
    ClusterService cluster;
    @Autowired
    ProjectService projects;
    @Autowired
    ResourceUsageService usage;
    @Autowired
    StatementCounter counter;
    @Autowired
    DSLContext db;

    TestAccounts accounts;
    AcceleratorSpec spec;

    @BeforeEach
    void signIn() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
    }

    @AfterEach
    void removeRows() {
        db.deleteFrom(NODE).where(NODE.NAME.startsWith(PREFIX)).execute();
        db.deleteFrom(PROJECT).where(PROJECT.NAME.startsWith(PREFIX)).execute();
        accounts.signOut();
    }

    @Test
    void ten_thousand_nodes_are_paged_sorted_and_summed_by_the_database_at_a_cost_that_does_not_grow() {
        NodeTotals before = cluster.nodeTotals();
        addNodes(0, 1_000);
        long atThousand = counted(() -> cluster.nodes(List.of(ListSort.descending("name")), 40, 50)).counts()
                .statements() + counted(cluster::nodeTotals).counts().statements();
        addNodes(1_000, 10_000);

        Counted<List<NodeInfo>> page = counted(() -> cluster.nodes(List.of(ListSort.descending("name")), 40, 50));
        Counted<NodeTotals> totals = counted(cluster::nodeTotals);

        List<String> allNames = new ArrayList<>(db.select(NODE.NAME).from(NODE).fetch(NODE.NAME));
        allNames.sort(Comparator.reverseOrder());
        assertThat(page.value()).extracting(NodeInfo::name).containsExactlyElementsOf(allNames.subList(40, 90));
        // Cordoned, each with 8 devices: counted in all the devices, not in those that take new work.
        assertThat(totals.value()).isEqualTo(new NodeTotals(before.nodes() + 10_000, before.devices() + 80_000,
                before.schedulableDevices()));
        assertThat(page.counts().statements() + totals.counts().statements()).isEqualTo(atThousand)
                .isLessThanOrEqualTo(2);
    }

    @Test
    void monitoring_reads_a_page_of_nodes_and_sums_the_cluster_in_the_database() {
        ClusterUsage before = usage.clusterUsage();
        addNodes(0, 1_000);
        long atThousand = counted(() -> usage.nodeUsage(0, 48)).counts().statements()
                + counted(usage::clusterUsage).counts().statements();
        addNodes(1_000, 10_000);

        Counted<List<NodeUsage>> page = counted(() -> usage.nodeUsage(100, 48));
        Counted<ClusterUsage> totals = counted(usage::clusterUsage);

        assertThat(page.value()).hasSize(48).allSatisfy(n -> assertThat(n.devicesInUse()).isZero());
        assertThat(totals.value()).isEqualTo(new ClusterUsage(before.nodes() + 10_000, before.devices() + 80_000,
                before.devicesInUse()));
        assertThat(page.counts().statements() + totals.counts().statements()).isEqualTo(atThousand);
    }

    @Test
    void a_thousand_projects_are_paged_with_their_quotas_members_and_use_read_once_per_page() {
        String memberName = TestAccounts.uniqueName("scm");
        long member = accounts.create(memberName, PresetRole.USER);
        addProjects(0, 100, member);
        accounts.signInAs(memberName);
        long atHundred = counted(() -> projects.visible(0, 20)).counts().statements()
                + counted(projects::countVisible).counts().statements();
        accounts.signInAsAdmin();
        addProjects(100, 1_000, member);
        accounts.signInAs(memberName);

        Counted<List<ProjectOverview>> page = counted(() -> projects.visible(40, 20));
        Counted<Integer> count = counted(projects::countVisible);

        // The member is in every other project: 500 of the 1,000, by name.
        assertThat(count.value()).isEqualTo(500);
        assertThat(page.value()).extracting(o -> o.project().name()).containsExactlyElementsOf(
                IntStream.range(0, 1_000).filter(i -> i % 2 == 0).skip(40).limit(20)
                        .mapToObj(ScreensAtScaleContract::projectName).toList());
        assertThat(page.value()).allSatisfy(o -> {
            int i = Integer.parseInt(o.project().name().substring(PREFIX.length() + 1));
            assertThat(o.myRole()).isEqualTo(ProjectRole.MEMBER);
            assertThat(o.members()).isEqualTo(1);
            assertThat(o.quotas()).extracting(QuotaUse::specId, QuotaUse::granted)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(spec.id(), 1 + i % 4));
        });
        assertThat(page.counts().statements() + count.counts().statements()).isEqualTo(atHundred);

        accounts.signInAsAdmin();
        int all = projects.countVisible();
        assertThat(all).isGreaterThanOrEqualTo(1_000);
        assertThat(usage.countProjects()).isEqualTo(all);
        assertThat(usage.projectUsage(0, 30)).hasSize(30);
    }

    /** Nodes {@code from} to {@code to} (exclusive): simulated, cordoned, 8 devices of the A100 spec each. */
    private void addNodes(int from, int to) {
        Instant now = Instant.now();
        for (int chunk = from; chunk < to; chunk += CHUNK) {
            var insert = db.insertInto(NODE, NODE.NAME, NODE.ADDRESS, NODE.SPEC_ID, NODE.DEVICE_COUNT, NODE.CPU_CORES,
                    NODE.MEMORY_MIB, NODE.SCHEDULABLE, NODE.SIMULATED, NODE.CREATED_AT);
            for (int i = chunk; i < Math.min(to, chunk + CHUNK); i++) {
                insert = insert.values(String.format("%snode-%05d", PREFIX, i), "10.1.0.1", spec.id(), 8, 64,
                        512L * 1024, false, true, now);
            }
            insert.execute();
        }
    }

    /** Projects {@code from} to {@code to} (exclusive), each with a quota; the user is a member of the even ones. */
    private void addProjects(int from, int to, long member) {
        Instant now = Instant.now();
        LocalDate today = LocalDate.now();
        var projects = db.insertInto(PROJECT, PROJECT.NAME, PROJECT.START_DATE, PROJECT.END_DATE,
                PROJECT.MEMBERS_SEE_ALL, PROJECT.CREATED_AT);
        for (int i = from; i < to; i++) {
            projects = projects.values(projectName(i), today, today.plusDays(30), false, now);
        }
        projects.execute();
        var ids = db.select(PROJECT.NAME, PROJECT.ID).from(PROJECT).where(PROJECT.NAME.startsWith(PREFIX))
                .fetchMap(PROJECT.NAME, PROJECT.ID);
        var quotas = db.insertInto(PROJECT_QUOTA, PROJECT_QUOTA.PROJECT_ID, PROJECT_QUOTA.SPEC_ID,
                PROJECT_QUOTA.DEVICES);
        var members = db.insertInto(PROJECT_MEMBER, PROJECT_MEMBER.PROJECT_ID, PROJECT_MEMBER.USER_ID,
                PROJECT_MEMBER.ROLE, PROJECT_MEMBER.ADDED_AT);
        for (int i = from; i < to; i++) {
            long id = ids.get(projectName(i));
            quotas = quotas.values(id, spec.id(), 1 + i % 4);
            if (i % 2 == 0) {
                members = members.values(id, member, ProjectRole.MEMBER.name(), now);
            }
        }
        quotas.execute();
        members.execute();
    }

    private static String projectName(int i) {
        return String.format("%sp%05d", PREFIX, i);
    }

    /**
     * The read and the statements it ran, the fewest of three runs: the counter counts every thread, and a periodic
     * job of the application may fall into one run.
     */
    private <T> Counted<T> counted(Supplier<T> read) {
        Counted<T> fewest = null;
        for (int run = 0; run < 3; run++) {
            Counts before = counter.snapshot();
            T value = read.get();
            Counted<T> counted = new Counted<>(value, counter.snapshot().minus(before));
            if (fewest == null || counted.counts().statements() < fewest.counts().statements()) {
                fewest = counted;
            }
        }
        return fewest;
    }

    record Counted<T>(T value, Counts counts) {
    }
}
