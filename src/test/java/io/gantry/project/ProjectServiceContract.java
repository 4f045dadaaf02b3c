package io.gantry.project;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.AdjustableClock;
import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.OperationLogQuery;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserFields;
import io.gantry.identity.UserRef;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/**
 * The rules of projects, quotas, members and extensions; run on H2 and on PostgreSQL, on the tests' clock
 * ({@link io.gantry.TestClock}) so that a project's dates can pass.
 */
abstract class ProjectServiceContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    ProjectService projects;
    @Autowired
    PlatformContactService contacts;
    @Autowired
    CurrentProjectService currentProjects;
    @Autowired
    ProjectExtensionService extensions;
    @Autowired
    Projects internal;
    @Autowired
    ClusterService cluster;
    @Autowired
    OperationLog operationLog;
    @Autowired
    AdjustableClock clock;
    @Autowired
    ProjectCalendar calendar;

    TestAccounts accounts;
    AcceleratorSpec a100;
    AcceleratorSpec ascend;
    LocalDate today;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        a100 = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        ascend = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910")).findFirst().orElseThrow();
        today = calendar.today();
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
        clock.reset();
    }

    /** The first instant of a day in Gantry's zone. */
    Instant midnightBefore(LocalDate day) {
        return day.atStartOfDay(calendar.zone()).toInstant();
    }

    ProjectForm form(String name, LocalDate start, LocalDate end, Quota... quotas) {
        return new ProjectForm(name, "for tests", start, end, ProjectLimits.NONE, List.of(quotas));
    }

    /** Creates a project with a fresh account as its manager, as the form requires one. */
    long create(ProjectForm form) {
        return projects.create(form, Set.of(accounts.create(uniqueName("boss"), PresetRole.USER)));
    }

    long project(int a100Devices) {
        return create(form(uniqueName("proj"), today.minusDays(1), today.plusDays(30),
                new Quota(a100.id(), a100Devices, null)));
    }

    void releaseAllQuotas() {
        new TestProjects(projects).releaseAllQuotas();
    }

    static List<String> fields(InvalidInput e) {
        return e.problems().stream().map(FieldProblem::field).toList();
    }

    // quotas and capacity

    @Test
    void aQuotaCannotBeGrantedBeyondTheClustersCapacity() {
        releaseAllQuotas();
        long first = project(12);
        assertThat(projects.headroom(null)).filteredOn(h -> h.specId() == a100.id())
                .singleElement().satisfies(h -> {
                    assertThat(h.capacity()).isEqualTo(16);
                    assertThat(h.freeToGrant()).isEqualTo(4);
                });
        String name = uniqueName("over");
        assertThatThrownBy(() -> create(form(name, today, today.plusDays(9), new Quota(a100.id(), 5, null))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(fields(e)).containsExactly("quota." + a100.id());
                    assertThat(e.problems().getFirst().messageKey()).isEqualTo("quota.beyond-capacity");
                });
        assertThat(projects.visible()).extracting(o -> o.project().name()).doesNotContain(name);
        // The project's own grant does not count against itself when it is edited.
        var p = projects.overview(first).project();
        projects.update(first, new ProjectForm(p.name(), null, p.startDate(), p.endDate(), p.limits(),
                List.of(new Quota(a100.id(), 16, 8))));
        assertThat(projects.quotas(first)).containsExactly(new Quota(a100.id(), 16, 8));
        releaseAllQuotas();
    }

    @Test
    void refusesEndBeforeStartNegativeQuotasAndPerUserCountsTheSpecCannotServe() {
        assertThatThrownBy(() -> create(new ProjectForm(uniqueName("bad"), null, today, today.minusDays(1),
                new ProjectLimits(0, -1, null, null, -2, false),
                List.of(new Quota(ascend.id(), -1, null), new Quota(a100.id(), 4, 3)))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder(
                        "endDate", "maxUsers", "maxJobHours", "approvalThreshold", "quota." + ascend.id(),
                        "perUser." + a100.id()));
        assertThatThrownBy(() -> create(form("", null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e))
                        .containsExactlyInAnyOrder("name", "startDate", "endDate"));
    }

    @Test
    void refusesLimitsBeyondTheirBounds() {
        assertThatThrownBy(() -> create(new ProjectForm(uniqueName("huge"), null, today, today.plusDays(1),
                new ProjectLimits(ProjectLimits.MAX_USERS + 1, ProjectLimits.MAX_HOURS + 1, ProjectLimits.MAX_HOURS,
                        999_999_999, null, false), List.of())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey() + java.util.Arrays.toString(p.arguments()))
                        .containsExactlyInAnyOrder(
                                "maxUsers:field.limit-range[" + ProjectLimits.MAX_USERS + "]",
                                "maxJobHours:field.limit-range[" + ProjectLimits.MAX_HOURS + "]",
                                "idleReclaimHours:field.limit-range[" + ProjectLimits.MAX_IDLE_RECLAIM_HOURS + "]"));
    }

    @Test
    void aPerUserMaximumWithoutAQuotaAsksForTheQuotaInsteadOfNamingANegativeOrEmptyBound() {
        assertThatThrownBy(() -> create(form(uniqueName("pu"), today, today.plusDays(9),
                new Quota(a100.id(), -4, 2), new Quota(ascend.id(), 0, 1))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey() + ":" + p.arguments().length)
                        .containsExactlyInAnyOrder("quota." + a100.id() + ":field.not-negative:0",
                                "perUser." + a100.id() + ":quota.per-user.no-quota:0",
                                "perUser." + ascend.id() + ":quota.per-user.no-quota:0"));
    }

    @Test
    void projectNamesRefuseDirectionOverrides() {
        assertThatThrownBy(() -> create(form(uniqueName("p") + "\u202E", today, today.plusDays(30))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("name:field.control-characters"));
    }

    @Test
    void projectNamesAreUnique() {
        String name = uniqueName("same");
        create(form(name, today, today.plusDays(1)));
        assertThatThrownBy(() -> create(form(name.toUpperCase(), today, today.plusDays(1))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).containsExactly("name"));
    }

    @Test
    void quotaUseCountsTheDevicesAndWorkTheProjectHolds() {
        releaseAllQuotas();
        long id = project(4);
        TestWorkloads.run(id, 2, Map.of(a100.id(), 3));
        try {
            var overview = projects.overview(id);
            assertThat(overview.running()).isEqualTo(2);
            assertThat(overview.quotas()).singleElement().satisfies(q -> {
                assertThat(q.granted()).isEqualTo(4);
                assertThat(q.used()).isEqualTo(3);
                assertThat(q.free()).isEqualTo(1);
            });
        } finally {
            TestWorkloads.stopAll(id);
            releaseAllQuotas();
        }
    }

    // members and managers

    @Test
    void aProjectIsCreatedOnlyWithAManager() {
        String name = uniqueName("headless");
        assertThatThrownBy(() -> projects.create(form(name, today, today.plusDays(5)), Set.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("managers", "project.managers.required")));
        assertThatThrownBy(() -> projects.create(form(name, today, today.plusDays(5)), Set.of(-1L)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).containsExactly("managers"));
        assertThat(projects.visible()).extracting(o -> o.project().name()).doesNotContain(name);

        String lead = uniqueName("lead");
        long leadId = accounts.create(lead, PresetRole.USER);
        long id = projects.create(form(name, today, today.plusDays(5)), Set.of(leadId));
        assertThat(projects.members(id)).extracting(Member::username, Member::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(lead, ProjectRole.MANAGER));
        accounts.signInAs(lead);
        assertThat(projects.canManage(id)).isTrue();
    }

    @Test
    void theMemberPickerOffersOnlyThoseNotYetMembersAndAddingCountsTheNewcomers() {
        long id = project(0);
        String member = uniqueName("in");
        String outsider = uniqueName("out");
        long memberId = accounts.create(member, PresetRole.USER);
        long outsiderId = accounts.create(outsider, PresetRole.USER);
        assertThat(projects.addMembers(id, Set.of(memberId), ProjectRole.MEMBER)).isEqualTo(1);

        assertThat(projects.candidates(id, member, 0, 10)).isEmpty();
        assertThat(projects.candidates(id, outsider, 0, 10)).extracting(UserRef::username).containsExactly(outsider);
        assertThat(projects.addMembers(id, Set.of(memberId, outsiderId), ProjectRole.MEMBER)).isEqualTo(1);
        assertThat(projects.candidates(id, outsider, 0, 10)).isEmpty();
    }

    @Test
    void aManagerEditsTheirProjectAddsMembersAndAppointsManagersButNotAnotherProject() {
        long mine = project(0);
        long other = project(0);
        String manager = uniqueName("mgr");
        String newcomer = uniqueName("new");
        long managerId = accounts.create(manager, PresetRole.USER);
        long newcomerId = accounts.create(newcomer, PresetRole.USER);
        projects.addMembers(mine, Set.of(managerId), ProjectRole.MANAGER);

        accounts.signInAs(manager);
        projects.rename(mine, uniqueName("renamed"), "new words");
        projects.addMembers(mine, Set.of(newcomerId), ProjectRole.MEMBER);
        projects.setRole(mine, newcomerId, ProjectRole.MANAGER);
        assertThat(projects.members(mine)).extracting(Member::username, Member::role)
                .contains(org.assertj.core.groups.Tuple.tuple(newcomer, ProjectRole.MANAGER));

        assertThatThrownBy(() -> projects.rename(other, uniqueName("hijack"), null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> projects.addMembers(other, Set.of(newcomerId), ProjectRole.MEMBER))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> projects.update(mine, form(uniqueName("x"), today, today)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aMemberCannotManageNorSeeAnotherProject() {
        long mine = project(0);
        long other = project(0);
        String member = uniqueName("mem");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(mine, Set.of(memberId), ProjectRole.MEMBER);

        accounts.signInAs(member);
        assertThat(projects.visible()).extracting(o -> o.project().id()).containsExactly(mine);
        assertThat(projects.overview(mine).myRole()).isEqualTo(ProjectRole.MEMBER);
        assertThatThrownBy(() -> projects.overview(other)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> projects.members(other)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> projects.addMembers(mine, Set.of(memberId), ProjectRole.MANAGER))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.delete(mine)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theLastManagerCannotStepDownAndTheMemberLimitHolds() {
        String manager = uniqueName("only");
        long managerId = accounts.create(manager, PresetRole.USER);
        long id = projects.create(new ProjectForm(uniqueName("small"), null, today, today.plusDays(5),
                new ProjectLimits(2, null, null, null, null, false), List.of()), Set.of(managerId));
        long second = accounts.create(uniqueName("second"), PresetRole.USER);
        long third = accounts.create(uniqueName("third"), PresetRole.USER);
        projects.addMembers(id, Set.of(second), ProjectRole.MEMBER);
        assertThatThrownBy(() -> projects.addMembers(id, Set.of(third), ProjectRole.MEMBER))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.messageKey())
                        .isEqualTo("project.max-users.reached"));

        accounts.signInAs(manager);
        assertThatThrownBy(() -> projects.setRole(id, managerId, ProjectRole.MEMBER)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> projects.removeMember(id, managerId)).isInstanceOf(NotAllowed.class);
        assertThat(projects.members(id)).hasSize(2);
    }

    @Test
    void aManagerRemovesMembersAndTheLogNamesThemButAPlatformAdminMayDemoteTheLastManager() {
        String boss = uniqueName("boss");
        long bossId = accounts.create(boss, PresetRole.USER);
        long id = projects.create(form(uniqueName("team"), today, today.plusDays(5)), Set.of(bossId));
        String leaving = uniqueName("leaving");
        long leavingId = accounts.create(leaving, PresetRole.USER);
        projects.addMembers(id, Set.of(leavingId), ProjectRole.MEMBER);

        accounts.signInAs(boss);
        projects.removeMember(id, leavingId);
        assertThat(projects.members(id)).extracting(Member::username).containsExactly(boss);
        assertThatThrownBy(() -> projects.removeMember(id, leavingId)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> projects.setRole(id, leavingId, ProjectRole.MANAGER)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> projects.addMembers(id, Set.of(-1L), ProjectRole.MEMBER))
                .isInstanceOf(NotFound.class);

        accounts.signInAsAdmin();
        assertThat(operationLog.find(new OperationLogQuery(null, null, leaving), 0, 10))
                .extracting(OperationLogEntry::action).contains("project.add-members", "project.remove-member");
        projects.setRole(id, bossId, ProjectRole.MEMBER);
        assertThat(projects.members(id)).extracting(Member::role).containsExactly(ProjectRole.MEMBER);
        assertThat(projects.projectsOf(bossId)).hasSize(1).containsValue(ProjectRole.MEMBER);
    }

    @Test
    void theMemberLimitCannotBeSetBelowTheMembersAndCountsTheManagersAtCreation() {
        long first = accounts.create(uniqueName("m1"), PresetRole.USER);
        long second = accounts.create(uniqueName("m2"), PresetRole.USER);
        assertThatThrownBy(() -> projects.create(new ProjectForm(uniqueName("tight"), null, today, today.plusDays(1),
                new ProjectLimits(1, null, null, null, null, false), List.of()), Set.of(first, second)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("managers", "project.max-users.reached")));

        long id = projects.create(form(uniqueName("pair"), today, today.plusDays(1)), Set.of(first, second));
        Project p = projects.overview(id).project();
        assertThatThrownBy(() -> projects.update(id, new ProjectForm(p.name(), null, p.startDate(), p.endDate(),
                new ProjectLimits(1, null, null, null, null, false), List.of())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(fields(e)).containsExactly("maxUsers");
                    assertThat(e.messageKey()).isEqualTo("project.max-users.below-members");
                });
    }

    @Test
    void theLimitsAreSavedAsGivenAndOtherModulesReadThem() {
        ProjectLimits limits = new ProjectLimits(20, 48, 72, 6, 2, true);
        long id = create(new ProjectForm(uniqueName("limits"), "with limits", today, today.plusDays(9), limits,
                List.of()));

        assertThat(projects.overview(id).project().limits()).isEqualTo(limits);
        assertThat(internal.limits(id)).isEqualTo(limits);
        assertThat(internal.schedulingLimits()).filteredOn(l -> l.projectId() == id).singleElement()
                .satisfies(l -> assertThat(l.maxJobHours()).isEqualTo(48));

        Project p = projects.overview(id).project();
        projects.update(id, new ProjectForm(p.name(), p.description(), p.startDate(), p.endDate(),
                ProjectLimits.NONE, List.of()));
        assertThat(internal.limits(id)).isEqualTo(ProjectLimits.NONE);
        assertThat(operationLog.find(new OperationLogQuery(null, null, p.name()), 0, 10))
                .extracting(OperationLogEntry::action).contains("project.create", "project.update");
    }

    @Test
    void onlyPlatformAdminsCreateEditDeleteAndReadEveryProject() {
        long id = project(0);
        String member = uniqueName("plain");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(id, Set.of(memberId), ProjectRole.MANAGER);

        accounts.signInAs(member);
        assertThatThrownBy(() -> projects.create(form(uniqueName("mine"), today, today), Set.of(memberId)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.all()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.headroom(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> projects.projectsOf(memberId)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> extensions.pendingExtensions()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> extensions.countExtensionRequests(ExtensionFilter.ALL))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> contacts.saveContact(new Contact("me", null, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        // A manager of the project still may not delete it or change its dates and quotas.
        assertThatThrownBy(() -> projects.delete(id)).isInstanceOf(AccessDeniedException.class);

        accounts.signOut();
        assertThatThrownBy(() -> projects.visible())
                .isInstanceOf(org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> contacts.contact())
                .isInstanceOf(org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
        accounts.signInAsAdmin();
    }

    // deleting

    @Test
    void aBusyProjectCannotBeDeleted() {
        long id = project(0);
        TestWorkloads.run(id, 1, Map.of());
        try {
            assertThatThrownBy(() -> projects.delete(id)).isInstanceOfSatisfying(NotAllowed.class,
                    e -> assertThat(e.messageKey()).isEqualTo("project.delete.busy"));
            assertThat(projects.overview(id)).isNotNull();
        } finally {
            TestWorkloads.stopAll(id);
        }
        projects.delete(id);
        assertThatThrownBy(() -> projects.overview(id)).isInstanceOf(NotFound.class);
    }

    // extensions and dates

    @Test
    void anApprovedExtensionMovesTheEndDateExactlyOnceAndTheRequesterSeesIt() {
        LocalDate end = today.plusDays(10);
        long id = create(form(uniqueName("ext"), today, end));
        String member = uniqueName("asker");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(id, Set.of(memberId), ProjectRole.MEMBER);

        accounts.signInAs(member);
        long request = extensions.requestExtension(id, 14, "The experiment needs two more weeks");
        assertThatThrownBy(() -> extensions.requestExtension(id, 3, "again")).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> extensions.decideExtension(request, true, null))
                .isInstanceOf(AccessDeniedException.class);

        accounts.signInAsAdmin();
        assertThat(extensions.pendingExtensions()).extracting(ExtensionRequest::id).contains(request);
        extensions.decideExtension(request, true, "Granted");
        assertThatThrownBy(() -> extensions.decideExtension(request, true, "Twice")).isInstanceOf(NotAllowed.class);
        assertThat(projects.overview(id).project().endDate()).isEqualTo(end.plusDays(14));

        accounts.signInAs(member);
        assertThat(extensions.extensions(id)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExtensionStatus.APPROVED);
            assertThat(r.decisionMessage()).isEqualTo("Granted");
            assertThat(r.endDateAfter()).isEqualTo(end.plusDays(14));
        });
        accounts.signInAsAdmin();
        assertThat(operationLog.find(new OperationLogQuery(null, null, "extension."), 0, 100))
                .extracting(OperationLogEntry::action).contains("extension.request", "extension.approve");
    }

    @Test
    void aRejectionNeedsAMessageAndLeavesTheDate() {
        LocalDate end = today.plusDays(3);
        long id = create(form(uniqueName("rej"), today, end));
        String member = uniqueName("rejected");
        projects.addMembers(id, Set.of(accounts.create(member, PresetRole.USER)), ProjectRole.MEMBER);
        accounts.signInAs(member);
        assertThatThrownBy(() -> extensions.requestExtension(id, 0, "")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(fields(e)).containsExactly("days", "reason"));
        long request = extensions.requestExtension(id, 5, "Please");
        accounts.signInAsAdmin();
        assertThatThrownBy(() -> extensions.decideExtension(request, false, " ")).isInstanceOf(InvalidInput.class);
        extensions.decideExtension(request, false, "Budget is spent");
        assertThat(projects.overview(id).project().endDate()).isEqualTo(end);
        assertThat(extensions.extensions(id).getFirst().status()).isEqualTo(ExtensionStatus.REJECTED);
    }

    @Test
    void decidedRequestsStayInTheHistoryWithTheDecisionWhoAndWhen() {
        long id = project(0);
        String member = uniqueName("history");
        projects.addMembers(id, Set.of(accounts.create(member, PresetRole.USER)), ProjectRole.MEMBER);
        accounts.signInAs(member);
        long decided = extensions.requestExtension(id, 2, "Two days");
        accounts.signInAsAdmin();
        extensions.decideExtension(decided, true, null);
        accounts.signInAs(member);
        long waiting = extensions.requestExtension(id, 3, "Three more");
        accounts.signInAsAdmin();

        assertThat(extensions.extensionRequests(ExtensionFilter.PENDING)).extracting(ExtensionRequest::id)
                .contains(waiting).doesNotContain(decided);
        assertThat(extensions.extensionRequests(ExtensionFilter.DECIDED)).extracting(ExtensionRequest::id)
                .contains(decided).doesNotContain(waiting);
        assertThat(extensions.extensionRequests(ExtensionFilter.ALL)).extracting(ExtensionRequest::id)
                .contains(decided, waiting);
        assertThat(extensions.extensionRequests(ExtensionFilter.DECIDED)).filteredOn(r -> r.id() == decided)
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ExtensionStatus.APPROVED);
                    assertThat(r.decidedBy()).isEqualTo(TestAccounts.ADMIN);
                    assertThat(r.decidedAt()).isNotNull();
                });
        accounts.signInAs(member);
        assertThatThrownBy(() -> extensions.extensionRequests(ExtensionFilter.ALL))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theExtensionRequestsSortInTheDatabaseByTheAskedColumnAndRefuseOthers() {
        String tag = uniqueName("sorted");
        String member = uniqueName("sorter");
        long memberId = accounts.create(member, PresetRole.USER);
        Map<Long, String> names = new java.util.HashMap<>();
        List<Long> requests = new java.util.ArrayList<>();
        for (String suffix : List.of("b", "c", "a")) {
            long id = create(form(tag + suffix, today, today.plusDays(30)));
            projects.addMembers(id, Set.of(memberId), ProjectRole.MEMBER);
            accounts.signInAs(member);
            long request = extensions.requestExtension(id, suffix.charAt(0) - 'a' + 1, "More days");
            accounts.signInAsAdmin();
            names.put(request, tag + suffix);
            requests.add(request);
        }
        extensions.decideExtension(requests.getFirst(), true, null);

        assertThat(mine(ExtensionFilter.ALL, List.of(ListSort.descending("project")), names))
                .containsExactly(tag + "c", tag + "b", tag + "a");
        assertThat(mine(ExtensionFilter.ALL, List.of(ListSort.ascending("days")), names))
                .containsExactly(tag + "a", tag + "b", tag + "c");
        // A waiting request has no decision time: last in both directions, on H2 as on PostgreSQL.
        assertThat(mine(ExtensionFilter.ALL, List.of(ListSort.ascending("decided"), ListSort.ascending("project")),
                names)).containsExactly(tag + "b", tag + "a", tag + "c");
        assertThat(mine(ExtensionFilter.ALL, List.of(ListSort.descending("decided"), ListSort.descending("project")),
                names)).containsExactly(tag + "b", tag + "c", tag + "a");
        assertThat(mine(ExtensionFilter.PENDING, List.of(ListSort.ascending("requester"),
                ListSort.ascending("project")), names)).containsExactly(tag + "a", tag + "c");
        // Without a sort: newest first.
        assertThat(mine(ExtensionFilter.ALL, List.of(), names)).containsExactly(tag + "a", tag + "c", tag + "b");
        assertThat(extensions.countExtensionRequests(ExtensionFilter.ALL))
                .isEqualTo(extensions.extensionRequests(ExtensionFilter.ALL).size());

        assertThatThrownBy(() -> extensions.extensionRequests(ExtensionFilter.ALL,
                List.of(ListSort.ascending("reason")), 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> extensions.extensionRequests(ExtensionFilter.ALL,
                List.of(ListSort.ascending("requester; drop table project")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ProjectRepository.EXTENSIONS_SORTABLE.properties()).doesNotContain("reason", "decision_message");
    }

    /** The names of this test's projects, in the order the page lists their requests. */
    private List<String> mine(ExtensionFilter filter, List<ListSort> sort, Map<Long, String> names) {
        return extensions.extensionRequests(filter, sort, 0, Integer.MAX_VALUE).stream()
                .filter(r -> names.containsKey(r.id())).map(ExtensionRequest::projectName).toList();
    }

    @Test
    void onlyMembersAskForDaysWithinTheBoundsAndAnUnknownRequestCannotBeDecided() {
        long id = project(0);
        assertThatThrownBy(() -> extensions.requestExtension(id, 5, "An admin is no member"))
                .isInstanceOf(AccessDeniedException.class);
        String member = uniqueName("bounds");
        projects.addMembers(id, Set.of(accounts.create(member, PresetRole.USER)), ProjectRole.MEMBER);

        accounts.signInAs(member);
        assertThatThrownBy(() -> extensions.requestExtension(id, ProjectExtensionService.MAX_EXTENSION_DAYS + 1,
                "x".repeat(ProjectExtensionService.REASON_MAX + 1))).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.problems()).extracting(p -> p.field() + ":" + p.messageKey())
                        .containsExactly("days:extension.days.range", "reason:field.too-long"));
        assertThatThrownBy(() -> extensions.requestExtension(id, null, "Why")).isInstanceOf(InvalidInput.class);
        assertThat(extensions.extensions(id)).isEmpty();
        long request = extensions.requestExtension(id, ProjectExtensionService.MAX_EXTENSION_DAYS, "  A year  ");
        assertThat(extensions.extensions(id)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(request);
            assertThat(r.reason()).isEqualTo("A year");
            assertThat(r.requester()).isEqualTo(member);
            assertThat(r.status()).isEqualTo(ExtensionStatus.PENDING);
            assertThat(r.requestedAt()).isEqualTo(clock.instant());
        });

        accounts.signInAsAdmin();
        assertThatThrownBy(() -> extensions.decideExtension(-1, true, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> extensions.decideExtension(request, false, "x".repeat(ProjectExtensionService.REASON_MAX + 1)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).containsExactly("message"));
        assertThat(extensions.extensions(id).getFirst().status()).isEqualTo(ExtensionStatus.PENDING);
    }

    @Test
    void aProjectPastItsEndDateAcceptsNoNewWork() {
        long past = create(form(uniqueName("past"), today.minusDays(20), today.minusDays(1)));
        long open = create(form(uniqueName("open"), today, today));
        assertThatThrownBy(() -> projects.requireOpen(past)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("project.expired"));
        assertThat(projects.requireOpen(open).id()).isEqualTo(open);
    }

    @Test
    void aProjectClosesAtMidnightAfterItsEndDateInGantrysZone() {
        LocalDate end = today.plusDays(2);
        long id = create(form(uniqueName("closing"), today.minusDays(3), end));
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.EXPIRING);

        clock.set(midnightBefore(end.plusDays(1)).minusSeconds(1));
        assertThat(projects.requireOpen(id).id()).isEqualTo(id);
        assertThat(internal.requireOpen(id).id()).isEqualTo(id);
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.EXPIRING);

        clock.advance(java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> projects.requireOpen(id)).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo("project.expired");
            assertThat(e.arguments()).contains(end.toString());
        });
        assertThatThrownBy(() -> internal.requireOpen(id)).isInstanceOf(NotAllowed.class);
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.EXPIRED);
        assertThat(projects.visible()).filteredOn(o -> o.project().id() == id).singleElement()
                .extracting(ProjectOverview::status).isEqualTo(ProjectStatus.EXPIRED);
    }

    @Test
    void aProjectOpensAtMidnightOfItsStartDateInGantrysZone() {
        LocalDate start = today.plusDays(1);
        long id = create(form(uniqueName("later"), start, start.plusDays(30)));
        assertThatThrownBy(() -> projects.requireOpen(id)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("project.not-started"));
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.NOT_STARTED);

        clock.set(midnightBefore(start));
        assertThat(projects.requireOpen(id).id()).isEqualTo(id);
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.ACTIVE);
    }

    @Test
    void anApprovedExtensionReopensAnExpiredProject() {
        LocalDate end = today;
        long id = create(form(uniqueName("reopen"), today.minusDays(10), end));
        String member = uniqueName("late");
        projects.addMembers(id, Set.of(accounts.create(member, PresetRole.USER)), ProjectRole.MEMBER);
        clock.set(midnightBefore(end.plusDays(1)));
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.EXPIRED);

        accounts.signInAs(member);
        long request = extensions.requestExtension(id, 30, "One more month");
        accounts.signInAsAdmin();
        extensions.decideExtension(request, true, null);

        assertThat(projects.requireOpen(id).endDate()).isEqualTo(end.plusDays(30));
        assertThat(projects.overview(id).status()).isEqualTo(ProjectStatus.ACTIVE);
    }

    @Test
    void otherModulesReadAProjectForAUserTheyNameWithNobodySignedIn() {
        String boss = uniqueName("boss");
        long bossId = accounts.create(boss, PresetRole.USER);
        long memberId = accounts.create(uniqueName("member"), PresetRole.USER);
        long outsiderId = accounts.create(uniqueName("outsider"), PresetRole.USER);
        long open = projects.create(form(uniqueName("open"), today, today, new Quota(ascend.id(), 4, 2)),
                Set.of(bossId));
        projects.addMembers(open, Set.of(memberId), ProjectRole.MEMBER);
        long past = create(form(uniqueName("past"), today.minusDays(20), today.minusDays(1)));
        accounts.signOut();

        assertThat(internal.roleOf(open, bossId)).contains(ProjectRole.MANAGER);
        assertThat(internal.roleOf(open, memberId)).contains(ProjectRole.MEMBER);
        assertThat(internal.roleOf(open, outsiderId)).isEmpty();
        assertThat(internal.isManager(open, bossId)).isTrue();
        assertThat(internal.isManager(open, memberId)).isFalse();
        assertThat(internal.quotas(open)).containsExactly(new Quota(ascend.id(), 4, 2));
        assertThat(internal.limits(open)).isEqualTo(internal.project(open).limits());
        assertThat(internal.requireOpen(open).id()).isEqualTo(open);
        assertThatThrownBy(() -> internal.requireOpen(past)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("project.expired"));
        assertThatThrownBy(() -> internal.project(-1)).isInstanceOf(NotFound.class);
        assertThat(internal.schedulingLimits()).anySatisfy(limits -> {
            assertThat(limits.projectId()).isEqualTo(open);
            assertThat(limits.quotas()).containsExactly(new Quota(ascend.id(), 4, 2));
        });
        accounts.signInAsAdmin();
    }

    // the switcher and the default project

    @Test
    void theCurrentProjectIsRememberedAndTheDefaultIsAMembersProject() {
        long a = project(0);
        long b = project(0);
        long outside = project(0);
        String user = uniqueName("switch");
        long userId = accounts.create(user, PresetRole.USER);
        projects.addMembers(a, Set.of(userId), ProjectRole.MEMBER);
        projects.addMembers(b, Set.of(userId), ProjectRole.MANAGER);

        accounts.signInAs(user);
        assertThat(currentProjects.mine()).hasSize(2).containsValue(ProjectRole.MANAGER);
        currentProjects.setDefault(b);
        assertThat(currentProjects.current().orElseThrow().id()).isEqualTo(b);
        currentProjects.switchTo(a);
        assertThat(currentProjects.current().orElseThrow().id()).isEqualTo(a);
        assertThatThrownBy(() -> currentProjects.switchTo(outside)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> currentProjects.setDefault(outside)).isInstanceOf(NotFound.class);
    }

    @Test
    void withoutAChoiceTheCurrentProjectIsTheFirstAndLeavingTheChosenOneFallsBackToTheDefault() {
        long a = project(0);
        long b = project(0);
        String user = uniqueName("falls");
        long userId = accounts.create(user, PresetRole.USER);
        projects.addMembers(a, Set.of(userId), ProjectRole.MEMBER);
        projects.addMembers(b, Set.of(userId), ProjectRole.MEMBER);

        accounts.signInAs(user);
        assertThat(currentProjects.defaultProject()).isEmpty();
        assertThat(currentProjects.current()).isPresent().get().extracting(Project::id)
                .isEqualTo(currentProjects.mine().keySet().iterator().next().id());
        currentProjects.setDefault(a);
        currentProjects.switchTo(b);
        assertThat(currentProjects.current()).get().extracting(Project::id).isEqualTo(b);

        accounts.signInAsAdmin();
        projects.removeMember(b, userId);
        accounts.signInAs(user);
        assertThat(currentProjects.current()).get().extracting(Project::id).isEqualTo(a);
        currentProjects.setDefault(null);
        assertThat(currentProjects.defaultProject()).isEmpty();

        accounts.signInAsAdmin();
        assertThat(operationLog.find(new OperationLogQuery(null, null, user), 0, 20))
                .extracting(OperationLogEntry::action).contains("account.default-project");
    }

    @Test
    void aUserInNoProjectHasNoCurrentProject() {
        String loner = uniqueName("loner");
        accounts.create(loner, PresetRole.USER);
        accounts.signInAs(loner);
        assertThat(currentProjects.current()).isEmpty();
        assertThat(currentProjects.mine()).isEmpty();
        assertThat(projects.visible()).isEmpty();
    }

    @Test
    void theContactKeepsBlankPartsAsNoneAndRefusesTooLongOnes() {
        Contact before = contacts.contact();
        try {
            assertThatThrownBy(() -> contacts.saveContact(new Contact("n".repeat(Contact.NAME_MAX + 1),
                    "a@" + "b".repeat(Contact.EMAIL_MAX) + ".org", null, "x".repeat(Contact.NOTE_MAX + 1))))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e))
                            .containsExactly("contactName", "contactEmail", "contactNote"));
            contacts.saveContact(new Contact("  Ops  ", " ", "", null));
            assertThat(contacts.contact()).isEqualTo(new Contact("Ops", null, null, null));
            assertThat(operationLog.find(new OperationLogQuery(null, null, "contact.update"), 0, 1))
                    .extracting(OperationLogEntry::action).containsExactly("contact.update");
        } finally {
            contacts.saveContact(before);
        }
    }

    @Test
    void theContactDetailsAreValidatedAndShownToEveryone() {
        assertThatThrownBy(() -> contacts.saveContact(new Contact("Ops", "not-mail", "phone?", null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e))
                        .containsExactly("contactEmail", "contactPhone"));
        contacts.saveContact(new Contact("Ops desk", "ops@example.com", "+86 10 1234 5678", "Weekdays 9-18"));
        accounts.signInAs(TestAccounts.ADMIN);
        String someone = uniqueName("reader");
        accounts.create(someone);
        accounts.signInAs(someone);
        assertThat(contacts.contact().email()).isEqualTo("ops@example.com");
    }

    @Test
    void theContactPhoneHasTheSameBoundsAsAnAccountsPhone() {
        String longest = "1".repeat(UserFields.PHONE_MAX);
        assertThat(UserFields.phoneProblem(longest)).isEmpty();
        contacts.saveContact(new Contact("Ops desk", null, " " + longest + " ", null));
        assertThat(contacts.contact().phone()).isEqualTo(longest);
        assertThatThrownBy(() -> contacts.saveContact(new Contact("Ops desk", null, longest + "1", null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e))
                        .containsExactly("contactPhone"));
    }
}
