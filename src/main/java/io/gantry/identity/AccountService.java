package io.gantry.identity;

import io.gantry.audit.OperationLog;
import io.gantry.audit.Phrase;
import io.gantry.db.tables.records.AppUserRecord;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.NotFound;
import io.gantry.shared.UserFacingException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every user does with their own account: register, profile, password, personal settings (Apulis 3.1, 3.14;
 * AI-Stack 八.3, 八.8). Acts on the signed-in user only.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class AccountService {

    private final UserRepository users;
    private final RoleRepository roles;
    private final GroupRepository groups;
    private final PasswordEncoder passwordEncoder;
    private final OperationLog operationLog;
    private final Clock clock;

    private final RegistrationAttempts registrations;
    private final InitialAdminPasswordFile initialAdminPasswordFile;
    private final String administratorName;

    AccountService(UserRepository users, RoleRepository roles, GroupRepository groups, PasswordEncoder passwordEncoder,
                   OperationLog operationLog, Clock clock, RegistrationAttempts registrations,
                   InitialAdminPasswordFile initialAdminPasswordFile,
                   @Value("${gantry.admin.username:admin}") String administratorName) {
        this.registrations = registrations;
        this.initialAdminPasswordFile = initialAdminPasswordFile;
        this.administratorName = administratorName;
        this.users = users;
        this.roles = roles;
        this.groups = groups;
        this.passwordEncoder = passwordEncoder;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    /**
     * Self-registration: the new account has no role until an administrator grants one. Each source address has a
     * few registrations per window (gantry.registration-throttle), refused or not: a taken name must be reported so
     * that the user can choose another, and the throttle keeps that from becoming a way to list the accounts.
     */
    @PreAuthorize("permitAll()")
    @Transactional
    public void register(String username, String nickname, String password, String sourceIp) {
        String address = sourceIp == null || sourceIp.isBlank() ? OperationLog.currentAddress() : sourceIp;
        registrations.refuseOrCount(address).ifPresent(retryAt -> {
            throw new UserFacingException(null, "register.throttled", retryAt);
        });
        InvalidInput.Collector problems = InvalidInput.collect()
                .check("username", UserFields.usernameProblem(username))
                .check("nickname", UserFields.nicknameProblem(nickname));
        if (!problems.has("username")) {
            problems.check("username", UserFields.reservedProblem(username, administratorName));
        }
        if (!problems.has("username") && users.usernameExists(username)) {
            problems.add("username", "error.name-taken", username);
        }
        PasswordPolicy.violations(password, username)
                .forEach(key -> problems.add("password", key, PasswordPolicy.MIN_LENGTH));
        problems.throwIfAny();
        users.insert(new NewUser(username, nickname.strip(), null, null, null, null), passwordEncoder.encode(password),
                false, false, clock.instant());
        operationLog.recordAs(username, address, "account.register", "user:" + username, null);
    }

    @Transactional(readOnly = true)
    public AccountDetails me() {
        long id = CurrentUser.require().id();
        UserAccount account = users.byId(id).map(UserRepository::toAccount).orElseThrow(() -> new NotFound("user"));
        return new AccountDetails(account, roles.effectiveOf(id), groups.ofUser(id));
    }

    @Transactional
    public void updateProfile(String nickname, String phone, String email) {
        AppUserRecord user = current();
        InvalidInput.collect()
                .check("nickname", UserFields.nicknameProblem(nickname))
                .check("phone", UserFields.phoneProblem(phone))
                .check("email", UserFields.emailProblem(email))
                .throwIfAny();
        users.update(user.getId(), new UserEdit(nickname.strip(), phone, email, user.getDescription(),
                user.getMaxJobHours()));
        operationLog.record("account.profile", "user:" + user.getUsername(), null);
    }

    /** Changes the signed-in user's password; the current one is required, and the new one must differ from it. */
    @Transactional
    public void changePassword(String currentPassword, String newPassword) {
        AppUserRecord user = current();
        InvalidInput.Collector problems = InvalidInput.collect();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            problems.add("currentPassword", "password.current.wrong");
        }
        PasswordPolicy.violations(newPassword, user.getUsername())
                .forEach(key -> problems.add("newPassword", key, PasswordPolicy.MIN_LENGTH));
        if (!problems.has("newPassword") && !problems.has("currentPassword")
                && passwordEncoder.matches(newPassword, user.getPasswordHash())) {
            problems.add("newPassword", "password.rule.same");
        }
        problems.throwIfAny();
        users.setPassword(user.getId(), passwordEncoder.encode(newPassword), false);
        operationLog.record("account.password", "user:" + user.getUsername(), null);
        if (Boolean.TRUE.equals(user.getBuiltin())) {
            initialAdminPasswordFile.deleteWhenCommitted();
        }
    }

    @Transactional(readOnly = true)
    public Preferences preferences() {
        return UserRepository.preferencesOf(current());
    }

    @Transactional
    public void savePreferences(Preferences preferences) {
        AppUserRecord user = current();
        if (Arrays.stream(Preferences.REFRESH_CHOICES).noneMatch(s -> s == preferences.refreshSeconds())) {
            throw new InvalidInput("refreshSeconds", "settings.refresh.invalid");
        }
        users.setPreferences(user.getId(), preferences);
        operationLog.record("account.settings", "user:" + user.getUsername(), "oplog.details.settings",
                Phrase.of("settings.theme." + preferences.theme().name().toLowerCase()),
                Phrase.of(preferences.language() == null ? "settings.language.browser"
                        : "language." + preferences.language().tag()),
                preferences.refreshSeconds() == 0 ? Phrase.of("settings.refresh.off")
                        : Phrase.of("settings.refresh.seconds", preferences.refreshSeconds()));
    }

    /** The platform administrators a user without access should contact. */
    @Transactional(readOnly = true)
    public List<UserAccount> administrators() {
        return roles.preset(PresetRole.SYSTEM_ADMIN).map(role -> users.holdingRole(role.id())).orElse(List.of());
    }

    /** Finds accounts by name, for pickers such as a project manager adding members. */
    @Transactional(readOnly = true)
    public List<UserRef> lookup(String text, int offset, int limit) {
        return users.search(text, offset, limit).stream()
                .map(u -> new UserRef(u.id(), u.username(), u.nickname())).toList();
    }

    /** As {@link #lookup}, leaving out these accounts (for instance the members a picker must not offer again). */
    @Transactional(readOnly = true)
    public List<UserRef> lookupExcept(String text, java.util.Collection<Long> except, int offset, int limit) {
        return users.searchExcept(text, except, offset, limit).stream()
                .map(u -> new UserRef(u.id(), u.username(), u.nickname())).toList();
    }

    @Transactional(readOnly = true)
    public List<UserRef> refs(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return users.byIds(ids).stream().map(u -> new UserRef(u.id(), u.username(), u.nickname())).toList();
    }

    private AppUserRecord current() {
        return users.byId(CurrentUser.require().id()).orElseThrow(() -> new NotFound("user"));
    }
}
