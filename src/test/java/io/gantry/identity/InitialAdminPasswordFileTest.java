package io.gantry.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.shared.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The first start of an installation without a configured administrator password, on a database of its own: the
 * generated password lands in an owner-only file in the data folder, which outlives restarts and goes away with the
 * password.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:first-start;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "gantry.admin.initial-password=",
        "gantry.data-dir=target/test-data-first-start"})
@ActiveProfiles("test")
@DirtiesContext
class InitialAdminPasswordFileTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    UserRepository users;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AccountService accountService;
    @Autowired
    UserService userService;
    @Autowired
    InitialAdminPasswordFile passwordFile;
    @Value("${gantry.data-dir}")
    String dataDir;

    @AfterEach
    void signOut() {
        new TestAccounts(context).signOut();
    }

    @Test
    void theGeneratedPasswordIsInAnOwnerOnlyFileUntilTheAdministratorChangesIt() throws Exception {
        Path file = Path.of(dataDir, "initial-admin-password").toAbsolutePath().normalize();
        assertThat(passwordFile.path()).isEqualTo(file);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSize(InitialPasswords.LENGTH);
        assertThat(encoder.matches(password, users.builtinAdmin().orElseThrow().getPasswordHash())).isTrue();

        // A second start finds the administrator and leaves the file as it is.
        FileTime written = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, written);
        context.getBean(BuiltinAdministrator.class).afterSingletonsInstantiated();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
        assertThat(Files.readString(file).strip()).isEqualTo(password);

        var accounts = new TestAccounts(context);
        accounts.signInAs(TestAccounts.ADMIN);
        assertThatThrownBy(() -> accountService.changePassword("not-the-password", "Chosen-Secret-Pass-7"))
                .isInstanceOf(InvalidInput.class);
        assertThat(file).as("a refused change keeps the password").exists();

        accountService.changePassword(password, "Chosen-Secret-Pass-7");
        assertThat(file).doesNotExist();

        // A reset gives the administrator another password: a file left behind would name an outdated one.
        assertThat(passwordFile.write("Outdated-Pass-1")).isTrue();
        accounts.signInAsAdmin();
        userService.resetPassword(users.builtinAdmin().orElseThrow().getId());
        assertThat(file).doesNotExist();
    }
}
