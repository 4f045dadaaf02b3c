package io.gantry.identity;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogQuery;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.NotAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The rules of the user management system; run on H2 and on PostgreSQL. */
abstract class UserServiceContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    UserService users;
    @Autowired
    RoleService roles;
    @Autowired
    UserRepository repository;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    OperationLog operationLog;

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

    long userRole() {
        return roles.all().stream().filter(r -> r.preset() == PresetRole.USER).findFirst().orElseThrow().id();
    }

    long adminRole() {
        return roles.all().stream().filter(r -> r.preset() == PresetRole.SYSTEM_ADMIN).findFirst().orElseThrow().id();
    }

    static NewUser row(String username) {
        return new NewUser(username, "Nick " + username, "+86 138 0000 0000", username + "@example.com", null, 24);
    }

    static List<String> fields(InvalidInput e) {
        return e.problems().stream().map(FieldProblem::field).toList();
    }

    // the user list

    @Test
    void theListSortsInTheDatabaseByAnAllowedColumnWithEmptyValuesLastOnBothDatabases() {
        String tag = uniqueName("srt");
        java.time.Instant now = java.time.Instant.now();
        repository.insert(new NewUser(tag + "a", "Charlie", null, tag + "a@example.com", null, 8), "x", false, false,
                now);
        repository.insert(new NewUser(tag + "b", "Alpha", "+86 1", tag + "b@example.com", null, null), "x", false,
                false, now);
        repository.insert(new NewUser(tag + "c", "Bravo", "+86 2", tag + "c@example.com", null, 4), "x", false, false,
                now);

        assertThat(users.search(tag, List.of(ListSort.ascending("nickname")), 0, 10))
                .extracting(UserAccount::nickname).containsExactly("Alpha", "Bravo", "Charlie");
        assertThat(users.search(tag, List.of(ListSort.descending("nickname")), 0, 10))
                .extracting(UserAccount::nickname).containsExactly("Charlie", "Bravo", "Alpha");
        // A page of the sorted list, as the grid asks for it.
        assertThat(users.search(tag, List.of(ListSort.descending("nickname")), 1, 1))
                .extracting(UserAccount::nickname).containsExactly("Bravo");
        // H2 puts NULL first and PostgreSQL last unless told: the list puts them last in both directions.
        assertThat(users.search(tag, List.of(ListSort.ascending("phone")), 0, 10))
                .extracting(UserAccount::username).containsExactly(tag + "b", tag + "c", tag + "a");
        assertThat(users.search(tag, List.of(ListSort.descending("maxJobHours")), 0, 10))
                .extracting(UserAccount::username).containsExactly(tag + "a", tag + "c", tag + "b");
        // Without a sort: by user name.
        assertThat(users.search(tag, List.of(), 0, 10)).extracting(UserAccount::username)
                .containsExactly(tag + "a", tag + "b", tag + "c");
    }

    @Test
    void theListRefusesToSortByAColumnThatIsNotOnItsList() {
        assertThatThrownBy(() -> users.search(null, List.of(ListSort.ascending("password_hash")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.search(null, List.of(ListSort.ascending("username; drop table app_user")), 0,
                10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(UserRepository.SORTABLE.properties()).doesNotContain("passwordHash", "password_hash");
    }

    // creating users in the wizard

    @Test
    void refusesThePlatformsOwnNamesAndInvisibleCharactersInNewAccounts() {
        assertThatThrownBy(() -> users.validate(List.of(
                new NewUser("system", "System", null, null, null, null),
                new NewUser("root", "Root", null, null, null, null),
                new NewUser(uniqueName("ok"), "evil\u202Etxt.exe", null, null, null, null))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("0.username", "user.username.reserved"),
                                org.assertj.core.groups.Tuple.tuple("1.username", "user.username.reserved"),
                                org.assertj.core.groups.Tuple.tuple("2.nickname", "field.control-characters")));
    }

    @Test
    void createsSeveralUsersWithGeneratedStrongPasswordsThatMustBeChanged() {
        String a = uniqueName("wiz");
        String b = uniqueName("wiz");
        var created = users.create(List.of(row(a), row(b)), Set.of(userRole()), null);

        assertThat(created).extracting(CreatedUser::username).containsExactly(a, b);
        for (CreatedUser user : created) {
            assertThat(PasswordPolicy.violations(user.initialPassword(), user.username())).isEmpty();
            var stored = repository.byUsername(user.username()).orElseThrow();
            assertThat(stored.getMustChangePassword()).isTrue();
            assertThat(stored.getPasswordHash()).doesNotContain(user.initialPassword());
            assertThat(encoder.matches(user.initialPassword(), stored.getPasswordHash())).isTrue();
            assertThat(TestAccounts.names(users.details(user.id()).roles())).containsExactly("User");
        }
        assertThat(operationLog.find(new OperationLogQuery(null, null, a), 0, 10))
                .anySatisfy(line -> {
                    assertThat(line.action()).isEqualTo("user.create");
                    assertThat(line.username()).isEqualTo(TestAccounts.ADMIN);
                    assertThat(line.target()).isEqualTo("user:" + a);
                });
    }

    @Test
    void usesAnInitialPasswordTheAdministratorChose() {
        String a = uniqueName("chosen");
        var created = users.create(List.of(row(a)), Set.of(userRole()), List.of("Chosen-Pass-42"));
        assertThat(created.getFirst().initialPassword()).isEqualTo("Chosen-Pass-42");
    }

    @Test
    void refusesElevenUsersAndSavesNothing() {
        List<NewUser> rows = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            rows.add(row(uniqueName("eleven")));
        }
        int before = users.count(null);
        assertThatThrownBy(() -> users.create(rows, Set.of(userRole()), null))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.messageKey()).isEqualTo("user.wizard.count"));
        assertThat(users.count(null)).isEqualTo(before);
    }

    @Test
    void refusesADuplicateUsernameOnItsRowAndSavesNoneOfTheBatch() {
        String existing = uniqueName("dup");
        users.create(List.of(row(existing)), Set.of(userRole()), null);
        String fresh = uniqueName("fresh");

        assertThatThrownBy(() -> users.create(List.of(row(fresh), row(existing)), Set.of(userRole()), null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(fields(e)).containsExactly("1.username");
                    assertThat(e.problems().getFirst().messageKey()).isEqualTo("error.name-taken");
                });
        assertThat(repository.usernameExists(fresh)).isFalse();
    }

    @Test
    void refusesTheSameUsernameTwiceInOneBatch() {
        String twice = uniqueName("twice");
        assertThatThrownBy(() -> users.create(List.of(row(twice), row(twice)), Set.of(userRole()), null))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(fields(e)).containsExactly("1.username"));
        assertThat(repository.usernameExists(twice)).isFalse();
    }

    @Test
    void reportsEveryBadFieldOfEveryRow() {
        var bad = new NewUser("No Spaces", "x".repeat(65), "call me", "not-an-email", "d".repeat(256), 0);
        assertThatThrownBy(() -> users.validate(List.of(row(uniqueName("ok")), bad)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder(
                        "1.username", "1.nickname", "1.phone", "1.email", "1.description", "1.maxJobHours"));
    }

    @Test
    void refusesAWeakChosenPasswordOnItsRow() {
        String a = uniqueName("weak");
        assertThatThrownBy(() -> users.create(List.of(row(a)), Set.of(userRole()), List.of("password")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).contains("0.password"));
        assertThat(repository.usernameExists(a)).isFalse();
    }

    @Test
    void requiresAtLeastOneRole() {
        String a = uniqueName("norole");
        assertThatThrownBy(() -> users.create(List.of(row(a)), Set.of(), null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e)).containsExactly("roles"));
        assertThat(repository.usernameExists(a)).isFalse();
    }

    // the builtin administrator

    long adminId() {
        return repository.builtinAdmin().orElseThrow().getId();
    }

    @Test
    void cannotBeDeleted() {
        assertThatThrownBy(() -> users.delete(adminId())).isInstanceOf(NotAllowed.class);
        assertThat(repository.builtinAdmin()).isPresent();
    }

    @Test
    void cannotBeStrippedOfTheAdminRole() {
        assertThatThrownBy(() -> users.setRoles(adminId(), Set.of(userRole()))).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> roles.relateUsers(adminRole(), Set.of())).isInstanceOf(NotAllowed.class);
        assertThat(TestAccounts.names(users.details(adminId()).roles())).contains("System admin");
    }

    @Test
    void mayGetMoreRoles() {
        users.setRoles(adminId(), Set.of(adminRole(), userRole()));
        assertThat(TestAccounts.names(users.details(adminId()).roles())).contains("System admin", "User");
        users.setRoles(adminId(), Set.of(adminRole()));
    }

    // editing and deleting

    @Test
    void editsInfoAndRefusesBadInput() {
        String name = uniqueName("edit");
        long id = accounts.create(name, PresetRole.USER);
        users.update(id, new UserEdit("New Nick", "0912345678", "new@example.com", "about", 48));
        var account = users.details(id).account();
        assertThat(account.nickname()).isEqualTo("New Nick");
        assertThat(account.maxJobHours()).isEqualTo(48);

        assertThatThrownBy(() -> users.update(id, new UserEdit("", null, "bad", null, -1)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(fields(e))
                        .containsExactlyInAnyOrder("nickname", "email", "maxJobHours"));
        assertThat(users.details(id).account().nickname()).isEqualTo("New Nick");
    }

    @Test
    void deletesAUser() {
        String name = uniqueName("gone");
        long id = accounts.create(name, PresetRole.USER);
        users.delete(id);
        assertThat(repository.usernameExists(name)).isFalse();
    }

    @Test
    void resetsAPasswordToANewInitialOne() {
        String name = uniqueName("reset");
        long id = accounts.create(name, PresetRole.USER);
        String password = users.resetPassword(id);
        var stored = repository.byId(id).orElseThrow();
        assertThat(stored.getMustChangePassword()).isTrue();
        assertThat(encoder.matches(password, stored.getPasswordHash())).isTrue();
    }

    // the user list's roles

    @Test
    void theListNamesEachUsersOwnRolesAndTellsWhoHasNoRoleAtAll() {
        long both = accounts.create(uniqueName("both"), PresetRole.USER, PresetRole.ANNOTATOR);
        long bare = accounts.create(uniqueName("bare"));
        long grouped = accounts.create(uniqueName("grouped"));
        GroupService groups = context.getBean(GroupService.class);
        long group = groups.create(uniqueName("team"), "a team", Set.of(userRole()));
        groups.addMembers(group, Set.of(grouped));

        Map<Long, UserRoles> roles = users.roles(List.of(both, bare, grouped));

        assertThat(roles.get(both).direct()).extracting(UserRoles.Held::preset)
                .containsExactly(PresetRole.USER, PresetRole.ANNOTATOR);
        assertThat(roles.get(both).none()).isFalse();
        assertThat(roles.get(bare).direct()).isEmpty();
        assertThat(roles.get(bare).none()).isTrue();
        assertThat(roles.get(grouped).direct()).isEmpty();
        assertThat(roles.get(grouped).throughGroup()).isTrue();
        assertThat(roles.get(grouped).none()).isFalse();
        assertThat(users.roles(List.of())).isEmpty();
    }

    // searching

    @Test
    void findsByAnyWordInUsernameNicknamePhoneOrEmailAndCounts() {
        String tag = uniqueName("srch");
        accounts.create(tag + "a", PresetRole.USER);
        accounts.create(tag + "b", PresetRole.USER);
        assertThat(users.search(tag, 0, 10)).hasSize(2);
        assertThat(users.count(tag)).isEqualTo(2);
        assertThat(users.search("NICK " + tag.toUpperCase() + "A", 0, 10)).hasSize(1);
        assertThat(users.search(tag, 1, 10)).hasSize(1);
        assertThat(users.search("100%_" + tag, 0, 10)).isEmpty();
    }
}
