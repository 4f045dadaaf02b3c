package io.gantry.cluster;

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
     * The key that encrypts registry credentials: {@code gantry.secret-key} (Base64 of 32 bytes) when set, as in
     * production; otherwise a key generated once into the data folder, readable by its owner only.
     */
    @Bean
    SecretBox secretBox(@Value("${gantry.secret-key:}") String configured,
                        @Value("${gantry.data-dir:./data}") String dataDir) {
        if (!configured.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(configured.strip()));
        }
        Path file = Path.of(dataDir, "secret.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Not a POSIX file system: the folder's own protection applies.
                }
            }
            return new SecretBox(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
        }
    }
}
