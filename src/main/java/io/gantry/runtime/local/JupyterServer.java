package io.gantry.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Jupyter Notebook 6 server for one workload, listening on a loopback port and answering only requests that carry
 * its token. Gantry's proxy adds the token for signed-in users, so nobody outside this machine reaches the port; the
 * token is in the server's environment, which the container's own processes (kernels, terminals) inherit and may
 * read, but it never reaches a browser.
 */
public final class JupyterServer implements AutoCloseable {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final int LOG_LINES_IN_ERRORS = 20;

    private final Process process;
    private final int port;

    private JupyterServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether Jupyter Notebook 6 is installed here ({@code jupyter-notebook}, or {@code jupyter notebook}). */
    public static boolean available() {
        return Installed.COMMAND.isPresent();
    }

    /**
     * Starts Jupyter and returns once it answers.
     *
     * @param workloadId also set as {@code GANTRY_WORKLOAD} in its environment, by which the runtime finds the
     *                   workload's processes (Jupyter's kernels inherit it)
     * @param workingDirectory the notebooks' directory; also Jupyter's home, so that it writes nothing elsewhere
     * @param environment the workload's variables; Jupyter sees these and nothing of Gantry's own
     * @param basePath the path Jupyter serves under, the same as the proxy's, e.g. {@code /jupyter/container-12/}
     * @param logFile Jupyter's output is appended here
     * @throws IOException if Jupyter is not installed, ends at start, or does not answer within 30 seconds
     */
    public static JupyterServer start(String workloadId, Path workingDirectory, Map<String, String> environment,
                                      String token, String basePath, Path logFile) throws IOException {
        Path jupyterData = workingDirectory.resolve(".local/share/jupyter");
        return start(workloadId, workingDirectory, environment, token, basePath, logFile,
                new Launch(Launcher.HOST, workingDirectory.resolve(".jupyter"), jupyterData,
                        jupyterData.resolve("runtime")));
    }

    /**
     * Where and how the runtime starts Jupyter: in the workload's sandbox, with its configuration in a folder the
     * workload cannot change (bound read-only) and its secrets (cookie secret, kernel keys) outside the home that
     * saved images copy.
     *
     * @param launcher puts Jupyter where the workload lives
     * @param configDir {@code JUPYTER_CONFIG_DIR}; Jupyter only reads it
     * @param dataDir {@code JUPYTER_DATA_DIR}
     * @param runtimeDir {@code JUPYTER_RUNTIME_DIR}, where the running server keeps its secrets
     */
    record Launch(Launcher launcher, Path configDir, Path dataDir, Path runtimeDir) {
    }

    static JupyterServer start(String workloadId, Path workingDirectory, Map<String, String> environment,
                               String token, String basePath, Path logFile, Launch launch) throws IOException {
        List<String> command = new ArrayList<>(Installed.COMMAND
                .orElseThrow(() -> new IOException("Jupyter Notebook 6 is not installed")));
        int port = freeLoopbackPort();
        command.addAll(List.of(
                "--no-browser",
                "--ip=127.0.0.1",
                "--port=" + port,
                // A port taken since it was picked must fail the start, not move Jupyter to a port nobody knows.
                "--NotebookApp.port_retries=0",
                "--NotebookApp.base_url=" + basePath,
                "--notebook-dir=" + workingDirectory,
                "--NotebookApp.password=",
                "--NotebookApp.allow_password_change=False",
                // Only requests addressed to this machine; the proxy sends Host 127.0.0.1:port.
                "--NotebookApp.allow_remote_access=False",
                // The proxy tells the browser's address and scheme, so that cookies are marked secure behind HTTPS.
                "--NotebookApp.trust_xheaders=True",
                // The runtime decides when Jupyter ends, not a button in its page.
                "--NotebookApp.quit_button=False",
                // The runtime chooses the account workloads run as; Jupyter's own refusal of root would only stop a
                // Gantry that runs as root.
                "--allow-root"));

        Files.createDirectories(workingDirectory);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        PrivateFiles.createFile(logFile);
        ProcessBuilder builder = new ProcessBuilder(launch.launcher().detachedCommandLine(command))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> variables = builder.environment();
        variables.clear();
        variables.putAll(environment);
        variables.putIfAbsent("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        variables.put("GANTRY_WORKLOAD", workloadId);
        variables.put("HOME", workingDirectory.toString());
        variables.put("JUPYTER_CONFIG_DIR", launch.configDir().toString());
        variables.put("JUPYTER_DATA_DIR", launch.dataDir().toString());
        variables.put("JUPYTER_RUNTIME_DIR", launch.runtimeDir().toString());
        variables.put("IPYTHONDIR", workingDirectory.resolve(".ipython").toString());
        // Jupyter reads its configuration from JUPYTER_CONFIG_DIR alone: otherwise it also reads Python's user base
        // ($HOME/.local/etc/jupyter), which the workload writes, and the host's system folders.
        variables.put("JUPYTER_NO_CONFIG", "1");
        // In the environment rather than on the command line, which every account on the machine can read.
        variables.put("JUPYTER_TOKEN", token);

        JupyterServer server = new JupyterServer(builder.start(), port);
        try {
            server.awaitAnswer(token, basePath, logFile);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The loopback port Jupyter listens on. */
    public int port() {
        return port;
    }

    /**
     * Stops Jupyter: first politely (it shuts its kernels down), then by killing whatever of its process tree still
     * lives, including what the kernels started. Idempotent.
     */
    @Override
    public void close() {
        // Taken before the signal: once Jupyter ends, its kernels' processes are no longer its descendants.
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        // Jupyter itself may be the child of the command that entered its sandbox, which passes no signal on.
        tree.stream().filter(handle -> !isKernel(handle)).forEach(ProcessHandle::destroy);
        awaitExit(process.toHandle(), STOP_GRACE);
        Set<ProcessHandle> remaining = new LinkedHashSet<>();
        tree.stream().filter(ProcessHandle::isAlive)
                .forEach(handle -> {
                    remaining.add(handle);
                    handle.descendants().forEach(remaining::add);
                });
        remaining.forEach(ProcessHandle::destroyForcibly);
        remaining.forEach(handle -> awaitExit(handle, KILL_WAIT));
    }

    /** Kernels are left to Jupyter's own shutdown while it has its grace. */
    private static boolean isKernel(ProcessHandle handle) {
        return handle.info().arguments().map(arguments -> List.of(arguments).contains("ipykernel_launcher"))
                .orElse(false);
    }

    private void awaitAnswer(String token, String basePath, Path logFile) throws IOException {
        URI api = URI.create("http://127.0.0.1:" + port + basePath + "api");
        HttpRequest probe = HttpRequest.newBuilder(api)
                .header("Authorization", "token " + token)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("Jupyter ended at start with exit code " + process.exitValue() + ":\n"
                            + lastLines(logFile));
                }
                try {
                    int status = client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // Jupyter opens its port only once it has loaded; keep asking until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("Jupyter did not answer within " + STARTUP_LIMIT.toSeconds() + " s:\n"
                            + lastLines(logFile));
                }
                Thread.sleep(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while Jupyter started", e);
        }
    }

    private static void awaitExit(ProcessHandle handle, Duration limit) {
        try {
            handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still alive: the caller kills it, or has done all it can.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }

    private static String lastLines(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(its log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Looked up once: the command that runs Notebook 6, if any. */
    private static final class Installed {

        static final Optional<List<String>> COMMAND = find();

        private static Optional<List<String>> find() {
            List<Path> directories = searchPath();
            Stream<List<String>> candidates = Stream.concat(
                    directories.stream().map(dir -> dir.resolve("jupyter-notebook"))
                            .filter(Files::isExecutable).map(path -> List.of(path.toString())),
                    directories.stream().map(dir -> dir.resolve("jupyter"))
                            .filter(Files::isExecutable).map(path -> List.of(path.toString(), "notebook")));
            return candidates.filter(Installed::isNotebookSix).findFirst();
        }

        private static List<Path> searchPath() {
            Set<Path> directories = new LinkedHashSet<>();
            String path = System.getenv("PATH");
            if (path != null) {
                for (String entry : path.split(java.io.File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        directories.add(Path.of(entry));
                    }
                }
            }
            directories.add(Path.of("/usr/bin"));
            directories.add(Path.of("/usr/local/bin"));
            return List.copyOf(directories);
        }

        /** Notebook 7 and JupyterLab take other options; only 6 is started the way this class starts it. */
        private static boolean isNotebookSix(List<String> command) {
            List<String> version = new ArrayList<>(command);
            version.add("--version");
            try {
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0
                        && new String(output, StandardCharsets.UTF_8).strip().startsWith("6.");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
