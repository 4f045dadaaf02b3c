package io.gantry.identity;

import io.gantry.audit.OperationLog;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the built-in administrator on the first start. The password is generated unless one is configured, and
 * must be changed at the first login; only a generated one is printed (once), since a configured one is known
 * already and a log is read by more people than the operator. It runs once every bean is ready but before the web
 * server takes requests, so the first login page served can already sign the administrator in.
 */
@Component
class BuiltinAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BuiltinAdministrator.class);

    private final UserRepository users;
    private final RoleRepository roles;
    private final PasswordEncoder passwordEncoder;
    private final InitialPasswords initialPasswords;
    private final OperationLog operationLog;
    private final Clock clock;
    private final String username;
    private final String configuredPassword;

    BuiltinAdministrator(UserRepository users, RoleRepository roles, PasswordEncoder passwordEncoder,
                         InitialPasswords initialPasswords, OperationLog operationLog, Clock clock,
                         @Value("${gantry.admin.username:admin}") String username,
                         @Value("${gantry.admin.initial-password:}") String configuredPassword) {
        this.users = users;
        this.roles = roles;
        this.passwordEncoder = passwordEncoder;
        this.initialPasswords = initialPasswords;
        this.operationLog = operationLog;
        this.clock = clock;
        this.username = username;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void afterSingletonsInstantiated() {
        if (users.builtinAdmin().isPresent()) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? initialPasswords.next() : configuredPassword;
        long id = users.insert(new NewUser(username, "Administrator", null, null, null, null),
                passwordEncoder.encode(password), true, true, clock.instant());
        users.setRoles(id, java.util.List.of(roles.preset(PresetRole.SYSTEM_ADMIN).orElseThrow().id()));
        operationLog.recordAs("system", OperationLog.currentAddress(), "user.create", "user:" + username,
                "oplog.details.builtin-admin");
        if (!generated) {
            log.info("Created the administrator {} with the configured initial password"
                    + " (gantry.admin.initial-password); it must be changed at the first login.", username);
            return;
        }
        String banner = """

                ================================================================
                  Gantry's administrator login (shown once):
                    username: %s
                    password: %s
                  You will be asked to choose a new password at the first login.
                ================================================================
                """.formatted(username, password);
        log.info(banner);
    }
}
