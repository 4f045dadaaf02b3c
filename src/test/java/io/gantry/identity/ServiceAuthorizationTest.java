package io.gantry.identity;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.OnH2;
import io.gantry.shared.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * Authorization lives in the services: a signed-in user without USERS_MANAGE, or nobody at all, cannot call the user
 * management services, whatever the screens show.
 */
@OnH2
class ServiceAuthorizationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    UserService users;
    @Autowired
    GroupService groups;
    @Autowired
    RoleService roles;
    @Autowired
    AccountService account;

    TestAccounts accounts;

    interface Call {
        void run(UserService users, GroupService groups, RoleService roles) throws Exception;
    }

    static List<Arguments> protectedCalls() {
        return List.of(
                Arguments.of("users.search", (Call) (u, g, r) -> u.search("", 0, 10)),
                Arguments.of("users.details", (Call) (u, g, r) -> u.details(1)),
                Arguments.of("users.create", (Call) (u, g, r) -> u.create(List.of(new NewUser("zz" + uniqueName("a"),
                        "n", null, null, null, null)), Set.of(1L), null)),
                Arguments.of("users.update", (Call) (u, g, r) -> u.update(1, new UserEdit("n", null, null, null, null))),
                Arguments.of("users.setRoles", (Call) (u, g, r) -> u.setRoles(1, Set.of(1L))),
                Arguments.of("users.resetPassword", (Call) (u, g, r) -> u.resetPassword(1)),
                Arguments.of("users.delete", (Call) (u, g, r) -> u.delete(1)),
                Arguments.of("users.counts", (Call) (u, g, r) -> u.counts()),
                Arguments.of("groups.search", (Call) (u, g, r) -> g.search("", 0, 10)),
                Arguments.of("groups.create", (Call) (u, g, r) -> g.create("g", "d", Set.of(1L))),
                Arguments.of("groups.addMembers", (Call) (u, g, r) -> g.addMembers(1, Set.of(1L))),
                Arguments.of("groups.delete", (Call) (u, g, r) -> g.delete(1)),
                Arguments.of("roles.all", (Call) (u, g, r) -> r.all()),
                Arguments.of("roles.create", (Call) (u, g, r) -> r.create("r", "d", EnumSet.of(Permission.TASKS_USE))),
                Arguments.of("roles.relateUsers", (Call) (u, g, r) -> r.relateUsers(1, Set.of())),
                Arguments.of("roles.delete", (Call) (u, g, r) -> r.delete(1)));
    }

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedCalls")
    void refusedToAnOrdinaryUser(String name, Call call) {
        String username = uniqueName("plain");
        accounts.create(username, PresetRole.USER, PresetRole.ANNOTATOR);
        accounts.signInAs(username);
        assertThatThrownBy(() -> call.run(users, groups, roles)).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedCalls")
    void refusedToNobody(String name, Call call) {
        accounts.signOut();
        assertThatThrownBy(() -> call.run(users, groups, roles))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedCalls")
    void refusedWhileTheInitialPasswordIsNotChanged(String name, Call call) {
        accounts.signInAs(TestAccounts.ADMIN);
        assertThatThrownBy(() -> call.run(users, groups, roles)).isInstanceOf(AccessDeniedException.class);
    }

    @org.junit.jupiter.api.Test
    void ownAccountCallsNeedASignedInUser() {
        accounts.signOut();
        assertThatThrownBy(() -> account.me()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> account.changePassword("a", "b"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> account.savePreferences(Preferences.DEFAULT))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }
}
