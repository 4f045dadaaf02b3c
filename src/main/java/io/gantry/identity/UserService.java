package io.gantry.identity;

import io.gantry.audit.OperationLog;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ListSort;
import io.gantry.shared.LiveWorkloads;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user management system's accounts (Apulis 4.2.1-4.2.4). Only for holders of USERS_MANAGE. */
@Service
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class UserService {

    /** Apulis 4.2.3: "Administrators could add at most 10 users at a time". */
    public static final int MAX_USERS_PER_WIZARD = 10;

    private final UserRepository users;
    private final RoleRepository roles;
    private final GroupRepository groups;
    private final PasswordEncoder passwordEncoder;
    private final InitialPasswords initialPasswords;
    private final OperationLog operationLog;
    private final Clock clock;
    private final ObjectProvider<LiveWorkloads> liveWorkloads;
    private final InitialAdminPasswordFile initialAdminPasswordFile;

    private final String administratorName;

    UserService(UserRepository users, RoleRepository roles, GroupRepository groups, PasswordEncoder passwordEncoder,
                InitialPasswords initialPasswords, OperationLog operationLog, Clock clock,
                ObjectProvider<LiveWorkloads> liveWorkloads,
                InitialAdminPasswordFile initialAdminPasswordFile,
                @Value("${gantry.admin.username:admin}") String administratorName) {
        this.liveWorkloads = liveWorkloads;
        this.initialAdminPasswordFile = initialAdminPasswordFile;
        this.administratorName = administratorName;
        this.users = users;
        this.roles = roles;
        this.groups = groups;
        this.passwordEncoder = passwordEncoder;
        this.initialPasswords = initialPasswords;
        this.operationLog = operationLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<UserAccount> search(String text, int offset, int limit) {
        return users.search(text, offset, limit);
    }

    /** A page of the matching accounts in the asked order (only the list's sort properties), then by user name. */
    @Transactional(readOnly = true)
    public List<UserAccount> search(String text, List<ListSort> sort, int offset, int limit) {
        return users.search(text, sort, offset, limit);
    }

    @Transactional(readOnly = true)
    public int count(String text) {
        return users.count(text);
    }

    /** The roles of a page of users, in one query; every id asked for has an entry. */
    @Transactional(readOnly = true)
    public Map<Long, UserRoles> roles(Collection<Long> userIds) {
        return users.rolesOf(userIds);
    }

    @Transactional(readOnly = true)
    public AccountDetails details(long id) {
        UserAccount account = users.byId(id).map(UserRepository::toAccount).orElseThrow(() -> new NotFound("user"));
        return new AccountDetails(account, roles.ofUser(id), groups.ofUser(id));
    }

    @Transactional(readOnly = true)
    public UserManagementCounts counts() {
        return new UserManagementCounts(users.countAll(), groups.countAll(), roles.countAll());
    }

    /**
     * Checks the rows of the create-users wizard without saving anything; the wizard calls it before it moves on.
     * Field names of problems are {@code <row>.<field>}.
     */
    @Transactional(readOnly = true)
    public void validate(List<NewUser> rows) {
        InvalidInput.Collector problems = InvalidInput.collect();
        if (rows.isEmpty() || rows.size() > MAX_USERS_PER_WIZARD) {
            problems.add(null, "user.wizard.count", MAX_USERS_PER_WIZARD);
        }
        Set<String> seen = new HashSet<>();
        Set<String> existing = users.existingUsernames(rows.stream().map(NewUser::username).toList());
        for (int i = 0; i < rows.size(); i++) {
            NewUser row = rows.get(i);
            problems.check(i + ".username", UserFields.usernameProblem(row.username()));
            problems.check(i + ".username", UserFields.reservedProblem(row.username(), administratorName));
            if (!problems.has(i + ".username")) {
                if (existing.contains(row.username())) {
                    problems.add(i + ".username", "error.name-taken", row.username());
                } else if (!seen.add(row.username())) {
                    problems.add(i + ".username", "user.username.repeated", row.username());
                }
            }
            problems.check(i + ".nickname", UserFields.nicknameProblem(row.nickname()))
                    .check(i + ".phone", UserFields.phoneProblem(row.phone()))
                    .check(i + ".email", UserFields.emailProblem(row.email()))
                    .check(i + ".description", UserFields.descriptionProblem(row.description()), UserFields.DESCRIPTION_MAX)
                    .check(i + ".maxJobHours", UserFields.maxJobHoursProblem(row.maxJobHours()), UserFields.MAX_JOB_HOURS_LIMIT);
        }
        problems.throwIfAny();
    }

    /** A strong initial password for the wizard's confirm step, where the administrator may still change it. */
    public String proposeInitialPassword() {
        return initialPasswords.next();
    }

    /**
     * Creates up to ten accounts in one go, all with the given roles, each with its initial password (generated where
     * none is given). Every account must change its password at first login. All or nothing.
     */
    @Transactional
    public List<CreatedUser> create(List<NewUser> rows, Set<Long> roleIds, List<String> initialPasswordsOrNull) {
        validate(rows);
        InvalidInput.Collector problems = InvalidInput.collect();
        if (roleIds.isEmpty()) {
            problems.add("roles", "user.roles.required");
        } else if (!roles.existingIds(roleIds).containsAll(roleIds)) {
            problems.add("roles", "error.not-found.role");
        }
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String chosen = initialPasswordsOrNull == null ? null : initialPasswordsOrNull.get(i);
            String password = chosen == null || chosen.isEmpty() ? initialPasswords.next() : chosen;
            String field = i + ".password";
            PasswordPolicy.violations(password, rows.get(i).username())
                    .forEach(key -> problems.add(field, key, PasswordPolicy.MIN_LENGTH));
            passwords.add(password);
        }
        problems.throwIfAny();
        List<CreatedUser> created = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            NewUser row = rows.get(i);
            long id = users.insert(row, passwordEncoder.encode(passwords.get(i)), false, true, clock.instant());
            users.setRoles(id, roleIds);
            created.add(new CreatedUser(id, row.username(), passwords.get(i)));
            operationLog.record("user.create", "user:" + row.username(), "oplog.details.roles",
                    LogNames.roles(roles, roleIds));
        }
        return created;
    }

    @Transactional
    public void update(long id, UserEdit edit) {
        AccountDetails before = details(id);
        InvalidInput.collect()
                .check("nickname", UserFields.nicknameProblem(edit.nickname()))
                .check("phone", UserFields.phoneProblem(edit.phone()))
                .check("email", UserFields.emailProblem(edit.email()))
                .check("description", UserFields.descriptionProblem(edit.description()), UserFields.DESCRIPTION_MAX)
                .check("maxJobHours", UserFields.maxJobHoursProblem(edit.maxJobHours()), UserFields.MAX_JOB_HOURS_LIMIT)
                .throwIfAny();
        users.update(id, edit);
        operationLog.record("user.update", "user:" + before.account().username(), null);
    }

    @Transactional
    public void setRoles(long id, Set<Long> roleIds) {
        UserAccount account = details(id).account();
        if (!roles.existingIds(roleIds).containsAll(roleIds)) {
            throw new NotFound("role");
        }
        if (account.builtin()) {
            long admin = roles.preset(PresetRole.SYSTEM_ADMIN).orElseThrow().id();
            if (!roleIds.contains(admin)) {
                throw new NotAllowed("user.builtin.keep-admin", account.username());
            }
        }
        users.setRoles(id, roleIds);
        operationLog.record("user.roles", "user:" + account.username(), "oplog.details.roles",
                LogNames.roles(roles, roleIds));
    }

    @Transactional
    public void setGroups(long id, Set<Long> groupIds) {
        UserAccount account = details(id).account();
        if (!groups.existingIds(groupIds).containsAll(groupIds)) {
            throw new NotFound("group");
        }
        users.setGroups(id, groupIds);
        operationLog.record("user.groups", "user:" + account.username(), "oplog.details.groups",
                LogNames.groups(groups, groupIds));
    }

    /** Gives the account a new initial password, which it must change at its next login. */
    @Transactional
    public String resetPassword(long id) {
        UserAccount account = details(id).account();
        String password = initialPasswords.next();
        users.setPassword(id, passwordEncoder.encode(password), true);
        operationLog.record("user.reset-password", "user:" + account.username(), null);
        if (account.builtin()) {
            initialAdminPasswordFile.deleteWhenCommitted();
        }
        return password;
    }

    @Transactional
    public void delete(long id) {
        UserAccount account = details(id).account();
        if (account.builtin()) {
            throw new NotAllowed("user.builtin.delete", account.username());
        }
        if (CurrentUser.require().id() == id) {
            throw new NotAllowed("user.delete.self");
        }
        // Their rows would cascade away while their processes kept running with the account's keys and devices.
        List<String> live = liveWorkloads.stream().flatMap(w -> w.ownedBy(id).stream()).toList();
        if (!live.isEmpty()) {
            throw new NotAllowed("user.delete.busy", account.username(), live.size(), String.join(", ", live));
        }
        users.delete(id);
        operationLog.record("user.delete", "user:" + account.username(), null);
    }
}
