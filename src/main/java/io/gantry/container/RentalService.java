package io.gantry.container;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterInventory;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.project.Project;
import io.gantry.project.Projects;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.workload.DeviceRentals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The device rental overview (AI-Stack 五.4): devices rented per hour and spec over the last seven days, with the peak
 * and quiet hours. Platform admins see every project's rental, together or one project's; a project's managers see
 * their project's. Members do not: a project's hours show when its members work.
 */
@Service
@PreAuthorize("hasRole('" + Permission.Names.CONTAINERS_USE + "')")
public class RentalService {

    /** The window: the last seven whole days of hours, up to the start of the current hour. */
    public static final int HOURS = 7 * 24;

    private final DeviceRentals rentals;
    private final Projects projects;
    private final ClusterInventory inventory;
    private final Clock clock;

    RentalService(DeviceRentals rentals, Projects projects, ClusterInventory inventory, Clock clock) {
        this.rentals = rentals;
        this.projects = projects;
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * @param projectId the project shown, or null for all projects together
     * @param specNames the name of each spec rented in the window, by id, in the order the page shows them
     */
    public record RentalOverview(Long projectId, Instant from, Instant to, Map<Long, String> specNames,
                                 RentalWeek week) {
    }

    /** Whether the signed-in user may see all projects' rental together: platform admins. */
    public boolean seesAllProjects() {
        return isAdmin(CurrentUser.get().orElseThrow());
    }

    /** The projects whose rental the signed-in user may see, by name: every project for admins, else those managed. */
    @Transactional(readOnly = true)
    public List<Project> projects() {
        SignedInUser me = CurrentUser.get().orElseThrow();
        List<Project> visible = isAdmin(me) ? projects.all()
                : projects.managedBy(me.id()).stream().map(projects::project).toList();
        return visible.stream().sorted(Comparator.comparing(Project::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * The rental of one project (its managers and admins), or of all projects together when {@code projectId} is
     * null (admins only), over the last seven days.
     */
    @Transactional(readOnly = true)
    public RentalOverview overview(Long projectId) {
        SignedInUser me = CurrentUser.get().orElseThrow();
        List<Long> scope;
        if (projectId == null) {
            if (!isAdmin(me)) {
                throw new NotAllowed("rental.all.not-allowed");
            }
            scope = null;
        } else {
            if (!isAdmin(me)) {
                if (projects.roleOf(projectId, me.id()).isEmpty()) {
                    throw new NotFound("project");
                }
                if (!projects.isManager(projectId, me.id())) {
                    throw new NotAllowed("rental.project.managers-only");
                }
            }
            projects.project(projectId);
            scope = List.of(projectId);
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofHours(HOURS));
        Map<Long, AcceleratorSpec> specs = inventory.specsById();
        List<Long> byName = specs.values().stream()
                .sorted(Comparator.comparing(AcceleratorSpec::name, String.CASE_INSENSITIVE_ORDER))
                .map(AcceleratorSpec::id).toList();
        RentalWeek week = RentalWeek.of(from, HOURS, byName, rentals.hourly(scope, from, HOURS));
        Map<Long, String> names = new LinkedHashMap<>();
        // A spec deleted since is still named, by its number.
        week.perSpec().keySet().forEach(id -> names.put(id,
                Optional.ofNullable(specs.get(id)).map(AcceleratorSpec::name).orElse("#" + id)));
        return new RentalOverview(projectId, from, to, names, week);
    }

    private static boolean isAdmin(SignedInUser me) {
        return me.has(Permission.PROJECTS_MANAGE) && !me.mustChangePassword();
    }
}
