package io.gantry.identity;

import io.gantry.audit.OperationLog;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the built-in administrator on the first start and prints its login once. The password is generated
 * unless one is configured, and must be changed at the first login.
 */
@Component
class BuiltinAdministrator implements ApplicationRunner {

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
    public void run(ApplicationArguments args) {
        if (users.builtinAdmin().isPresent()) {
            return;
        }
        String password = configuredPassword.isBlank() ? initialPasswords.next() : configuredPassword;
        long id = users.insert(new NewUser(username, "Administrator", null, null, null, null),
                passwordEncoder.encode(password), true, true, clock.instant());
        users.setRoles(id, java.util.List.of(roles.preset(PresetRole.SYSTEM_ADMIN).orElseThrow().id()));
        operationLog.recordAs("system", OperationLog.currentAddress(), "user.create", "user:" + username,
                "built-in administrator");
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
