package io.gantry.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.billing.Wallets;
import io.gantry.broker.BrokerService;
import io.gantry.broker.RequestStatus;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerDetail;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.container.WorkloadFixture;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/**
 * Job management (Apulis 3.11) on H2 and PostgreSQL: a platform admin who is a member of no project lists every
 * user's work across projects, narrows it, opens a container from it and stops it; nobody else may.
 */
abstract class JobServiceContract {

    static final String PASSWORD = "Container-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    JobService jobs;
    @Autowired
    ContainerService containers;
    @Autowired
    ProjectService projects;
    @Autowired
    BrokerService broker;
    @Autowired
    Wallets wallets;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    FrameworkImage image;
    long flavorId;
    long lab;
    long other;
    String owner;
    String manager;
    String tag;

    @BeforeEach
    void twoProjectsTheAdministratorIsNotIn() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        flavorId = fixture.flavor().id();
        image = fixture.image();
        new TestProjects(projects).releaseAllQuotas();
        owner = TestAccounts.uniqueName("jo");
        long ownerId = accounts.activate(accounts.create(owner, PresetRole.USER));
        manager = TestAccounts.uniqueName("jm");
        long managerId = accounts.activate(accounts.create(manager, PresetRole.USER));
        lab = project(managerId, 2);
        other = project(managerId, 0);
        projects.addMembers(lab, Set.of(ownerId), ProjectRole.MEMBER);
        projects.addMembers(other, Set.of(ownerId), ProjectRole.MEMBER);
        // A tag in every name, so that the keyword finds this test's work only.
        tag = TestAccounts.uniqueName("t");
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        jobs.page(new JobFilter(null, null, lab, null), List.of(), 0, 100).stream().filter(Job::stoppable)
                .forEach(job -> jobs.stop(job.workloadId()));
        accounts.signOut();
    }

    long project(long managerId, int devices) {
        LocalDate today = LocalDate.now();
        long id = projects.create(new ProjectForm(TestAccounts.uniqueName("jp"), null, today.minusDays(1),
                today.plusDays(30), ProjectLimits.NONE, devices == 0 ? List.of()
                : List.of(new Quota(spec.id(), devices, null))), Set.of(managerId));
        TestProjects.fund(wallets, id);
        return id;
    }

    /** A container of the owner that starts tomorrow: it waits without holding a device. */
    Container tomorrow(String name) {
        accounts.signInAs(owner);
        Container container = containers.create(fixture.form(lab, name + "-" + tag, 1, 0,
                RunWindow.startingAt(Instant.now().plus(Duration.ofDays(1)))));
        accounts.signInAsAdmin();
        return container;
    }

    @Test
    void anAdministratorSeesEveryUsersWorkAcrossProjectsNarrowedByKindStateProjectAndKeyword() {
        Container first = tomorrow("alpha");
        Container second = tomorrow("beta");

        List<Job> found = jobs.page(new JobFilter(null, null, null, tag), List.of(ListSort.ascending("name")), 0, 10);

        assertThat(found).extracting(Job::name).containsExactly(first.name(), second.name());
        Job alpha = found.getFirst();
        assertThat(alpha.kind()).isEqualTo("container");
        assertThat(alpha.phase()).isEqualTo(Phase.SCHEDULED);
        assertThat(alpha.projectId()).isEqualTo(lab);
        assertThat(alpha.owner()).contains(owner);
        assertThat(alpha.specName()).isEqualTo(spec.name());
        assertThat(alpha.page()).isEqualTo("containers/" + first.id());
        assertThat(alpha.runningFor()).as("it never ran").isNull();
        assertThat(alpha.stoppable()).isTrue();
        assertThat(jobs.count(new JobFilter(null, null, null, tag))).isEqualTo(2);
        assertThat(jobs.page(new JobFilter(null, null, null, "ALPHA-" + tag.toUpperCase()), List.of(), 0, 10))
                .extracting(Job::name).containsExactly(first.name());
        assertThat(jobs.count(new JobFilter("container", Phase.SCHEDULED, lab, tag))).isEqualTo(2);
        assertThat(jobs.count(new JobFilter(null, Phase.RUNNING, null, tag))).isZero();
        assertThat(jobs.count(new JobFilter(null, null, other, tag))).isZero();
        assertThat(jobs.count(new JobFilter("task", null, null, tag))).isZero();
        // The keyword also finds work by its image.
        assertThat(jobs.page(new JobFilter(null, null, lab, image.reference()), List.of(), 0, 10))
                .extracting(Job::name).contains(first.name(), second.name());
        assertThat(jobs.kinds()).contains("container");
        assertThat(jobs.projects()).extracting(p -> p.id()).contains(lab, other);
        assertThatThrownBy(() -> jobs.page(JobFilter.NONE, List.of(ListSort.ascending("user_id")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAdministratorStopsAnyUsersWorkAndItsDevicesGoBack() {
        Container waiting = tomorrow("waiting");
        accounts.signInAs(owner);
        Container running = containers.create(new ContainerForm(lab, "running-" + tag, image.id(), spec.id(), 1,
                flavorId, 0, Set.of(), PASSWORD, PASSWORD, null, true));
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(running.id()).state() == Phase.RUNNING);
        accounts.signInAsAdmin();

        jobs.stop(waiting.workloadId());
        jobs.stop(running.workloadId());

        accounts.signInAs(owner);
        assertThat(containers.container(waiting.id()).state()).isEqualTo(Phase.STOPPED);
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(running.id()).state() == Phase.STOPPED);
        accounts.signInAsAdmin();
        assertThat(broker.request(containers.container(running.id()).brokerRequestId()).status())
                .isEqualTo(RequestStatus.RELEASED);
        Job stopped = jobs.page(new JobFilter(null, Phase.STOPPED, lab, "running-" + tag), List.of(), 0, 10)
                .getFirst();
        assertThat(stopped.stoppable()).isFalse();
        assertThat(stopped.runningFor()).isNotNull();
        // Stopping it again changes nothing.
        jobs.stop(running.workloadId());
        assertThatThrownBy(() -> jobs.stop(Long.MAX_VALUE)).isInstanceOf(NotFound.class);
    }

    @Test
    void anAdministratorWhoIsNotAMemberOpensAnyContainerAndMayStopButNotDeleteIt() {
        Container container = tomorrow("opened");

        ContainerDetail detail = containers.detail(container.id(), 10);

        assertThat(detail.container().name()).isEqualTo(container.name());
        assertThat(detail.operable()).as("deleting and the shell stay with the project").isFalse();
        assertThat(containers.canStop(container.id())).isTrue();
        assertThat(containers.canOperate(container.id())).isFalse();
        assertThatThrownBy(() -> containers.delete(container.id())).isInstanceOf(NotAllowed.class);
        containers.stop(container.id());
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.STOPPED);

        // The project's manager still operates it in full.
        Container managed = tomorrow("managed");
        accounts.signInAs(manager);
        assertThat(containers.canOperate(managed.id())).isTrue();
        containers.delete(managed.id());
    }

    @Test
    void nobodyButAnAdministratorManagesJobs() {
        tomorrow("mine");
        for (String user : List.of(owner, manager)) {
            accounts.signInAs(user);
            assertThatThrownBy(() -> jobs.page(JobFilter.NONE, List.of(), 0, 10))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.count(JobFilter.NONE)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.stop(1)).isInstanceOf(AccessDeniedException.class);
        }
    }
}
