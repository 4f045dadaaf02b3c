package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.Needs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Jupyter Notebook 6 server; skipped where none is installed. */
class JupyterServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @BeforeAll
    static void jupyterIsInstalled() {
        Needs.tool(Needs.Tool.JUPYTER);
    }

    @Test
    void answersItsApiWithTheTokenOnly() throws Exception {
        String token = UUID.randomUUID().toString();
        try (JupyterServer server = start("jupyter-answers", token)) {
            HttpResponse<String> withToken = get(server, "/jupyter/jupyter-answers/api", token);
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("\"version\"");

            assertThat(get(server, "/jupyter/jupyter-answers/api/contents", null).statusCode()).isEqualTo(403);
            assertThat(get(server, "/jupyter/jupyter-answers/api/contents", "wrong").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void keepsTheTokenOutOfItsCommandLineAndLog() throws Exception {
        String token = UUID.randomUUID().toString();
        try (JupyterServer server = start("jupyter-secret", token)) {
            for (ProcessHandle process : processesOf("jupyter-secret")) {
                assertThat(Files.readString(Path.of("/proc", process.pid() + "", "cmdline"), StandardCharsets.UTF_8))
                        .doesNotContain(token);
            }
        }
        assertThat(Files.readString(directory.resolve("jupyter.log"))).doesNotContain(token);
    }

    @Test
    void writesItsStateInsideTheWorkingDirectory() throws Exception {
        try (JupyterServer server = start("jupyter-home", "token-1")) {
            assertThat(directory.resolve("work/.local/share/jupyter/runtime")).isDirectory();
        }
    }

    @Test
    void ignoresConfigurationPlantedInThePythonUserBase() throws Exception {
        // Python's user base ($HOME/.local) is on Jupyter's configuration path unless Jupyter is told otherwise.
        Path planted = directory.resolve("work/.local/etc/jupyter/jupyter_notebook_config.py");
        Files.createDirectories(planted.getParent());
        Path ran = directory.resolve("planted-config-ran");
        Files.writeString(planted, "open(r'" + ran + "', 'w').write('ran')\n");

        try (JupyterServer server = start("jupyter-planted", "token-2")) {
            assertThat(get(server, "/jupyter/jupyter-planted/api", "token-2").statusCode()).isEqualTo(200);
        }

        assertThat(ran).doesNotExist();
    }

    @Test
    void closeEndsJupyterAndItsKernels() throws Exception {
        String token = UUID.randomUUID().toString();
        JupyterServer server = start("jupyter-close", token);
        HttpResponse<String> kernel = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/jupyter/jupyter-close/api/kernels"))
                .header("Authorization", "token " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kernel.statusCode()).isEqualTo(201);
        List<ProcessHandle> running = processesOf("jupyter-close");
        assertThat(running).as("Jupyter and its kernel").hasSizeGreaterThanOrEqualTo(2);

        server.close();

        assertThat(running).noneMatch(ProcessHandle::isAlive);
        assertThat(processesOf("jupyter-close")).isEmpty();
    }

    private JupyterServer start(String workloadId, String token) throws IOException {
        return JupyterServer.start(workloadId, directory.resolve("work"), Map.of("LANG", "C.UTF-8"), token,
                "/jupyter/" + workloadId + "/", directory.resolve("jupyter.log"));
    }

    private HttpResponse<String> get(JupyterServer server, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "token " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The processes whose environment names the workload, found as the runtime finds them. */
    private static List<ProcessHandle> processesOf(String workloadId) {
        byte[] marker = ("GANTRY_WORKLOAD=" + workloadId + "\0").getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses()
                .filter(process -> environmentContains(process.pid(), marker))
                .toList();
    }

    private static boolean environmentContains(long pid, byte[] marker) {
        try {
            byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            String text = "\0" + new String(environment, StandardCharsets.ISO_8859_1);
            return text.contains("\0" + new String(marker, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return false;
        }
    }
}
