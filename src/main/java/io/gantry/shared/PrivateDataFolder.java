package io.gantry.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates Gantry's data folder ({@code gantry.data-dir}) readable by Gantry's account only, before the database,
 * the secret key or the runtime put anything in it: created later by whichever writes first, it would get the
 * process's umask (world-readable on most hosts). An existing folder is left as its administrator made it.
 */
public class PrivateDataFolder implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("gantry.data-dir");
        if (configured == null || configured.isBlank()) {
            return;
        }
        Path folder = Path.of(configured).toAbsolutePath().normalize();
        if (Files.exists(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder.getParent());
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data folder " + folder, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + folder, e);
        }
    }

    /** After the configuration files are read, which may name the folder. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
