package io.gantry.identity;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Groups, roles and how they add up to a user's permissions; run on H2 and on PostgreSQL. */
abstract class GroupAndRoleContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    GroupService groups;
    @Autowired
    RoleService roles;
    @Autowired
    SignedInUsers signedInUsers;
    @Autowired
    UserRepository users;

    TestAccounts accounts;

    @BeforeEach
    void signInAsAdmin() {
        accounts = new TestAccounts(context);
        accounts.signInAsAdmin();
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    Set<Permission> permissionsOf(long userId) {
        return signedInUsers.byId(userId).orElseThrow().permissions();
    }

    RoleInfo preset(PresetRole preset) {
        return roles.all().stream().filter(r -> r.preset() == preset).findFirst().orElseThrow();
    }

    // the lists

    @Test
    void theGroupAndRoleListsSortInTheDatabaseByAllowedColumnsOnly() {
        String tag = uniqueName("lst");
        Set<Long> user = Set.of(preset(PresetRole.USER).id());
        groups.create(tag + "b", "zeta", user);
        groups.create(tag + "a", "beta", user);
        groups.create(tag + "c", "alpha", user);
        long custom = roles.create(tag + "role", "custom", EnumSet.of(Permission.AUDIT_VIEW_ALL));

        assertThat(groups.search(tag, List.of(ListSort.descending("name")), 0, 10)).extracting(GroupInfo::name)
                .containsExactly(tag + "c", tag + "b", tag + "a");
        assertThat(groups.search(tag, List.of(ListSort.ascending("description")), 0, 10))
                .extracting(GroupInfo::name).containsExactly(tag + "c", tag + "a", tag + "b");
        assertThat(groups.search(tag, List.of(ListSort.ascending("description")), 2, 10))
                .extracting(GroupInfo::name).containsExactly(tag + "b");
        // Preset roles first by default; custom ones first when sorted by type descending.
        assertThat(roles.all(List.of()).getFirst().isPreset()).isTrue();
        assertThat(roles.all(List.of(ListSort.descending("type"))).getFirst().isPreset()).isFalse();
        assertThat(roles.all(List.of(ListSort.descending("created"))).getFirst().id()).isEqualTo(custom);
        assertThatThrownBy(() -> groups.search(tag, List.of(ListSort.ascending("id; delete")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> roles.all(List.of(ListSort.ascending("preset"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // permissions

    @Test
    void areTheUnionOfTheUsersRolesAndItsGroupsRoles() {
        long auditor = roles.create(uniqueName("auditor"), "sees all logs", EnumSet.of(Permission.AUDIT_VIEW_ALL));
        long annotatorId = accounts.create(uniqueName("ann"), PresetRole.ANNOTATOR);
        assertThat(permissionsOf(annotatorId)).containsExactly(Permission.ANNOTATION_USE);

        long group = groups.create(uniqueName("team"), "a team", Set.of(auditor));
        groups.addMembers(group, Set.of(annotatorId));
        assertThat(permissionsOf(annotatorId))
                .containsExactlyInAnyOrder(Permission.ANNOTATION_USE, Permission.AUDIT_VIEW_ALL);

        groups.removeMember(group, annotatorId);
        assertThat(permissionsOf(annotatorId)).containsExactly(Permission.ANNOTATION_USE);
    }

    @Test
    void ofARegisteredUserWithoutRoleAreNone() {
        long id = accounts.create(uniqueName("bare"));
        assertThat(permissionsOf(id)).isEmpty();
    }

    // groups

    @Test
    void theMemberPickerOffersOnlyThoseNotInTheGroupAndAddingCountsTheNewcomers() {
        String inside = uniqueName("inside");
        String outside = uniqueName("outside");
        long insideId = accounts.create(inside, PresetRole.USER);
        long outsideId = accounts.create(outside, PresetRole.USER);
        long group = groups.create(uniqueName("crew"), "a crew", Set.of(preset(PresetRole.USER).id()));
        assertThat(groups.addMembers(group, Set.of(insideId))).isEqualTo(1);

        assertThat(groups.candidates(group, inside, 0, 10)).isEmpty();
        assertThat(groups.candidates(group, outside, 0, 10)).extracting(UserAccount::username)
                .containsExactly(outside);
        assertThat(groups.addMembers(group, Set.of(insideId, outsideId))).isEqualTo(1);
        assertThat(groups.candidates(group, outside, 0, 10)).isEmpty();
    }

    @Test
    void refuseNamesWithDirectionOverridesOrControlCharacters() {
        long user = preset(PresetRole.USER).id();
        assertThatThrownBy(() -> groups.create("ops\u202Esnimda", "d", Set.of(user)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "field.control-characters")));
        assertThatThrownBy(() -> roles.create("role\u0007", "d", EnumSet.of(Permission.TASKS_USE)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "field.control-characters")));
    }

    @Test
    void requireAUniqueNameADescriptionAndARole() {
        String name = uniqueName("grp");
        groups.create(name, "first", Set.of(preset(PresetRole.USER).id()));
        assertThatThrownBy(() -> groups.create(name.toUpperCase(), "second", Set.of(preset(PresetRole.USER).id())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "error.name-taken")));
        assertThatThrownBy(() -> groups.create("", "", Set.of(preset(PresetRole.USER).id())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("name", "description"));
        assertThatThrownBy(() -> groups.create("g".repeat(65), "d", Set.of(preset(PresetRole.USER).id())))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> groups.create(uniqueName("grp"), "no roles", Set.of()))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.field()).contains("roles"));
    }

    @Test
    void showMembersAndRolesAndCanBeDeleted() {
        long member = accounts.create(uniqueName("mem"), PresetRole.USER);
        long id = groups.create(uniqueName("grp"), "desc", Set.of(preset(PresetRole.ANNOTATOR).id()));
        groups.addMembers(id, Set.of(member));
        var details = groups.details(id);
        assertThat(details.members()).extracting(UserAccount::id).containsExactly(member);
        assertThat(details.roles()).extracting(RoleInfo::preset).containsExactly(PresetRole.ANNOTATOR);
        groups.delete(id);
        assertThat(groups.count(details.group().name())).isZero();
        assertThat(users.byId(member)).isPresent();
    }

    // roles

    @Test
    void presetRolesAreThereAndCannotBeDeletedOrChanged() {
        assertThat(roles.all()).extracting(RoleInfo::preset)
                .contains(PresetRole.SYSTEM_ADMIN, PresetRole.USER, PresetRole.ANNOTATOR);
        RoleInfo user = preset(PresetRole.USER);
        assertThatThrownBy(() -> roles.delete(user.id())).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> roles.update(user.id(), "Renamed", "x", EnumSet.of(Permission.TASKS_USE)))
                .isInstanceOf(NotAllowed.class);
        assertThat(preset(PresetRole.USER).name()).isEqualTo("User");
    }

    @Test
    void customRolesNeedAUniqueNameADescriptionAndAPermission() {
        String name = uniqueName("role");
        long id = roles.create(name, "desc", EnumSet.of(Permission.TASKS_USE, Permission.SCHEDULES_USE));
        assertThat(roles.details(id).role().permissions())
                .containsExactlyInAnyOrder(Permission.TASKS_USE, Permission.SCHEDULES_USE);
        assertThatThrownBy(() -> roles.create(name, "again", EnumSet.of(Permission.TASKS_USE)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> roles.create(uniqueName("role"), " ", EnumSet.noneOf(Permission.class)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("description", "permissions"));
        roles.update(id, name, "changed", EnumSet.of(Permission.MODELS_USE));
        assertThat(roles.details(id).role().permissions()).containsExactly(Permission.MODELS_USE);
        roles.delete(id);
        assertThat(roles.all()).extracting(RoleInfo::id).doesNotContain(id);
    }

    @Test
    void relateToUsersAndGroups() {
        long id = roles.create(uniqueName("rel"), "desc", EnumSet.of(Permission.MONITORING_VIEW));
        long user = accounts.create(uniqueName("reluser"));
        long group = groups.create(uniqueName("relgrp"), "desc", Set.of(preset(PresetRole.ANNOTATOR).id()));
        roles.relateUsers(id, Set.of(user));
        roles.relateGroups(id, Set.of(group));
        var details = roles.details(id);
        assertThat(details.users()).extracting(UserAccount::id).containsExactly(user);
        assertThat(details.groups()).extracting(GroupInfo::id).containsExactly(group);
        assertThat(permissionsOf(user)).containsExactly(Permission.MONITORING_VIEW);
    }
}
