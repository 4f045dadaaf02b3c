package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.Needs;
import io.gantry.runtime.Access;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real workloads in real sandboxes, probed from inside as a hostile container would: what Gantry keeps, other users'
 * workspaces, other workloads' folders and processes are out of reach; a process that sheds the workload's marker
 * still ends with it; SFTP and SCP see the home and the workspace only.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkloadIsolationTest {

    private static final Access NO_ACCESS = new Access(false, null, List.of(), false, null,
            Access.SourceFilter.ANYONE);

    @TempDir
    Path temp;

    private Path data;
    private Path home;
    private final List<LocalRuntime> runtimes = new ArrayList<>();
    private LocalRuntime runtime;

    @BeforeEach
    void startRuntime() throws Exception {
        Needs.tool(Needs.Tool.BUBBLEWRAP);
        // Laid out as Gantry lays out its data folder: the key and the database beside the runtime's home.
        data = Files.createDirectory(temp.resolve("data"));
        home = data.resolve("runtime");
        Files.writeString(data.resolve("secret.key"), "the-platform-secret");
        Files.writeString(data.resolve("gantry.mv.db"), "the-database");
        runtime = newRuntime();
        assertThat(runtime.isolation().isolated()).as(runtime.isolation().toString()).isTrue();
        assertThat(runtime.isolation().mechanism()).isEqualTo("bubblewrap");
    }

    @AfterEach
    void stopRuntimes() {
        runtimes.forEach(r -> {
            r.stopAll();
            r.destroy();
        });
    }

    private LocalRuntime newRuntime() {
        LocalRuntime created = new LocalRuntime(new LocalRuntimeProperties(home.toString(), "127.0.0.1", "127.0.0.1",
                Duration.ofSeconds(2), Duration.ofMillis(200), List.of(data.toString())), event -> { },
                Clock.systemUTC());
        runtimes.add(created);
        return created;
    }

    private static WorkloadSpec spec(String id, String login, String ownerId, List<String> command, boolean batch,
                                     Access access) {
        return new WorkloadSpec(id, login, 1, new WorkloadSpec.ImageRef("python:3", null), command,
                Map.of("SECRET_TOKEN", "token-of-" + id), WorkloadSpec.Devices.NONE,
                new WorkloadSpec.Resources(1, 512, 64), access, batch, ownerId);
    }

    private List<String> runToEnd(WorkloadSpec spec) {
        runtime.start(spec);
        await().atMost(Duration.ofSeconds(60)).until(() -> !runtime.inspect(spec.id()).state().isLive());
        List<String> output = runtime.tail(spec.id(), 100);
        assertThat(runtime.inspect(spec.id()).state()).as(String.join("\n", output))
                .isEqualTo(WorkloadState.SUCCEEDED);
        return output;
    }

    @Test
    void a_workload_reaches_its_home_and_workspace_but_not_gantrys_data_nor_other_users_and_workloads()
            throws Exception {
        runtime.start(spec("svc-alice", "alice", "41", List.of("sleep", "4242"), false, NO_ACCESS));
        Files.writeString(runtime.workspace("41").resolve("alice.txt"), "alice's notes");
        List<String> outOfReach = new ArrayList<>(List.of(data.resolve("secret.key").toString(),
                data.resolve("gantry.mv.db").toString(), home.resolve("ssh").toString(),
                home.resolve("workloads/svc-alice/root").toString(), home.resolve("workspaces/41").toString(),
                home.resolve("workspaces/41/alice.txt").toString()));
        if (Sandbox.currentUid() == 0) {
            // Seen, but with an ordinary account's rights.
            outOfReach.add("/etc/shadow");
        }
        String script = String.join("\n",
                "id -u",
                "for p in " + String.join(" ", outOfReach) + "; do",
                "  if { [ -d \"$p\" ] && ls \"$p\"; } >/dev/null 2>&1 || cat \"$p\" >/dev/null 2>&1"
                        + " || touch \"$p\" 2>/dev/null; then echo \"reached $p\"; else echo \"hidden $p\"; fi",
                "done",
                // The data folder's path exists, as the way to the workload's own folders, but holds nothing else.
                "echo data: $(ls -A " + data + ")",
                "echo mine > Workspace/own.txt && echo wrote-workspace",
                "echo home > own-home.txt && echo wrote-home",
                // Whole command lines, compared exactly: numbers alone also turn up in paths.
                "seen=no; for f in /proc/[0-9]*/cmdline; do [ \"$(tr '\\0' ' ' < $f)\" = 'sleep 4242 ' ] && seen=yes;"
                        + " done; echo sees-alice=$seen",
                "if grep -l 'token-of-svc-alic[e]' /proc/[0-9]*/environ >/dev/null 2>&1; then echo sees-token;"
                        + " else echo no-token; fi");

        List<String> output = runToEnd(spec("task-bob", "bob", "42", List.of("/bin/sh", "-c", script), true,
                NO_ACCESS));

        for (String path : outOfReach) {
            assertThat(output).as(String.join("\n", output)).contains("hidden " + path);
        }
        assertThat(output).contains("wrote-workspace", "wrote-home", "sees-alice=no", "no-token", "data: runtime");
        assertThat(output.getFirst()).isNotEqualTo("0");
        assertThat(runtime.workspace("42").resolve("own.txt")).hasContent("mine");
        assertThat(home.resolve("workloads/task-bob/root/own-home.txt")).hasContent("home");
        assertThat(runtime.workspace("41").resolve("alice.txt")).hasContent("alice's notes");
    }

    @Test
    void a_workspace_prepared_before_any_workload_is_the_owners_and_its_first_workload_writes_there()
            throws Exception {
        runtime.prepareWorkspace("43");

        Path workspace = runtime.workspace("43");
        assertThat(workspace).isDirectory();
        Object expectedOwner = Sandbox.currentUid() == 0 ? Sandbox.UidRange.of("43") : Sandbox.currentUid();
        assertThat(Files.getAttribute(workspace, "unix:uid")).isEqualTo(expectedOwner);
        List<String> output = runToEnd(spec("task-carol", "carol", "43", List.of("/bin/sh", "-c",
                "id -u; echo first > Workspace/first.txt && echo wrote-workspace"), true, NO_ACCESS));
        assertThat(output).contains("wrote-workspace", expectedOwner.toString());
        assertThat(workspace.resolve("first.txt")).hasContent("first");
    }

    @Test
    void gantrys_data_folder_under_a_system_folder_the_sandbox_shows_stays_out_of_sight() throws Exception {
        Needs.that(Files.isWritable(Path.of("/opt")), "/opt writable by the tests");
        // Readable by anyone, as Gantry's own files are to a workload that runs as Gantry's account.
        Path optData = Files.createTempDirectory(Path.of("/opt"), "gantry-data-");
        try {
            Files.setPosixFilePermissions(optData, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwxr-xr-x"));
            Files.writeString(optData.resolve("secret.key"), "the-platform-secret");
            LocalRuntime onOpt = new LocalRuntime(new LocalRuntimeProperties(optData.resolve("runtime").toString(),
                    "127.0.0.1", "127.0.0.1", Duration.ofSeconds(2), Duration.ofMillis(200),
                    List.of(optData.toString())), event -> { }, Clock.systemUTC());
            runtimes.add(onOpt);
            assertThat(onOpt.isolation().isolated()).as(onOpt.isolation().toString()).isTrue();
            WorkloadSpec spec = spec("task-opt", "hal", "48", List.of("/bin/sh", "-c",
                    "cat " + optData.resolve("secret.key") + "; echo data: $(ls -A " + optData + ");"
                            + " echo runtime: $(ls -A " + optData.resolve("runtime") + ")"), true, NO_ACCESS);

            onOpt.start(spec);
            await().atMost(Duration.ofSeconds(60)).until(() -> !onOpt.inspect(spec.id()).state().isLive());
            List<String> output = onOpt.tail(spec.id(), 100);

            assertThat(output).as(String.join("\n", output)).doesNotContain("the-platform-secret")
                    .contains("data: runtime").noneMatch(line -> line.contains("ssh") || line.contains("images"));
        } finally {
            new ProcessBuilder("rm", "-rf", optData.toString()).start().waitFor();
        }
    }

    @Test
    void a_terminal_opened_as_the_workload_starts_is_already_inside_its_sandbox() throws Exception {
        runtime.start(spec("svc-early", "erin", "45", List.of("sleep", "1000"), false, NO_ACCESS));
        try (var terminal = runtime.openTerminal("svc-early", 100, 30)) {
            // The quotes split the markers, so that the terminal's echo of the typed line does not match.
            TerminalScreen screen = new TerminalScreen(terminal.output());
            terminal.input().write(("cat " + data.resolve("secret.key") + " >/dev/null 2>&1; echo \"sec\"\"ret=$?\";"
                    + " echo \"di\"\"r=$(pwd)\"\n").getBytes(StandardCharsets.UTF_8));
            terminal.input().flush();

            assertThat(screen.awaitMatch("secret=([0-9]+)").group(1)).isNotEqualTo("0");
            assertThat(screen.awaitMatch("dir=(\\S+)").group(1))
                    .isEqualTo(home.resolve("workloads/svc-early/root").toString());
        }
    }

    @Test
    void the_main_command_and_ssh_commands_without_a_terminal_run_in_sessions_of_their_own() throws Exception {
        Path identity = temp.resolve("id");
        PublicKey key = OpenSshClient.generateKey(identity);
        Access ssh = new Access(true, null, List.of(key), false, null, Access.SourceFilter.ANYONE);
        runtime.start(spec("svc-session", "fay", "46", List.of("/bin/sleep", "4545"), false, ssh));
        ProcessHandle main = await().atMost(Duration.ofSeconds(20)).until(() -> processWith("4545"),
                Optional::isPresent).orElseThrow();
        int port = runtime.endpoints("svc-session").stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                .orElseThrow().port();
        OpenSshClient client = OpenSshClient.withKey(identity, "fay", port);
        Thread.ofVirtual().start(() -> {
            try {
                client.ssh(List.of(), "exec /bin/sleep 4646");
            } catch (Exception ended) {
                // The command is killed below; its result is not the point.
            }
        });
        ProcessHandle command = await().atMost(Duration.ofSeconds(30)).until(() -> processWith("4646"),
                Optional::isPresent).orElseThrow();
        Process onTerminal = client.start(List.of("-tt"), "exec /bin/sleep 4647");
        ProcessHandle terminalCommand = await().atMost(Duration.ofSeconds(30)).until(() -> processWith("4647"),
                Optional::isPresent).orElseThrow();
        long gantrys = sessionOf(ProcessHandle.current().pid());
        // A command on a PTY gets its session (and the PTY as its terminal) from the PTY's start.
        assertThat(sessionOf(terminalCommand.pid())).isNotEqualTo(gantrys);
        onTerminal.destroy();

        // Sharing Gantry's session would share its controlling terminal, open to TIOCSTI.
        assertThat(sessionOf(main.pid())).isNotEqualTo(gantrys);
        assertThat(sessionOf(command.pid())).isNotEqualTo(gantrys);
        command.destroy();
    }

    /** Field 6 of /proc/PID/stat, read from the host: the process's session, as host ids. */
    private static long sessionOf(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    @Test
    void after_a_restart_the_adopted_workloads_terminal_enters_the_same_sandbox() throws Exception {
        WorkloadSpec spec = spec("svc-kept", "fay", "46", List.of("/bin/sh", "-c", "echo before > /tmp/mark;"
                + " touch marked; sleep 1000"), false, NO_ACCESS);
        runtime.start(spec);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(home.resolve("workloads/svc-kept/root/marked")));
        runtime.destroy();
        runtimes.remove(runtime);
        runtime = newRuntime();

        assertThat(runtime.reconcile(Map.of("svc-kept", spec)).adopted()).containsExactly("svc-kept");

        try (var terminal = runtime.openTerminal("svc-kept", 100, 30)) {
            TerminalScreen screen = new TerminalScreen(terminal.output());
            // The sandbox's own /tmp, written by the main command before the restart.
            terminal.input().write(("echo \"ma\"\"rk=$(cat /tmp/mark)\"; cat " + data.resolve("secret.key")
                    + " >/dev/null 2>&1; echo \"sec\"\"ret=$?\"\n").getBytes(StandardCharsets.UTF_8));
            terminal.input().flush();

            assertThat(screen.awaitMatch("mark=(\\S*)").group(1)).isEqualTo("before");
            assertThat(screen.awaitMatch("secret=([0-9]+)").group(1)).isNotEqualTo("0");
        }
        runtime.stop("svc-kept", Duration.ofSeconds(2));
        assertThat(WorkloadProcesses.of(home.toString(), "svc-kept")).isEmpty();
    }

    @Test
    void a_process_that_sheds_the_workload_marker_still_ends_when_the_workload_stops() {
        runtime.start(spec("svc-shed", "alice", "41", List.of("/bin/sh", "-c",
                "(env -i setsid /bin/sleep 4343 &); sleep 1000"), false, NO_ACCESS));
        ProcessHandle shed = await().atMost(Duration.ofSeconds(20)).until(() -> processWith("4343"),
                Optional::isPresent).orElseThrow();
        assertThat(WorkloadProcesses.workloadOf(shed.pid(), home.toString())).as("it carries no marker").isEmpty();

        runtime.stop("svc-shed", Duration.ofSeconds(2));

        assertThat(ProcessTree.running(shed)).isFalse();
    }

    @Test
    void a_process_that_claims_another_workloads_marker_is_not_counted_nor_stopped_as_that_workloads()
            throws Exception {
        runtime.start(spec("svc-victim", "ivy", "49", List.of("/bin/sleep", "4949"), false, NO_ACCESS));
        runtime.start(spec("svc-spoof", "jon", "50", List.of("/bin/sh", "-c",
                "GANTRY_WORKLOAD=svc-victim /bin/sleep 4848 & sleep 1000"), false, NO_ACCESS));
        ProcessHandle victim = await().atMost(Duration.ofSeconds(20)).until(() -> processWith("4949"),
                Optional::isPresent).orElseThrow();
        ProcessHandle spoofer = await().atMost(Duration.ofSeconds(20)).until(() -> processWith("4848"),
                Optional::isPresent).orElseThrow();
        assertThat(WorkloadProcesses.workloadOf(spoofer.pid(), home.toString())).as("it claims the victim's marker")
                .contains("svc-victim");

        assertThat(WorkloadProcesses.of(home.toString(), "svc-victim")).contains(victim).doesNotContain(spoofer);
        assertThat(WorkloadProcesses.all(home.toString()).get("svc-victim")).contains(victim)
                .doesNotContain(spoofer);
        assertThat(WorkloadProcesses.of(home.toString(), "svc-spoof")).contains(spoofer);

        runtime.stop("svc-victim", Duration.ofSeconds(2));
        assertThat(ProcessTree.running(victim)).isFalse();
        assertThat(ProcessTree.running(spoofer)).isTrue();
        runtime.stop("svc-spoof", Duration.ofSeconds(2));
        assertThat(ProcessTree.running(spoofer)).isFalse();
    }

    @Test
    void a_process_that_sheds_the_marker_is_found_again_after_a_restart() {
        runtime.start(spec("svc-orphan", "alice", "41", List.of("/bin/sh", "-c",
                "(env -i setsid /bin/sleep 4444 &); sleep 1000"), false, NO_ACCESS));
        ProcessHandle shed = await().atMost(Duration.ofSeconds(20)).until(() -> processWith("4444"),
                Optional::isPresent).orElseThrow();
        runtime.destroy();
        runtimes.remove(runtime);

        var result = newRuntime().reconcile(Map.of());

        assertThat(result.orphansStopped()).containsExactly("svc-orphan");
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessTree.running(shed));
    }

    @Test
    void ssh_sessions_run_inside_and_sftp_and_scp_see_only_the_home_and_workspace() throws Exception {
        Path identity = temp.resolve("id");
        PublicKey key = OpenSshClient.generateKey(identity);
        Access ssh = new Access(true, null, List.of(key), false, null, Access.SourceFilter.ANYONE);
        runtime.start(spec("svc-files", "carol", "43", List.of("/bin/sh", "-c",
                "ln -s / escape; ln -s " + data.resolve("secret.key") + " key-link; echo in-home > notes.txt;"
                        + " echo shared > Workspace/shared.txt; sleep 1000"), false, ssh));
        Path root = home.resolve("workloads/svc-files/root");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(root.resolve("notes.txt"))
                && Files.exists(runtime.workspace("43").resolve("shared.txt")));
        int port = runtime.endpoints("svc-files").stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                .orElseThrow().port();
        OpenSshClient client = OpenSshClient.withKey(identity, "carol", port);

        var inside = client.ssh(List.of(), "id -u; pwd; if cat " + data.resolve("secret.key") + " >/dev/null 2>&1;"
                + " then echo reached; else echo hidden; fi; cat Workspace/shared.txt");
        assertThat(inside.exitCode()).as(inside.toString()).isZero();
        assertThat(inside.errors()).isEmpty();
        assertThat(inside.output().lines().toList()).as(inside.toString()).doesNotContain("0")
                .contains("hidden", "shared", root.toString());

        Path local = Files.createDirectory(temp.resolve("downloads"));
        Files.writeString(temp.resolve("upload.txt"), "uploaded\n");
        // SFTP sees what the workload's shell sees: the system folders read-only, Gantry's data not at all.
        Path batch = Files.writeString(temp.resolve("batch"), String.join("\n",
                "-get escape" + data.resolve("secret.key") + " " + local.resolve("key-link-root"),
                "-get key-link " + local.resolve("key"),
                "-get " + data.resolve("secret.key") + " " + local.resolve("key-direct"),
                "-get ../../../../../.." + data.resolve("secret.key") + " " + local.resolve("key-up"),
                "-get " + data.resolve("gantry.mv.db") + " " + local.resolve("database"),
                "-put " + temp.resolve("upload.txt") + " " + data.resolve("planted.txt"),
                "pwd",
                "get notes.txt " + local.resolve("notes.txt"),
                "get Workspace/shared.txt " + local.resolve("shared.txt"),
                "put " + temp.resolve("upload.txt") + " upload.txt",
                "ls",
                ""));
        var sftp = client.sftp(batch);
        assertThat(sftp.exitCode()).as(sftp.toString()).isZero();
        assertThat(sftp.output()).contains("Remote working directory: " + root + "\n");
        assertThat(local.resolve("notes.txt")).hasContent("in-home");
        assertThat(local.resolve("shared.txt")).hasContent("shared");
        for (String refused : List.of("key-link-root", "key", "key-direct", "key-up", "database")) {
            assertThat(local.resolve(refused)).as(sftp.toString()).doesNotExist();
        }
        assertThat(data.resolve("planted.txt")).doesNotExist();

        for (List<String> protocol : List.of(List.<String>of(), List.of("-O"))) {
            for (String remote : List.of(data.resolve("secret.key").toString(),
                    "../../../../../.." + data.resolve("secret.key"), "escape" + data.resolve("secret.key"),
                    "key-link")) {
                Path target = local.resolve("scp-" + protocol.size() + "-" + remote.replaceAll("[^a-z]", "_"));
                var scp = client.scpFrom(protocol, remote, target);
                assertThat(scp.exitCode()).as(scp.toString()).isNotZero();
                assertThat(target).doesNotExist();
            }
        }
        var scp = client.scpFrom(List.of("-O"), "notes.txt", local.resolve("scp-notes.txt"));
        assertThat(scp.exitCode()).as(scp.toString()).isZero();
        assertThat(local.resolve("scp-notes.txt")).hasContent("in-home");

        // What SFTP put there is the workload's own: it can change it.
        var append = client.ssh(List.of(), "echo more >> upload.txt && cat upload.txt");
        assertThat(append.output()).as(append.toString()).isEqualTo("uploaded\nmore\n");
    }

    @Test
    void the_sftp_server_runs_inside_the_sandbox_as_the_workloads_account() throws Exception {
        Path identity = temp.resolve("id");
        PublicKey key = OpenSshClient.generateKey(identity);
        Access ssh = new Access(true, null, List.of(key), false, null, Access.SourceFilter.ANYONE);
        runtime.start(spec("svc-sftp", "gus", "47", List.of("/bin/sleep", "4747"), false, ssh));
        ProcessHandle main = await().atMost(Duration.ofSeconds(20)).until(() -> processWith("4747"),
                Optional::isPresent).orElseThrow();
        int port = runtime.endpoints("svc-sftp").stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                .orElseThrow().port();
        Process sftp = OpenSshClient.withKey(identity, "gus", port).startSftp();
        try {
            // Served in the JVM, SFTP would open files as Gantry's account, after a check a link swap can race.
            ProcessHandle server = await().atMost(Duration.ofSeconds(30)).until(() -> main.parent()
                    .flatMap(init -> ProcessHandle.allProcesses()
                            .filter(p -> p.info().command().map(c -> c.endsWith("/sftp-server")).orElse(false))
                            .filter(p -> WorkloadProcesses.workloadOf(p.pid(), home.toString())
                                    .filter("svc-sftp"::equals).isPresent())
                            .findFirst()), Optional::isPresent).orElseThrow();

            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(server.pid()), "ns", "pid")))
                    .isEqualTo(Files.readSymbolicLink(Path.of("/proc", Long.toString(main.pid()), "ns", "pid")));
            assertThat(Files.getAttribute(Path.of("/proc", Long.toString(server.pid())), "unix:uid"))
                    .isEqualTo(Files.getAttribute(Path.of("/proc", Long.toString(main.pid())), "unix:uid"));
        } finally {
            sftp.destroy();
        }
    }

    @Test
    void jupyter_runs_inside_with_its_configuration_out_of_the_workloads_reach_and_out_of_saved_images()
            throws Exception {
        Needs.tool(Needs.Tool.JUPYTER);
        Path identity = temp.resolve("id");
        PublicKey key = OpenSshClient.generateKey(identity);
        Access access = new Access(true, null, List.of(key), true, "jupyter-token-1", Access.SourceFilter.ANYONE);
        runtime.start(spec("svc-jupyter", "dan", "44", List.of("sleep", "1000"), false, access));
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.endpoints("svc-jupyter").stream()
                .anyMatch(e -> e.kind() == Endpoint.Kind.JUPYTER));
        Path config = home.resolve("workloads/svc-jupyter/jupyter/config");
        assertThat(config).isDirectory();
        int port = runtime.endpoints("svc-jupyter").stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                .orElseThrow().port();

        var planting = OpenSshClient.withKey(identity, "dan", port).ssh(List.of(),
                "mkdir -p " + config + "/custom 2>/dev/null; echo 'alert(1)' > " + config + "/custom/custom.js"
                        + " 2>/dev/null && echo planted || echo refused; ps -eo user,args | grep -c '[n]otebook';"
                        // Jupyter ignores Python's user base; an image must not carry such a file to others either.
                        + " mkdir -p .local/etc/jupyter && echo 'c = 1' > .local/etc/jupyter/jupyter_notebook_config.py");

        assertThat(planting.output().lines().toList()).as(planting.toString()).contains("refused")
                .doesNotContain("planted", "0");
        assertThat(config.resolve("custom")).doesNotExist();
        ProcessHandle jupyter = ProcessHandle.allProcesses()
                .filter(p -> WorkloadProcesses.workloadOf(p.pid(), home.toString()).filter("svc-jupyter"::equals)
                        .isPresent())
                .filter(p -> p.info().commandLine().map(c -> c.contains("--NotebookApp.base_url")
                        && !c.contains("nsenter") && !c.contains("setpriv")).orElse(false))
                .findFirst().orElseThrow();
        if (Sandbox.currentUid() == 0) {
            assertThat(Files.getAttribute(Path.of("/proc", Long.toString(jupyter.pid())), "unix:uid"))
                    .isNotEqualTo(0);
        }

        var saved = runtime.saveImage("svc-jupyter", "team/notebooks", "v1");
        try (var files = Files.walk(Path.of(saved.savedFiles()))) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("jupyter") && !p.contains(".ipython"));
        }
        assertThat(Files.readString(home.resolve("workloads/svc-jupyter/jupyter.log"), StandardCharsets.UTF_8))
                .doesNotContain("jupyter-token-1");
    }

    private static Optional<ProcessHandle> processWith(String argument) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String commandLine = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"),
                        StandardCharsets.UTF_8).replace('\0', ' ').strip();
                return commandLine.equals("/bin/sleep " + argument)
                        && !Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat")).contains(") Z ");
            } catch (java.io.IOException | RuntimeException gone) {
                return false;
            }
        }).findFirst();
    }
}
