package io.gantry.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The built-in administrator's generated first password, kept in {@code <gantry.data-dir>/initial-admin-password}
 * (readable by Gantry's account only) besides the log, where it is easily lost among thousands of lines. It is
 * deleted when that password stops being the administrator's: at the first change of the password, or a reset.
 */
@Component
class InitialAdminPasswordFile {

    static final String NAME = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(InitialAdminPasswordFile.class);

    private final Path file;

    InitialAdminPasswordFile(@Value("${gantry.data-dir:./data}") String dataDir) {
        this.file = Path.of(dataDir, NAME).toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    /**
     * Writes the password to a new owner-only file (one left by an earlier attempt is replaced, never reused with
     * its permissions). Answers whether it was written: the log still shows the password where it could not be.
     */
    boolean write(String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            log.warn("Could not write the administrator's initial password to {}: {}", file, e.toString());
            return false;
        }
    }

    /** Deletes the file once the current transaction commits (at once without one): the password is no longer valid. */
    void deleteWhenCommitted() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete();
                }
            });
        } else {
            delete();
        }
    }

    private void delete() {
        try {
            if (Files.deleteIfExists(file)) {
                log.info("Deleted {}: the administrator's initial password is no longer valid.", file);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}, which holds the administrator's outdated initial password: {}",
                    file, e.toString());
        }
    }
}
