package io.gantry.identity;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gantry.AdjustableClock;
import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.OperationLogQuery;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Names;
import io.gantry.shared.UserFacingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Registration, sign-in with throttling, own profile, password and settings; run on H2 and on PostgreSQL, on the
 * tests' clock ({@link io.gantry.TestClock}) so that a throttle's window can pass.
 */
abstract class AccountContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    AccountService accountService;
    @Autowired
    AccountAuthenticationProvider provider;
    @Autowired
    UserRepository users;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    OperationLog operationLog;
    @Autowired
    AdjustableClock clock;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        accounts.signOut();
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
        clock.reset();
    }

    Authentication login(String username, String password, String address) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        attempt.setDetails(new WebAuthenticationDetails(request));
        return provider.authenticate(attempt);
    }

    java.util.List<OperationLogEntry> logOf(String username) {
        accounts.signInAsAdmin();
        try {
            return operationLog.find(new OperationLogQuery(null, null, username), 0, 50);
        } finally {
            accounts.signOut();
        }
    }

    // registration

    @Test
    void registersAnAccountWithoutRoleThatCanSignIn() {
        String name = uniqueName("reg");
        accountService.register(name, "Newcomer", "Good-Pass-123", "10.1.2.3");
        var signedIn = (SignedInUser) login(name, "Good-Pass-123", "10.1.2.3").getPrincipal();
        assertThat(signedIn.permissions()).isEmpty();
        assertThat(signedIn.mustChangePassword()).isFalse();
        assertThat(logOf(name)).extracting(OperationLogEntry::action).contains("account.register", "auth.login");
    }

    @Test
    void refusesWeakPasswordsTakenNamesAndBadNamesAndSavesNothing() {
        String name = uniqueName("regbad");
        assertThatThrownBy(() -> accountService.register(name, "N", "weak", "10.1.2.3"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("password"));
        assertThat(users.usernameExists(name)).isFalse();
        String taken = uniqueName("taken");
        accounts.create(taken);
        assertThatThrownBy(() -> accountService.register(taken, "N", "Good-Pass-123", "10.1.2.3"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("error.name-taken"));
        assertThatThrownBy(() -> accountService.register("x".repeat(40), "", "Good-Pass-123", "10.1.2.3"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("username", "nickname"));
    }

    @Test
    void refusesThePlatformsOwnNamesAndInvisibleCharactersInTheNickname() {
        for (String name : List.of("system", "admin", "root", "administrator")) {
            assertThatThrownBy(() -> accountService.register(name, "Official", "Good-Pass-123", "10.1.4.1"))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                            .extracting(FieldProblem::field, FieldProblem::messageKey)
                            .containsExactly(tuple("username", "user.username.reserved")));
        }
        String name = uniqueName("rlo");
        assertThatThrownBy(() -> accountService.register(name, "admin\u202E", "Good-Pass-123", "10.1.4.1"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(tuple("nickname", Names.CONTROL_CHARACTERS)));
        assertThat(users.usernameExists(name)).isFalse();
    }

    @Test
    void throttlesRegistrationsPerAddressWhateverTheirOutcome() {
        // The test profile allows 10 per window; refusals count too, or "name taken" would list the accounts.
        String address = "10.1.5." + (1 + (uniqueName("a").hashCode() & 0x7f));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> accountService.register(TestAccounts.ADMIN, "N", "Good-Pass-123", address))
                    .isInstanceOf(InvalidInput.class);
        }
        String name = uniqueName("late");
        assertThatThrownBy(() -> accountService.register(name, "Late", "Good-Pass-123", address))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e).isNotInstanceOf(InvalidInput.class);
                    assertThat(e.messageKey()).isEqualTo("register.throttled");
                    assertThat((java.time.Instant) e.arguments()[0]).isAfter(java.time.Instant.now());
                });
        assertThat(users.usernameExists(name)).isFalse();
        // Another address is not affected.
        accountService.register(name, "Late", "Good-Pass-123", address + "0");
        assertThat(users.usernameExists(name)).isTrue();
    }

    @Test
    void aThrottledAddressMayRegisterAgainOnceTheWindowHasPassed() {
        String address = "10.1.6." + (1 + (uniqueName("b").hashCode() & 0x7f));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> accountService.register(TestAccounts.ADMIN, "N", "Good-Pass-123", address))
                    .isInstanceOf(InvalidInput.class);
        }
        String name = uniqueName("patient");
        assertThatThrownBy(() -> accountService.register(name, "Patient", "Good-Pass-123", address))
                .isInstanceOfSatisfying(UserFacingException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("register.throttled");
                    assertThat(e.arguments()[0]).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
                });

        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThatThrownBy(() -> accountService.register(name, "Patient", "Good-Pass-123", address))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("register.throttled"));
        clock.advance(Duration.ofSeconds(1));
        accountService.register(name, "Patient", "Good-Pass-123", address);
        assertThat(users.usernameExists(name)).isTrue();
    }

    // signing in

    @Test
    void refusesAWrongPasswordAndLogsTheFailure() {
        String name = uniqueName("wrong");
        accounts.createWithPassword(name, "Right-Pass-1");
        assertThatThrownBy(() -> login(name, "Wrong-Pass-1", "10.9.9.9")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login(uniqueName("nobody"), "Wrong-Pass-1", "10.9.9.9"))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(logOf(name)).anySatisfy(line -> {
            assertThat(line.action()).isEqualTo("auth.login-failed");
            assertThat(line.sourceIp()).isEqualTo("10.9.9.9");
        });
    }

    @Test
    void aFailedLoginUnderANameThatIsNoAccountLogsNotThatName() {
        // Someone typed their password into the username field.
        String typed = "Pass-" + uniqueName("w");
        String address = "10.9.8." + (1 + (typed.hashCode() & 0x7f));
        assertThatThrownBy(() -> login(typed, "whatever", address)).isInstanceOf(BadCredentialsException.class);
        accounts.signInAsAdmin();
        try {
            assertThat(operationLog.find(new OperationLogQuery(null, null, typed), 0, 10)).isEmpty();
            assertThat(operationLog.find(new OperationLogQuery(null, null, address), 0, 200))
                    .anySatisfy(line -> {
                        assertThat(line.action()).isEqualTo("auth.login-failed");
                        assertThat(line.sourceIp()).isEqualTo(address);
                        assertThat(line.username()).isEqualTo(AccountAuthenticationProvider.UNKNOWN_ACCOUNT);
                        assertThat(line.messageKey()).isEqualTo("oplog.details.unknown-account");
                    });
        } finally {
            accounts.signOut();
        }
    }

    @Test
    void throttlesAnAccountAfterRepeatedFailuresEvenWithTheRightPassword() {
        String name = uniqueName("throttle");
        accounts.createWithPassword(name, "Right-Pass-1");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(name, "Wrong-Pass-1", "10.7.7.7")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(name, "Right-Pass-1", "10.7.7.8"))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoginThrottle.Reason.ACCOUNT);
                    assertThat(e.retryAt()).isAfter(java.time.Instant.now());
                });
        // Another account from the same address is not affected.
        String other = uniqueName("other");
        accounts.createWithPassword(other, "Right-Pass-1");
        assertThat(login(other, "Right-Pass-1", "10.7.7.7").isAuthenticated()).isTrue();
    }

    @Test
    void aThrottledAccountMaySignInAgainWhenItsOldestCountedFailureLeavesTheWindow() {
        String name = uniqueName("waits");
        accounts.createWithPassword(name, "Right-Pass-1");
        var first = clock.instant();
        assertThatThrownBy(() -> login(name, "Wrong-Pass-1", "10.7.6.1")).isInstanceOf(BadCredentialsException.class);
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(name, "Wrong-Pass-1", "10.7.6.1"))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(name, "Right-Pass-1", "10.7.6.2"))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAt()).isEqualTo(first.plus(Duration.ofMinutes(15))));

        clock.set(first.plus(Duration.ofMinutes(15)).minusSeconds(1));
        assertThatThrownBy(() -> login(name, "Right-Pass-1", "10.7.6.2"))
                .isInstanceOf(LoginThrottledException.class);
        // Four failures are left in the window, one fewer than the limit.
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(name, "Right-Pass-1", "10.7.6.2").isAuthenticated()).isTrue();
    }

    @Test
    void aSuccessfulLoginForgivesEarlierFailures() {
        String name = uniqueName("forgive");
        accounts.createWithPassword(name, "Right-Pass-1");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(name, "Wrong-Pass-1", "10.6.6.6")).isInstanceOf(BadCredentialsException.class);
        }
        login(name, "Right-Pass-1", "10.6.6.6");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(name, "Wrong-Pass-1", "10.6.6.6")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(login(name, "Right-Pass-1", "10.6.6.6").isAuthenticated()).isTrue();
    }

    @Test
    void anInitialPasswordGrantsNothingButChangingIt() {
        String name = uniqueName("initial");
        long id = accounts.createWithPassword(name, "Initial-Pass-1", PresetRole.USER);
        users.setPassword(id, encoder.encode("Initial-Pass-1"), true);
        Authentication session = login(name, "Initial-Pass-1", "10.5.5.5");
        assertThat(session.getAuthorities()).extracting(a -> a.getAuthority())
                .containsExactly(SignedInUser.PASSWORD_CHANGE_REQUIRED);

        accounts.signInAs(name);
        accountService.changePassword("Initial-Pass-1", "Own-Choice-22");
        assertThat(login(name, "Own-Choice-22", "10.5.5.5").getAuthorities()).extracting(a -> a.getAuthority())
                .contains(io.gantry.shared.Permission.TASKS_USE.authority());
    }

    // own account

    @Test
    void changingThePasswordNeedsTheCurrentOneAndAStrongDifferentNewOne() {
        String name = uniqueName("chpw");
        accounts.createWithPassword(name, "Current-Pass-1", PresetRole.USER);
        accounts.signInAs(name);
        assertThatThrownBy(() -> accountService.changePassword("not-it", "Another-Pass-2"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("currentPassword"));
        assertThatThrownBy(() -> accountService.changePassword("Current-Pass-1", "weak"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("newPassword"));
        assertThatThrownBy(() -> accountService.changePassword("Current-Pass-1", "Current-Pass-1"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey).containsExactly("password.rule.same"));
        assertThat(encoder.matches("Current-Pass-1", users.byUsername(name).orElseThrow().getPasswordHash())).isTrue();
    }

    @Test
    void updatesTheProfileAndRefusesBadInput() {
        String name = uniqueName("prof");
        accounts.create(name, PresetRole.USER);
        accounts.signInAs(name);
        accountService.updateProfile("王小明", "+886 912-345-678", "ming@example.com");
        assertThat(accountService.me().account().nickname()).isEqualTo("王小明");
        assertThatThrownBy(() -> accountService.updateProfile("x".repeat(65), "phone?", "nope"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("nickname", "phone", "email"));
        assertThat(accountService.me().account().nickname()).isEqualTo("王小明");
    }

    @Test
    void savesPreferencesAndRefusesAnUnofferedRefreshInterval() {
        String name = uniqueName("pref");
        accounts.create(name, PresetRole.USER);
        accounts.signInAs(name);
        accountService.savePreferences(new Preferences(Theme.DARK, Language.ZH_CN, 10));
        assertThat(accountService.preferences()).isEqualTo(new Preferences(Theme.DARK, Language.ZH_CN, 10));
        assertThatThrownBy(() -> accountService.savePreferences(new Preferences(Theme.LIGHT, null, 7)))
                .isInstanceOf(InvalidInput.class);
        assertThat(accountService.preferences().theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void listsTheAdministratorsToContact() {
        accounts.create(uniqueName("lonely"));
        accounts.signInAs(TestAccounts.ADMIN);
        assertThat(accountService.administrators()).extracting(UserAccount::username).contains(TestAccounts.ADMIN);
    }
}
