package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.AdjustableClock;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.PodLimits;
import io.gantry.cluster.Prices;
import io.gantry.cluster.SpecForm;
import io.gantry.cluster.Vendor;
import io.gantry.container.RentalService.RentalOverview;
import io.gantry.container.RentalWeek.Mark;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.Project;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The device rental overview on H2 and PostgreSQL, the clock moved by hand: work whose times cross hours' edges is cut
 * at them by the database, and each viewer sees what their role lets them.
 *
 * <p>With the clock at {@code NOW} = the hour H plus 30 minutes, the window is the 168 hours before H. In project
 * {@code lab}, on a spec of the test's own:
 * <pre>
 *  2 devices  H-3h+15min .. H-1h+30min   1.5 in hour 165, 2 in hour 166, 1 in hour 167
 *  1 device   H-2h .. still running      1 in hours 166 and 167
 *  1 device   H-200h .. H-190h           before the window
 *  3 devices  refused at H-2h            never held a device
 * </pre>
 * and in project {@code other}: 4 devices from H-170h to H-168h+30min, 2 in hour 0.
 */
abstract class RentalServiceContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    RentalService rentals;
    @Autowired
    ProjectService projects;
    @Autowired
    ClusterService cluster;
    @Autowired
    AdjustableClock clock;
    @Autowired
    DSLContext db;

    TestAccounts accounts;
    RentalFixtures work;
    Instant hour;
    long spec;
    long lab;
    long other;
    String manager;
    String member;

    @BeforeEach
    void rentSomeDevices() {
        accounts = new TestAccounts(context);
        work = new RentalFixtures(db);
        accounts.signInAsAdmin();
        // The clock moves on to half past the next hour, so that the window's edges are whole hours before it.
        hour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        clock.set(hour.plus(Duration.ofMinutes(30)));
        spec = cluster.createSpec(new SpecForm(TestAccounts.uniqueName("rent"), Vendor.NVIDIA, "A100",
                "nvidia.com/gpu", null, "0, 1, 2, 4", 4, Prices.FREE, PodLimits.DEFAULT));
        manager = TestAccounts.uniqueName("pm");
        long managerId = accounts.activate(accounts.create(manager, PresetRole.USER));
        member = TestAccounts.uniqueName("mb");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        lab = project(managerId);
        projects.addMembers(lab, Set.of(memberId), ProjectRole.MEMBER);
        other = project(memberId);
        work.ran(lab, memberId, spec, 2, at(-3, 15), at(-1, 30));
        work.ran(lab, managerId, spec, 1, at(-2, 0), null);
        work.ran(lab, memberId, spec, 1, at(-200, 0), at(-190, 0));
        work.refused(lab, memberId, spec, 3, at(-2, 0));
        work.ran(other, memberId, spec, 4, at(-170, 0), at(-168, 30));
    }

    @AfterEach
    void endTheWork() {
        work.endAll(clock.instant());
        clock.reset();
        accounts.signOut();
    }

    /** A project of which the administrator is not a member, managed by this user. */
    long project(long managerId) {
        LocalDate today = LocalDate.now();
        return projects.create(new ProjectForm(TestAccounts.uniqueName("rp"), null, today.minusDays(1),
                today.plusDays(30), ProjectLimits.NONE, List.of()), Set.of(managerId));
    }

    Instant at(int hours, int minutes) {
        return hour.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(minutes));
    }

    static List<BigDecimal> lastHours(RentalOverview overview, long spec, int count) {
        List<BigDecimal> values = overview.week().perSpec().get(spec);
        return values.subList(values.size() - count, values.size());
    }

    @Test
    void workIsCutAtTheHoursEdgesAndRunningWorkCountsUpToNow() {
        accounts.signInAs(manager);

        RentalOverview overview = rentals.overview(lab);

        assertThat(overview.from()).isEqualTo(hour.minus(Duration.ofDays(7)));
        assertThat(overview.to()).isEqualTo(hour);
        assertThat(overview.week().hours()).hasSize(RentalService.HOURS);
        assertThat(overview.specNames()).containsOnlyKeys(spec);
        assertThat(lastHours(overview, spec, 4)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("1.5"), new BigDecimal("3"),
                        new BigDecimal("2"));
        // Nothing else in the window: the work before it and the refused work held nothing in it.
        assertThat(overview.week().totals().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("6.5");
    }

    @Test
    void theBusiestHourIsThePeakAndEmptyHoursAreQuiet() {
        accounts.signInAs(manager);

        RentalWeek week = rentals.overview(lab).week();

        List<Mark> marks = week.marks();
        assertThat(marks.subList(marks.size() - 3, marks.size())).containsExactly(Mark.NONE, Mark.PEAK,
                Mark.NONE);
        assertThat(marks.subList(0, marks.size() - 3)).containsOnly(Mark.QUIET);
        assertThat(week.busiest()).isEqualByComparingTo("3");
    }

    @Test
    void theWindowMovesWithTheClock() {
        clock.advance(Duration.ofHours(1));
        accounts.signInAs(manager);

        RentalOverview overview = rentals.overview(lab);

        assertThat(overview.to()).isEqualTo(hour.plus(Duration.ofHours(1)));
        // The hour that was under way is whole now: only the work still running held a device in it.
        assertThat(lastHours(overview, spec, 4)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1.5"), new BigDecimal("3"), new BigDecimal("2"),
                        new BigDecimal("1"));
    }

    @Test
    void anAdministratorSeesAllProjectsTogether() {
        accounts.signInAsAdmin();

        RentalOverview all = rentals.overview(null);
        RentalOverview otherOnly = rentals.overview(other);

        assertThat(all.projectId()).isNull();
        assertThat(all.week().perSpec().get(spec).getFirst()).isEqualByComparingTo("2");
        assertThat(lastHours(all, spec, 3)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1.5"), new BigDecimal("3"), new BigDecimal("2"));
        assertThat(otherOnly.week().totals().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("2");
    }

    @Test
    void aManagerChoosesAmongTheProjectsTheyManageAndSeesNoOthers() {
        accounts.signInAs(manager);

        assertThat(rentals.seesAllProjects()).isFalse();
        assertThat(rentals.projects()).extracting(Project::id).containsExactly(lab);
        assertThatThrownBy(() -> rentals.overview(other)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> rentals.overview(null)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("rental.all.not-allowed"));
    }

    @Test
    void aMemberDoesNotSeeTheProjectsRental() {
        accounts.signInAs(member);

        // A manager of "other", a member of "lab": only "other" is offered.
        assertThat(rentals.projects()).extracting(Project::id).containsExactly(other);
        assertThatThrownBy(() -> rentals.overview(lab)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("rental.project.managers-only"));
    }

    @Test
    void anAdministratorIsOfferedEveryProject() {
        accounts.signInAsAdmin();

        assertThat(rentals.seesAllProjects()).isTrue();
        assertThat(rentals.projects()).extracting(Project::id).contains(lab, other);
    }
}
