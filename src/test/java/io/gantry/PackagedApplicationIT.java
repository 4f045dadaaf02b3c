package io.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application (the jar that `package` builds) on its default H2 file database, as an operator runs it:
 * {@code java -jar} in a folder of its own, stopped with SIGTERM, started again. Run by Failsafe in `verify`.
 */
class PackagedApplicationIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void startsAgainOnItsOwnDatabaseAndSignsIn() throws Exception {
        String password = "Restart-Admin-1";
        try (Running first = start(password)) {
            assertThat(signIn(first.port(), "admin", password)).isTrue();
            // A configured password is known already; the log is read by more people than the operator.
            assertThat(Files.readString(first.log())).contains("configured initial password").doesNotContain(password);
            assertServesItsFavicon(first.port());
        }
        assertThat(folder.resolve("data/gantry.mv.db")).exists();

        try (Running second = start(password)) {
            assertThat(signIn(second.port(), "admin", password)).isTrue();
            assertThat(signIn(second.port(), "admin", password + "x")).isFalse();
            // Login CSRF: a page of another site posting the form is refused before it is read.
            assertThat(postLogin(second.port(), "admin", password, "https://attacker.example").statusCode())
                    .isEqualTo(403);
        }
    }

    /** A database made by release 0.1 (one start with this admin password, then SIGTERM) upgrades and signs in. */
    @Test
    void upgradesADatabaseOfThePreviousRelease() throws Exception {
        Files.createDirectories(folder.resolve("data"));
        try (InputStream fixture = new GZIPInputStream(PackagedApplicationIT.class
                .getResourceAsStream("/upgrade/release-0.1/gantry.mv.db.gz"))) {
            Files.copy(fixture, folder.resolve("data/gantry.mv.db"));
        }
        // No initial password here: the administrator exists already, with the password release 0.1 was given.
        try (Running upgraded = start(null)) {
            assertThat(signIn(upgraded.port(), "admin", "Release-0.1-Admin")).isTrue();
            assertThat(signIn(upgraded.port(), "admin", "Restart-Admin-1")).isFalse();
        }
    }

    /** The page declares Gantry's icon, and the icon is served to anyone, signed in or not. */
    private void assertServesItsFavicon(int port) throws IOException, InterruptedException {
        var page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).containsPattern("<link(?=[^>]*rel=\"icon\")(?=[^>]*href=\"icons/favicon.svg\")[^>]*>");
        var icon = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/icons/favicon.svg"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(icon.body()).contains("<svg").contains("<title>Gantry</title>");
    }

    private Running start(String adminPassword) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("gantry.jar", "target/gantry-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged application; run `package` first").exists();
        int port = freePort();
        Path log = folder.resolve("gantry-" + Instant.now().toEpochMilli() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
                "--server.port=" + port,
                "--gantry.runtime.local.public-host=127.0.0.1", "--gantry.runtime.local.bind-host=127.0.0.1"));
        if (adminPassword != null) {
            command.add("--gantry.admin.initial-password=" + adminPassword);
        }
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Running running = new Running(process, port, log);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Gantry exited with " + process.exitValue() + " while starting:\n"
                        + running.tail());
            }
            if (serves(port)) {
                return running;
            }
            Thread.sleep(500);
        }
        running.close();
        throw new AssertionError("Gantry did not serve within " + START_TIMEOUT + ":\n" + running.tail());
    }

    private boolean serves(int port) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Spring Security's form login: success redirects away from the login page with a session, failure to ?error. */
    private boolean signIn(int port, String username, String password) throws IOException, InterruptedException {
        var response = postLogin(port, username, password, "http://127.0.0.1:" + port);
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        boolean signedIn = !location.contains("error");
        if (signedIn) {
            assertThat(response.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID="));
        }
        return signedIn;
    }

    private HttpResponse<Void> postLogin(int port, String username, String password, String origin)
            throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Running(Process process, int port, Path log) implements AutoCloseable {

        /**
         * SIGTERM, as an init system stops it; Spring shuts down in order and H2 closes its file. A clean stop logs
         * nothing above INFO: an operator reads every WARN and ERROR as something to act on.
         */
        @Override
        public void close() throws InterruptedException, IOException {
            long before = Files.size(log);
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Gantry did not stop within 60 s of SIGTERM:\n" + tail());
            }
            String shutdown;
            try (var in = Files.newInputStream(log)) {
                in.skipNBytes(before);
                shutdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(shutdown).as("what a clean stop logs").contains("Graceful shutdown complete")
                    .doesNotContainPattern("(?m)^\\S+\\s+(WARN|ERROR)\\s")
                    .doesNotContainPattern("(?m)^\\s+at ");
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
