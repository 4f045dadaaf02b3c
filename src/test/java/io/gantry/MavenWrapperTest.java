package io.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Maven wrapper on a machine whose only JDK is older than 25: it must stop at once and say what to install,
 * not start a build that dies minutes later with a class-version error. The machine's JDK 25 is hidden from the
 * wrapper by a bubblewrap sandbox that lays an empty folder over it.
 */
class MavenWrapperTest {

    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);

    @Test
    void withOnlyAnOlderJdkTheWrapperStopsAtOnceAndSaysWhatToInstall() throws Exception {
        Needs.tool(Needs.Tool.BUBBLEWRAP);
        List<Path> jdks;
        try (Stream<Path> listed = Files.list(JVMS)) {
            jdks = listed.filter(home -> Files.isRegularFile(home.resolve("release"))).sorted().toList();
        }
        Optional<Path> older = jdks.stream().filter(home -> major(home) < 25).findFirst();
        Needs.that(older.isPresent(), "a JDK older than 25 in " + JVMS + " to point JAVA_HOME at");

        List<String> command = new ArrayList<>(List.of("bwrap", "--dev-bind", "/", "/"));
        for (Path jdk : jdks) {
            if (major(jdk) >= 25) {
                command.addAll(List.of("--tmpfs", jdk.toString()));
            }
        }
        command.addAll(List.of("--chdir", Path.of("").toAbsolutePath().toString(),
                "env", "JAVA_HOME=" + older.get(), "sh", "./mvnw", "--version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the wrapper stops at once").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Needs.that(!output.startsWith("bwrap:"), "bubblewrap allowed to make a sandbox here: " + output);

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output)
                .contains("Gantry needs a JDK 25 or newer to build")
                .contains("Java " + major(older.get()) + " at " + older.get().resolve("bin/java") + " (from JAVA_HOME)")
                .contains("temurin-25-jdk").contains("openjdk-25-jdk").contains("set JAVA_HOME")
                .doesNotContain("Apache Maven");
    }

    private static int major(Path jdk) {
        try {
            Matcher version = VERSION.matcher(Files.readString(jdk.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
