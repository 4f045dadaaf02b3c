package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.runtime.Access;
import io.gantry.runtime.ReconcileResult;
import io.gantry.runtime.WorkloadEnded;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes on this machine: environment, devices, logs, the whole tree stopped, memory, restarts. */
class LocalRuntimeTest {

    @TempDir
    Path home;

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final List<LocalRuntime> runtimes = new ArrayList<>();
    private LocalRuntime runtime;

    @BeforeEach
    void start() {
        runtime = newRuntime();
    }

    @AfterEach
    void stop() {
        runtimes.forEach(r -> {
            r.stopAll();
            r.destroy();
        });
    }

    private LocalRuntime newRuntime() {
        LocalRuntime created = new LocalRuntime(new LocalRuntimeProperties(home.toString(), "127.0.0.1", "127.0.0.1",
                Duration.ofSeconds(2), Duration.ofMillis(200)), published::add, Clock.systemUTC());
        runtimes.add(created);
        return created;
    }

    static WorkloadSpec spec(String id, List<String> command, boolean batch, long memoryMib) {
        return new WorkloadSpec(id, "alice", 1, new WorkloadSpec.ImageRef("python:3", null), command,
                Map.of("FRAMEWORK", "pytorch"), new WorkloadSpec.Devices("CUDA_VISIBLE_DEVICES", List.of(2, 3), true),
                new WorkloadSpec.Resources(2, memoryMib, 64),
                new Access(false, null, List.of(), false, null, Access.SourceFilter.ANYONE), batch);
    }

    @Test
    void a_batch_workload_runs_with_its_devices_environment_and_workspace_and_its_output_is_kept() {
        WorkloadStatus started = runtime.start(spec("task-1", List.of("/bin/sh", "-c",
                "echo devices=$CUDA_VISIBLE_DEVICES simulated=$GANTRY_DEVICES_SIMULATED framework=$FRAMEWORK;"
                        + " echo home=$HOME; ls -d Workspace; echo kept > Workspace/note.txt"), true, 512));
        assertThat(started.state()).isEqualTo(WorkloadState.RUNNING);

        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.inspect("task-1").state() == WorkloadState.SUCCEEDED);
        List<String> lines = runtime.tail("task-1", 10);
        assertThat(lines).contains("devices=2,3 simulated=true framework=pytorch", "Workspace");
        assertThat(lines).anyMatch(l -> l.startsWith("home=") && l.endsWith("task-1/root"));
        assertThat(runtime.inspect("task-1").exitCode()).isZero();
        assertThat(runtime.workspace("alice").resolve("note.txt")).hasContent("kept");
        // The event follows the status on the watcher's thread, a moment later.
        await().atMost(Duration.ofSeconds(5)).until(() -> !published.isEmpty());
        assertThat(published).singleElement().isInstanceOfSatisfying(WorkloadEnded.class,
                e -> assertThat(e.status().state()).isEqualTo(WorkloadState.SUCCEEDED));
    }

    @Test
    void preparing_a_workspace_makes_a_private_folder_once_and_keeps_its_files() throws Exception {
        runtime.prepareWorkspace("17");

        Path workspace = runtime.workspace("17");
        assertThat(workspace).isEqualTo(home.resolve("workspaces/17")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace))).isEqualTo("rwx------");
        Files.writeString(workspace.resolve("notes.txt"), "kept");
        runtime.prepareWorkspace("17");
        assertThat(workspace.resolve("notes.txt")).hasContent("kept");
    }

    @Test
    void once_destroyed_the_runtime_writes_nothing_more_into_its_folders() throws Exception {
        LocalRuntime justStarted = newRuntime();
        justStarted.destroy();

        // The SSH host key is made in the background at construction; destroy waits for it.
        assertThat(home.resolve("ssh/ssh_host_ed25519_key")).isNotEmptyFile();
    }

    @Test
    void the_runtimes_folders_and_files_are_for_gantrys_account_only() throws Exception {
        runtime.start(spec("svc-0", List.of("/bin/sh", "-c", "echo started; sleep 1000"), false, 512));
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.tail("svc-0", 1).contains("started"));
        var saved = runtime.saveImage("svc-0", "team/private", "v1");

        for (Path folder : List.of(home.resolve("workloads"), home.resolve("workspaces"), home.resolve("images"),
                home.resolve("ssh"), home.resolve("workloads/svc-0"), home.resolve("workloads/svc-0/root"),
                runtime.workspace("alice"), Path.of(saved.savedFiles()))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
        for (Path file : List.of(home.resolve("workloads/svc-0/output.log"), home.resolve("workloads/svc-0/main.pid"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void a_failing_command_ends_failed_with_its_exit_code() {
        runtime.start(spec("task-2", List.of("/bin/sh", "-c", "exit 3"), true, 512));
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.inspect("task-2").state() == WorkloadState.FAILED);
        WorkloadStatus status = runtime.inspect("task-2");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.reason()).isEqualTo("runtime.reason.exit-code");
        assertThat(status.reasonArguments()).containsExactly("3");
    }

    @Test
    void stop_ends_the_whole_process_tree_including_detached_children() throws Exception {
        runtime.start(spec("svc-1", List.of("/bin/sh", "-c", "sleep 1000 & (setsid sleep 1001 &) ; sleep 1002"),
                false, 512));
        await().atMost(Duration.ofSeconds(10)).until(() -> WorkloadProcesses.of(home.toAbsolutePath().toString(),
                "svc-1").size() >= 4);
        List<ProcessHandle> before = WorkloadProcesses.of(home.toAbsolutePath().toString(), "svc-1");

        runtime.stop("svc-1", Duration.ofSeconds(2));

        assertThat(before).noneMatch(ProcessHandle::isAlive);
        assertThat(runtime.inspect("svc-1").state()).isEqualTo(WorkloadState.STOPPED);
        assertThat(published).isEmpty();
    }

    @Test
    void a_workload_over_its_memory_limit_is_stopped_and_failed_with_that_reason() {
        // Holds 96 MiB resident, then waits: a limit of 32 MiB must stop it.
        runtime.start(spec("svc-3", List.of("python3", "-c",
                "import time; x = bytearray(96 << 20); time.sleep(1000)"), false, 32));
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.inspect("svc-3").state() == WorkloadState.FAILED);
        WorkloadStatus status = runtime.inspect("svc-3");
        assertThat(status.reason()).isEqualTo("runtime.reason.memory");
        assertThat(status.reasonArguments().getFirst()).isEqualTo("32");
        assertThat(WorkloadProcesses.of(home.toAbsolutePath().toString(), "svc-3")).isEmpty();
    }

    @Test
    void metrics_read_cpu_memory_and_disk_and_mark_simulated_devices() throws Exception {
        runtime.start(spec("svc-4", List.of("/bin/sh", "-c", "head -c 1048576 /dev/zero > blob; sleep 1000"),
                false, 512));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                runtime.metrics("svc-4").orElseThrow().diskBytes() >= 1_048_576);
        var metrics = runtime.metrics("svc-4").orElseThrow();
        assertThat(metrics.memoryBytes()).isPositive();
        assertThat(metrics.memoryLimitBytes()).isEqualTo(512L << 20);
        assertThat(metrics.networkReceivedBytes()).isNull();
        assertThat(metrics.devices()).extracting(d -> d.index() + ":" + d.simulated()).containsExactly("2:true",
                "3:true");
    }

    @Test
    void the_tail_of_chinese_output_written_in_pieces_that_split_characters_reads_whole() throws Exception {
        // Three writes a line, two of them ending inside a character (第 is E7 AC AC, 行 is E8 A1 8C), and more lines
        // than fit one block of the reader that reads the file backwards, so characters also straddle its blocks.
        runtime.start(spec("svc-5", List.of("/bin/sh", "-c", "i=1; while [ $i -le 400 ]; do printf '\\347';"
                + " printf '\\254\\254%s\\350' $i; printf '\\241\\214：训练进度正常，损失在下降。\\n';"
                + " i=$((i + 1)); done; sleep 1000"), false, 512));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            expected.add("第" + i + "行：训练进度正常，损失在下降。");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.tail("svc-5", 1),
                expected.subList(399, 400)::equals);

        assertThat(runtime.tail("svc-5", 400)).containsExactlyElementsOf(expected);
        assertThat(runtime.tail("svc-5", 3)).containsExactlyElementsOf(expected.subList(397, 400));
        assertThat(runtime.tail("svc-5", 1000)).containsExactlyElementsOf(expected);
        assertThat(new String(runtime.log("svc-5").readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", expected) + "\n");
    }

    @Test
    void after_a_restart_live_workloads_are_adopted_lost_ones_reported_and_orphans_stopped() {
        runtime.start(spec("svc-6", List.of("sleep", "1000"), false, 512));
        runtime.start(spec("svc-7", List.of("sleep", "1000"), false, 512));
        runtime.start(spec("svc-8", List.of("sleep", "1000"), false, 512));
        // The app goes away: its watcher and side services end, the processes stay.
        runtime.destroy();
        runtimes.remove(runtime);
        String scope = home.toAbsolutePath().toString();
        WorkloadProcesses.of(scope, "svc-7").forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(5)).until(() -> WorkloadProcesses.of(scope, "svc-7").isEmpty());

        LocalRuntime restarted = newRuntime();
        ReconcileResult result = restarted.reconcile(Map.of(
                "svc-6", spec("svc-6", List.of("sleep", "1000"), false, 512),
                "svc-7", spec("svc-7", List.of("sleep", "1000"), false, 512)));

        assertThat(result.adopted()).containsExactly("svc-6");
        assertThat(result.lost()).extracting(WorkloadStatus::workloadId).containsExactly("svc-7");
        assertThat(result.lost().getFirst().reason()).isEqualTo("runtime.reason.lost");
        assertThat(result.orphansStopped()).containsExactly("svc-8");
        assertThat(WorkloadProcesses.of(scope, "svc-8")).isEmpty();
        assertThat(restarted.inspect("svc-6").state()).isEqualTo(WorkloadState.RUNNING);

        restarted.stop("svc-6", Duration.ofSeconds(2));
        assertThat(WorkloadProcesses.of(scope, "svc-6")).isEmpty();
    }

    @Test
    void a_saved_image_carries_the_files_but_not_the_workspace_and_new_workloads_start_from_it() throws Exception {
        runtime.start(spec("svc-9", List.of("/bin/sh", "-c", "mkdir -p tools && echo v1 > tools/version;"
                + " echo private > Workspace/data.txt; sleep 1000"), false, 512));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.resolve("workloads/svc-9/root/tools/version")));

        var saved = runtime.saveImage("svc-9", "team/torch-tools", "v1");
        assertThat(saved.reference()).isEqualTo("team/torch-tools:v1");
        assertThat(Path.of(saved.savedFiles()).resolve("tools/version")).hasContent("v1");
        assertThat(Path.of(saved.savedFiles()).resolve("Workspace")).doesNotExist();

        WorkloadSpec fromImage = new WorkloadSpec("task-10", "bob", 1,
                new WorkloadSpec.ImageRef(saved.reference(), saved.savedFiles()),
                List.of("/bin/sh", "-c", "cat tools/version; ls Workspace | wc -l"), Map.of(),
                WorkloadSpec.Devices.NONE, new WorkloadSpec.Resources(1, 256, 0),
                new Access(false, null, List.of(), false, null, Access.SourceFilter.ANYONE), true);
        runtime.start(fromImage);
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.inspect("task-10").state() == WorkloadState.SUCCEEDED);
        assertThat(runtime.tail("task-10", 5)).containsExactly("v1", "0");
    }
}
