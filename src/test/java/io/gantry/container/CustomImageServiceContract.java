package io.gantry.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.billing.Wallets;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.ImageUse;
import io.gantry.cluster.LoginMethod;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.project.TestProjects;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.workload.Phase;
import io.gantry.workload.RunWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/**
 * Custom images belong to their project and, when private, to their maker: who sees them, who starts from them, who
 * deletes them, and what refuses a delete. Also what starts from the platform's images, for their admin page. Run on
 * H2 and on PostgreSQL.
 */
abstract class CustomImageServiceContract {

    static final String PASSWORD = "Container-Pass-1";
    static final String TERMINAL_PASSWORD = "Terminal-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    CustomImageService images;
    @Autowired
    ContainerService containers;
    @Autowired
    CustomImageStore store;
    @Autowired
    ClusterService cluster;
    @Autowired
    ProjectService projects;
    @Autowired
    Wallets wallets;
    @Autowired
    LocalRuntime runtime;
    @Autowired
    io.gantry.identity.RoleService roles;
    @Autowired
    io.gantry.identity.UserService users;

    TestAccounts accounts;
    WorkloadFixture fixture;
    AcceleratorSpec spec;
    FrameworkImage passwordImage;
    long flavorId;
    long projectA;
    long projectB;
    String maker;
    long makerId;
    String member;
    String manager;
    String outsider;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
        fixture = new WorkloadFixture(context, WorkloadFixture.A100, WorkloadFixture.PASSWORD_IMAGE);
        spec = fixture.spec();
        flavorId = fixture.flavor().id();
        passwordImage = fixture.image();
        TestProjects testProjects = new TestProjects(projects).funded(wallets);
        testProjects.releaseAllQuotas();
        maker = TestAccounts.uniqueName("im");
        makerId = accounts.activate(accounts.create(maker, PresetRole.USER));
        member = TestAccounts.uniqueName("im");
        long memberId = accounts.activate(accounts.create(member, PresetRole.USER));
        manager = TestAccounts.uniqueName("im");
        long managerId = accounts.activate(accounts.create(manager, PresetRole.USER));
        outsider = TestAccounts.uniqueName("im");
        long outsiderId = accounts.activate(accounts.create(outsider, PresetRole.USER));
        projectA = testProjects.create(List.of(new Quota(spec.id(), 3, null)), makerId, memberId);
        projects.addMembers(projectA, Set.of(managerId), ProjectRole.MANAGER);
        projectB = testProjects.create(List.of(new Quota(spec.id(), 1, null)), outsiderId);
    }

    @AfterEach
    void stopEverything() {
        accounts.signInAsAdmin();
        fixture.stopLiveContainers(projectA, projectB);
        accounts.signOut();
    }

    /** An image of project A saved by the maker, as a save from one of the maker's containers records it. */
    long saved(ImageVisibility visibility) {
        return store.save(new FrameworkImage(0, "team/" + TestAccounts.uniqueName("img"), "v1", null,
                LoginMethod.PASSWORD, true, false, true, false, passwordImage.localEnvironment(), null,
                new FrameworkImage.Custom(makerId, projectA, null, "pytorch")), visibility, 0, "workbench");
    }

    /** A form for a container that starts tomorrow, so that it holds its image without running. */
    ContainerForm tomorrow(long projectId, String name, long imageId) {
        RunWindow window = RunWindow.startingAt(context.getBean(Clock.class).instant().plus(Duration.ofDays(1)));
        return new ContainerForm(projectId, name, imageId, spec.id(), 1, flavorId, 0, Set.of(), PASSWORD,
                TERMINAL_PASSWORD, null, true, window);
    }

    @Test
    void saving_asks_shared_or_private_and_the_page_tells_who_saved_it_from_which_container_and_when(
            @TempDir Path elsewhere) {
        accounts.signInAs(maker);
        ContainerForm form = new ContainerForm(projectA, "workbench", passwordImage.id(), spec.id(), 0, flavorId, 0,
                Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true);
        Container created = containers.create(form);
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(created.id()).state() == Phase.RUNNING);
        String name = "team/" + TestAccounts.uniqueName("asked");

        assertThatThrownBy(() -> containers.saveImage(created.id(), new CustomImageForm("Mine", null, name, "v1",
                "pytorch", true, false, true, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.field()).isEqualTo("visibility")));
        assertThat(images.list(projectA)).isEmpty();
        assertThat(runtime.home().resolve("images").resolve(name)).doesNotExist();

        long privateId = containers.saveImage(created.id(), new CustomImageForm("Mine", null, name, "v1",
                "pytorch", true, false, true, ImageVisibility.PRIVATE));

        CustomImage image = images.list(projectA).stream().filter(i -> i.id() == privateId).findFirst().orElseThrow();
        assertThat(image.ownerId()).isEqualTo(makerId);
        assertThat(image.sourceContainerId()).isEqualTo(created.id());
        assertThat(image.sourceContainerName()).isEqualTo("workbench");
        assertThat(image.createdAt()).isNotNull();
        assertThat(image.visibility()).isEqualTo(ImageVisibility.PRIVATE);
        assertThat(image.image().custom().frameworkType()).isEqualTo("pytorch");

        // Deleting the image deletes its saved files, and nothing outside the runtime's saved images.
        Path files = Path.of(image.image().custom().savedFiles());
        assertThat(files).isDirectory();
        images.delete(privateId);
        assertThat(files).doesNotExist();
        assertThat(images.list(projectA)).isEmpty();
        runtime.deleteSavedImage(elsewhere.toString());
        assertThat(elsewhere).isDirectory();
    }

    @Test
    void a_private_image_is_its_makers_alone_and_a_shared_one_every_members() {
        long shared = saved(ImageVisibility.PROJECT);
        long mine = saved(ImageVisibility.PRIVATE);

        accounts.signInAs(maker);
        assertThat(images.list(projectA)).extracting(CustomImage::id).containsExactlyInAnyOrder(shared, mine);
        assertThat(containers.createOptions(projectA).customImages()).extracting(FrameworkImage::id)
                .containsExactlyInAnyOrder(shared, mine);
        assertThat(containers.create(tomorrow(projectA, "from-mine", mine)).state()).isNotEqualTo(Phase.FAILED);

        // Neither another member nor the project's manager sees a private image, nor starts from it.
        for (String other : List.of(member, manager)) {
            accounts.signInAs(other);
            assertThat(images.list(projectA)).extracting(CustomImage::id).containsExactly(shared);
            assertThat(containers.customImages(projectA)).extracting(FrameworkImage::id).containsExactly(shared);
            assertThat(containers.createOptions(projectA).customImages()).extracting(FrameworkImage::id)
                    .containsExactly(shared);
            assertThatThrownBy(() -> containers.create(tomorrow(projectA, "borrowed", mine)))
                    .isInstanceOf(NotFound.class);
            assertThat(containers.create(tomorrow(projectA, "from-shared-" + other, shared)).state())
                    .isNotEqualTo(Phase.FAILED);
        }
    }

    @Test
    void a_member_of_another_project_gets_nothing_of_its_images_by_asking_or_by_id() {
        long shared = saved(ImageVisibility.PROJECT);
        long mine = saved(ImageVisibility.PRIVATE);

        accounts.signInAs(outsider);
        assertThatThrownBy(() -> images.list(projectA)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> containers.customImages(projectA)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> containers.createOptions(projectA)).isInstanceOf(NotFound.class);
        for (long id : List.of(shared, mine)) {
            // Put in a form of the outsider's own project, another project's image is unknown, shared or not.
            assertThatThrownBy(() -> containers.create(tomorrow(projectB, "borrowed", id)))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.messageKey())
                            .isEqualTo("error.not-found.image"));
            assertThatThrownBy(() -> images.delete(id)).isInstanceOf(NotFound.class);
        }
        assertThat(containers.list(projectB, null, 0, 10)).isEmpty();
        assertThat(images.list(projectB)).isEmpty();
        accounts.signInAs(maker);
        assertThat(images.list(projectA)).extracting(CustomImage::id).containsExactlyInAnyOrder(shared, mine);
    }

    @Test
    void an_image_a_container_starts_from_is_not_deleted_and_the_refusal_names_the_container() {
        long shared = saved(ImageVisibility.PROJECT);
        accounts.signInAs(member);
        Container user = containers.create(tomorrow(projectA, "uses-it", shared));
        // Stopped, it may still start again from its image: it counts until it is deleted.
        containers.stop(user.id());
        accounts.signInAs(maker);

        assertThatThrownBy(() -> images.delete(shared)).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo("custom-image.in-use");
            assertThat(e.arguments()).contains(1).anySatisfy(a -> assertThat(a.toString()).contains("uses-it"));
        });
        assertThat(images.list(projectA)).extracting(CustomImage::id).contains(shared);

        accounts.signInAs(member);
        containers.delete(user.id());
        accounts.signInAs(maker);
        images.delete(shared);
        assertThat(images.list(projectA)).isEmpty();
        assertThatThrownBy(() -> images.delete(shared)).isInstanceOf(NotFound.class);
    }

    @Test
    void the_maker_deletes_an_image_a_manager_only_a_shared_one_and_other_members_none() {
        long shared = saved(ImageVisibility.PROJECT);
        long mine = saved(ImageVisibility.PRIVATE);

        accounts.signInAs(member);
        assertThat(images.list(projectA)).singleElement().satisfies(i -> assertThat(images.canDelete(i)).isFalse());
        assertThatThrownBy(() -> images.delete(shared)).isInstanceOfSatisfying(NotAllowed.class,
                e -> assertThat(e.messageKey()).isEqualTo("custom-image.delete.not-allowed"));
        assertThatThrownBy(() -> images.delete(mine)).isInstanceOf(NotFound.class);

        accounts.signInAs(manager);
        assertThatThrownBy(() -> images.delete(mine)).isInstanceOf(NotFound.class);
        assertThat(images.canDelete(images.list(projectA).getFirst())).isTrue();
        images.delete(shared);

        accounts.signInAs(maker);
        assertThat(images.list(projectA)).extracting(CustomImage::id).containsExactly(mine);
        images.delete(mine);
        assertThat(images.list(projectA)).isEmpty();
    }

    @Test
    void without_the_permission_to_use_images_a_member_neither_sees_nor_starts_from_nor_saves_one() {
        long shared = saved(ImageVisibility.PROJECT);
        long role = roles.create(TestAccounts.uniqueName("noimg"), "containers without custom images",
                EnumSet.of(Permission.CONTAINERS_USE, Permission.NETWORK_USE));
        String plain = TestAccounts.uniqueName("im");
        long plainId = accounts.activate(accounts.create(plain));
        users.setRoles(plainId, Set.of(role));
        projects.addMembers(projectA, Set.of(plainId), ProjectRole.MEMBER);

        accounts.signInAs(plain);
        assertThatThrownBy(() -> images.list(projectA)).isInstanceOf(AccessDeniedException.class);
        assertThat(containers.customImages(projectA)).isEmpty();
        assertThat(containers.createOptions(projectA).customImages()).isEmpty();
        assertThatThrownBy(() -> containers.create(tomorrow(projectA, "borrowed", shared)))
                .isInstanceOf(NotFound.class);
        Container own = containers.create(new ContainerForm(projectA, "plain", passwordImage.id(), spec.id(), 0,
                flavorId, 0, Set.of(), PASSWORD, TERMINAL_PASSWORD, null, true));
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(own.id()).state() == Phase.RUNNING);
        assertThat(containers.canSaveImage(own.id())).isFalse();
        assertThatThrownBy(() -> containers.saveImage(own.id(), new CustomImageForm(null, null,
                "team/" + TestAccounts.uniqueName("no"), "v1", "other", true, false, true, ImageVisibility.PROJECT)))
                .isInstanceOfSatisfying(NotAllowed.class, e -> assertThat(e.messageKey())
                        .isEqualTo("custom-image.images-use-required"));
        accounts.signInAs(maker);
        assertThat(images.list(projectA)).extracting(CustomImage::id).containsExactly(shared);
    }

    @Test
    void a_platform_image_in_use_names_its_containers_for_admins_and_is_not_deleted() {
        long image = cluster.saveImage(null, new FrameworkImage(0, "team/" + TestAccounts.uniqueName("pub"), "v1",
                null, LoginMethod.PASSWORD, true, false, true, false, passwordImage.localEnvironment(), null));
        accounts.signInAs(maker);
        Container user = containers.create(tomorrow(projectA, "on-public", image));
        assertThatThrownBy(() -> cluster.imageUsers(List.of(image))).isInstanceOf(AccessDeniedException.class);

        accounts.signInAsAdmin();
        Map<Long, List<ImageUse.ImageUser>> users = cluster.imageUsers(List.of(image, passwordImage.id()));
        assertThat(users.get(image)).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("on-public");
            assertThat(u.id()).isEqualTo(user.id());
            assertThat(u.projectId()).isEqualTo(projectA);
            assertThat(u.route()).isEqualTo("containers/" + user.id());
        });
        assertThatThrownBy(() -> cluster.deleteImage(image)).isInstanceOfSatisfying(NotAllowed.class, e -> {
            assertThat(e.messageKey()).isEqualTo("image.in-use");
            assertThat(e.arguments()).anySatisfy(a -> assertThat(a.toString()).contains("on-public"));
        });

        containers.delete(user.id());
        assertThat(cluster.imageUsers(List.of(image))).doesNotContainKey(image);
        cluster.deleteImage(image);
        assertThat(cluster.images()).extracting(FrameworkImage::id).doesNotContain(image);
    }
}
