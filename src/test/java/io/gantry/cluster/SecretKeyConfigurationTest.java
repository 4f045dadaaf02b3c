package io.gantry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.secrets.SecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the secret key comes from: configuration on a shared database, a generated owner-only file on H2. */
class SecretKeyConfigurationTest {

    static final String KEY = "dGVzdHMtb25seS1zZWNyZXQta2V5LTMyLWJ5dGVzISE=";

    final ClusterConfiguration configuration = new ClusterConfiguration();

    @Test
    void onH2TheGeneratedKeyIsWrittenOwnerOnlyInAnOwnerOnlyFolderAndReadAgain(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        SecretBox first = configuration.secretBox("", data.toString(), "jdbc:h2:file:./data/gantry");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secret.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        String sealed = first.encrypt("registry-token");
        assertThat(configuration.secretBox("", data.toString(), "jdbc:h2:file:./data/gantry").decrypt(sealed))
                .isEqualTo("registry-token");
    }

    @Test
    void onPostgresqlWithoutAKeyGantryRefusesToStartAndSaysHow(@TempDir Path temp) {
        assertThatThrownBy(() -> configuration.secretBox(" ", temp.toString(),
                "jdbc:postgresql://db.example.internal:5432/gantry"))
                .isInstanceOf(ClusterConfiguration.MissingSecretKey.class)
                .hasMessageContaining("gantry.secret-key").hasMessageContaining("openssl rand -base64 32")
                .hasMessageContaining("GANTRY_SECRET_KEY");
        assertThat(temp.resolve("secret.key")).doesNotExist();
    }

    @Test
    void replicasWithTheConfiguredKeyReadEachOthersSecretsAndABrokenKeyIsRefused(@TempDir Path temp) {
        String postgres = "jdbc:postgresql://db.example.internal:5432/gantry";
        String sealed = configuration.secretBox(KEY, temp.resolve("a").toString(), postgres).encrypt("token");
        assertThat(configuration.secretBox(KEY, temp.resolve("b").toString(), postgres).decrypt(sealed))
                .isEqualTo("token");
        assertThatThrownBy(() -> configuration.secretBox("c2hvcnQ=", temp.toString(), postgres))
                .isInstanceOf(ClusterConfiguration.MissingSecretKey.class);
    }
}
