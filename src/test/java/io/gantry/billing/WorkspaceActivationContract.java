package io.gantry.billing;

import static io.gantry.db.Tables.OPERATION_LOG;
import static io.gantry.db.Tables.PURCHASE_ORDER;
import static io.gantry.db.Tables.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.NotAllowed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Workspace activation (AI-Stack 八.1) against the database and the local runtime for real: no order before it,
 * and activating prepares the workspace, is logged once and is the user's own; run on H2 and on PostgreSQL.
 */
abstract class WorkspaceActivationContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    WorkspaceService workspaces;
    @Autowired
    WorkspaceActivations activations;
    @Autowired
    ContainerService containers;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    ClusterService cluster;
    @Autowired
    WorkloadRuntime runtime;
    @Autowired
    DSLContext db;

    TestAccounts accounts;
    long projectId;
    String owner;
    long ownerId;
    AcceleratorSpec spec;
    long flavorId;
    FrameworkImage image;

    @BeforeEach
    void aFundedProjectWithANewMember() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst().orElseThrow();
        flavorId = cluster.flavors(spec.id()).getFirst().id();
        image = cluster.images().stream().filter(i -> i.reference().equals("gantry/python:3-password"))
                .findFirst().orElseThrow();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        owner = TestAccounts.uniqueName("ws");
        ownerId = accounts.create(owner, PresetRole.USER);
        projectId = testProjects.create(List.of(new Quota(spec.id(), 1, null)), ownerId);
        accounts.signInAs(owner);
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        for (Container c : containers.list(projectId, null, 0, 100)) {
            if (c.state().isLive()) {
                containers.stop(c.id());
            }
        }
        accounts.signOut();
    }

    ContainerForm form(String name) {
        return new ContainerForm(projectId, name, image.id(), spec.id(), 1, flavorId, 0, Set.of(), "Ssh-Pass-123",
                "Term-Pass-123", null, true);
    }

    Path workspaceOf(long userId) {
        return ((LocalRuntime) runtime).workspace(Long.toString(userId));
    }

    int ordersOf(long userId) {
        return db.fetchCount(PURCHASE_ORDER, PURCHASE_ORDER.USER_ID.eq(userId));
    }

    int workloadsOf(long userId) {
        return db.fetchCount(WORKLOAD, WORKLOAD.USER_ID.eq(userId));
    }

    int activationLines(String username) {
        return db.fetchCount(OPERATION_LOG, OPERATION_LOG.USERNAME.eq(username)
                .and(OPERATION_LOG.ACTION.eq("account.activate-workspace")));
    }

    @Test
    void an_order_before_activation_is_refused_with_its_key_and_creates_nothing() {
        assertThat(workspaces.state().activated()).isFalse();

        assertThatThrownBy(() -> containers.create(form("too-early")))
                .isInstanceOfSatisfying(NotAllowed.class,
                        e -> assertThat(e.messageKey()).isEqualTo("billing.order.not-activated"));

        assertThat(workloadsOf(ownerId)).isZero();
        assertThat(ordersOf(ownerId)).isZero();
        accounts.signInAsAdmin();
        assertThat(containers.list(projectId, null, 0, 10)).isEmpty();
        assertThat(wallets.balance(projectId).amount()).isEqualByComparingTo(TestProjects.FUNDS);
    }

    @Test
    void activating_prepares_the_workspace_writes_the_log_and_lets_orders_through() {
        assertThat(workspaces.state()).isEqualTo(WorkspaceState.NOT_ACTIVATED);

        WorkspaceState state = workspaces.activate();

        assertThat(state.activated()).isTrue();
        assertThat(state.activatedAt()).isNotNull();
        assertThat(workspaces.state()).isEqualTo(state);
        assertThat(workspaceOf(ownerId)).isDirectory();
        assertThat(db.selectFrom(OPERATION_LOG).where(OPERATION_LOG.USERNAME.eq(owner))
                .and(OPERATION_LOG.ACTION.eq("account.activate-workspace")).fetch())
                .singleElement().satisfies(line -> {
                    assertThat(line.getTarget()).isEqualTo("user:" + owner);
                    assertThat(line.getMessageKey()).isEqualTo("oplog.details.workspace-activated");
                });

        Container created = containers.create(form("after-activation"));
        assertThat(created.userId()).isEqualTo(ownerId);
        assertThat(ordersOf(ownerId)).isEqualTo(1);
    }

    @Test
    void activating_twice_is_harmless_keeps_the_first_moment_and_the_files_and_logs_once() throws Exception {
        WorkspaceState first = workspaces.activate();
        Files.writeString(workspaceOf(ownerId).resolve("notes.txt"), "kept");

        WorkspaceState again = workspaces.activate();
        activations.activate(ownerId);

        assertThat(again).isEqualTo(first);
        assertThat(workspaces.state()).isEqualTo(first);
        assertThat(workspaceOf(ownerId).resolve("notes.txt")).hasContent("kept");
        assertThat(activationLines(owner)).isEqualTo(1);
    }

    @Test
    void a_user_sees_only_their_own_activation() {
        String other = TestAccounts.uniqueName("wo");
        long otherId = accounts.create(other, PresetRole.USER);

        workspaces.activate();

        accounts.signInAs(other);
        assertThat(workspaces.state().activated()).isFalse();
        assertThat(activations.activated(otherId)).isFalse();
        assertThat(activations.activated(ownerId)).isTrue();
        assertThat(workspaceOf(otherId)).doesNotExist();
        assertThat(activationLines(other)).isZero();
        workspaces.activate();
        assertThat(workspaces.state().activated()).isTrue();
        assertThat(activationLines(other)).isEqualTo(1);
    }

    @Test
    void activation_needs_a_signed_in_user_who_may_view_billing() {
        String annotator = TestAccounts.uniqueName("an");
        long annotatorId = accounts.create(annotator, PresetRole.ANNOTATOR);
        accounts.signInAs(annotator);

        assertThatThrownBy(() -> workspaces.activate()).isInstanceOf(AccessDeniedException.class);
        accounts.signOut();
        assertThatThrownBy(() -> workspaces.state()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(activations.activated(annotatorId)).isFalse();
    }
}
