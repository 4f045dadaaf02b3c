package io.gantry.cluster;

import io.gantry.secrets.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    /**
     * The key that encrypts credentials: {@code gantry.secret-key} (Base64 of 32 bytes) when set, as in production.
     * Replicas must share it, so on any database but the embedded H2 Gantry refuses to start without it; on H2 a key
     * is generated once into the data folder, readable by its owner only.
     */
    @Bean
    SecretBox secretBox(@Value("${gantry.secret-key:}") String configured,
                        @Value("${gantry.data-dir:./data}") String dataDir,
                        @Value("${spring.datasource.url:}") String databaseUrl) {
        if (!configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new MissingSecretKey("gantry.secret-key is not Base64. " + HOW_TO_SET);
            }
            if (key.length != 32) {
                throw new MissingSecretKey("gantry.secret-key must be 32 bytes, not " + key.length + ". "
                        + HOW_TO_SET);
            }
            return new SecretBox(key);
        }
        if (!databaseUrl.isBlank() && !databaseUrl.startsWith("jdbc:h2:")) {
            throw new MissingSecretKey("Gantry on a shared database needs gantry.secret-key, the same on every "
                    + "replica. " + HOW_TO_SET);
        }
        Path file = Path.of(dataDir, "secret.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                ownerOnly(file.getParent(), "rwx------");
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                // Created owner-only before a byte is written, so that the key is never readable by others.
                createOwnerOnly(file);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            return new SecretBox(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
        }
    }

    static final String HOW_TO_SET = "Generate one with `openssl rand -base64 32` and set it as the environment "
            + "variable GANTRY_SECRET_KEY (or the property gantry.secret-key) on every replica; keep it with the "
            + "database's backups.";

    /** Gantry cannot start without a usable secret key; the message says how to set one. */
    static final class MissingSecretKey extends IllegalStateException {
        MissingSecretKey(String message) {
            super(message);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the folder's own protection applies.
            Files.createFile(file);
        }
    }

    private static void ownerOnly(Path folder, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing to tighten.
        }
    }
}
