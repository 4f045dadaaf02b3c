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
 * already and a log is read by more people than the operator. A generated one is also written to an owner-only file
 * in the data folder ({@link InitialAdminPasswordFile}), which is easier to find than one line among thousands and
 * goes away with the password. It runs once every bean is ready but before the web server takes requests, so the
 * first login page served can already sign the administrator in.
 */
@Component
class BuiltinAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BuiltinAdministrator.class);

    private final UserRepository users;
    private final RoleRepository roles;
    private final PasswordEncoder passwordEncoder;
    private final InitialPasswords initialPasswords;
    private final InitialAdminPasswordFile passwordFile;
    private final OperationLog operationLog;
    private final Clock clock;
    private final String username;
    private final String configuredPassword;

    BuiltinAdministrator(UserRepository users, RoleRepository roles, PasswordEncoder passwordEncoder,
                         InitialPasswords initialPasswords, InitialAdminPasswordFile passwordFile,
                         OperationLog operationLog, Clock clock,
                         @Value("${gantry.admin.username:admin}") String username,
                         @Value("${gantry.admin.initial-password:}") String configuredPassword) {
        this.users = users;
        this.roles = roles;
        this.passwordEncoder = passwordEncoder;
        this.initialPasswords = initialPasswords;
        this.passwordFile = passwordFile;
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
            // A file left from an earlier database would name a password that is not this administrator's.
            passwordFile.deleteWhenCommitted();
            log.info("Created the administrator {} with the configured initial password"
                    + " (gantry.admin.initial-password); it must be changed at the first login.", username);
            return;
        }
        String kept = passwordFile.write(password)
                ? "  The password is also in %s\n  (readable by Gantry's account only) until it is changed.\n"
                        .formatted(passwordFile.path())
                : "";
        String banner = """

                ================================================================
                  Gantry's administrator login (shown once):
                    username: %s
                    password: %s
                  You will be asked to choose a new password at the first login.
                %s================================================================
                """.formatted(username, password, kept);
        log.info(banner);
    }
}
