package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class PrivateDataFolderTest {

    @TempDir
    Path temp;

    @Test
    void createsTheDataFolderForGantrysAccountOnly() throws Exception {
        Path folder = temp.resolve("srv/gantry-data");

        new PrivateDataFolder().postProcessEnvironment(
                new MockEnvironment().withProperty("gantry.data-dir", folder.toString()), new SpringApplication());

        assertThat(folder).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void leavesAnExistingFolderAsItsAdministratorMadeIt() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("shared"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-x---")));

        new PrivateDataFolder().postProcessEnvironment(
                new MockEnvironment().withProperty("gantry.data-dir", folder.toString()), new SpringApplication());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwxr-x---");
    }
}
