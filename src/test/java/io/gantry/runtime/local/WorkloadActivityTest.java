package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.AdjustableClock;
import io.gantry.runtime.Access;
import io.gantry.runtime.Endpoint;
import io.gantry.runtime.JupyterTraffic;
import io.gantry.runtime.WorkloadActivity;
import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local runtime reports of a workload's activity, with real processes, the real OpenSSH client and a real
 * terminal; session instants come from a clock the test moves, so that "it moved" and "it stayed" are exact.
 */
class WorkloadActivityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path home;
    @TempDir
    Path keys;

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final JupyterTraffic jupyter = new JupyterTraffic(clock);
    private LocalRuntime runtime;

    @BeforeEach
    void start() {
        runtime = new LocalRuntime(new LocalRuntimeProperties(home.toString(), "127.0.0.1", "127.0.0.1",
                Duration.ofSeconds(2), Duration.ofMillis(200)), event -> { }, clock, jupyter);
    }

    @AfterEach
    void stop() {
        runtime.stopAll();
        runtime.destroy();
    }

    private static WorkloadSpec spec(String id, List<String> command, Access access) {
        return new WorkloadSpec(id, "alice", 1, new WorkloadSpec.ImageRef("python:3", null), command, Map.of(),
                WorkloadSpec.Devices.NONE, new WorkloadSpec.Resources(2, 512, 64), access, false);
    }

    private static Access noAccess() {
        return new Access(false, null, List.of(), false, null, Access.SourceFilter.ANYONE);
    }

    private WorkloadActivity activity(String id) {
        return runtime.activity(id).orElseThrow();
    }

    @Test
    void an_idle_workload_has_no_session_and_uses_next_to_no_cpu() throws Exception {
        runtime.start(spec("svc-idle", List.of("sleep", "1000"), noAccess()));
        activity("svc-idle");
        Thread.sleep(1_500);

        WorkloadActivity idle = activity("svc-idle");

        assertThat(idle.at()).isEqualTo(clock.instant());
        assertThat(idle.sessions()).isZero();
        assertThat(idle.lastSessionActivity()).isNull();
        assertThat(idle.cpuCores()).isLessThan(0.05);
        assertThat(idle.gpuUtilisationPercent()).as("no devices, nothing measured").isNull();
    }

    @Test
    void a_busy_loop_uses_more_than_half_a_core() {
        // Needs the machine to give the workload half a core: its processes are a session of their own, which the
        // kernel's scheduler (autogroup) shares the CPU with as with any other, however many loops it runs.
        runtime.start(spec("svc-busy", List.of("/bin/sh", "-c", "while :; do :; done"), noAccess()));

        // Each reading covers the second since the previous one.
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> activity("svc-busy").cpuCores(), cores -> cores > 0.5);
    }

    @Test
    void the_cores_reported_are_those_the_workloads_processes_used_by_the_systems_own_account() throws Exception {
        runtime.start(spec("svc-loops", List.of("/bin/sh", "-c", "while :; do :; done & while :; do :; done"),
                noAccess()));
        String scope = home.toAbsolutePath().toString();
        await().atMost(PATIENCE).until(() -> WorkloadProcesses.of(scope, "svc-loops").size() >= 3);
        Thread.sleep(500);

        activity("svc-loops");
        long cpuBefore = cpuNanos(scope, "svc-loops");
        long wallBefore = System.nanoTime();
        Thread.sleep(3_000);
        long cpuAfter = cpuNanos(scope, "svc-loops");
        double measured = (cpuAfter - cpuBefore) / (double) (System.nanoTime() - wallBefore);
        double reported = activity("svc-loops").cpuCores();

        assertThat(measured).as("the loops ran").isGreaterThan(0.05);
        assertThat(reported).isCloseTo(measured, org.assertj.core.data.Offset.offset(0.1 + 0.2 * measured));
    }

    /** The CPU time of the workload's processes as the JDK reads it. */
    private static long cpuNanos(String scope, String workloadId) {
        return WorkloadProcesses.of(scope, workloadId).stream()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    @Test
    void cpu_of_short_commands_that_ended_between_readings_counts_as_that_of_a_long_one() {
        // Side by side on the same machine, so that both get the same share whatever else runs: one busy process, and
        // busy processes that each end within a tenth of a second, most of them between two readings.
        runtime.start(spec("svc-long", List.of("/bin/sh", "-c", "while :; do :; done"), noAccess()));
        runtime.start(spec("svc-short", List.of("/bin/sh", "-c",
                "while :; do timeout 0.1 sh -c 'while :; do :; done'; done"), noAccess()));
        activity("svc-long");
        activity("svc-short");

        await().atMost(PATIENCE).pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(3))
                .until(() -> List.of(activity("svc-long").cpuCores(), activity("svc-short").cpuCores()),
                        cores -> cores.getFirst() > 0.05 && cores.getLast() > 0.6 * cores.getFirst());
    }

    @Test
    void an_ssh_session_counts_while_open_and_its_traffic_moves_the_last_activity_which_stays_after_it_closed()
            throws Exception {
        Path identity = keys.resolve("id");
        PublicKey key = OpenSshClient.generateKey(identity);
        runtime.start(spec("svc-ssh", List.of("sleep", "1000"),
                new Access(true, null, List.of(key), false, null, Access.SourceFilter.ANYONE)));
        int port = runtime.endpoints("svc-ssh").stream().filter(e -> e.kind() == Endpoint.Kind.SSH).findFirst()
                .orElseThrow().port();
        assertThat(activity("svc-ssh").sshSessions()).isZero();

        clock.advance(Duration.ofMinutes(1));
        Instant loggedIn = clock.instant();
        Process ssh = OpenSshClient.withKey(identity, "alice", port).start(List.of(), "cat");
        await().atMost(PATIENCE).until(() -> activity("svc-ssh").sshSessions() == 1);
        assertThat(activity("svc-ssh").sessions()).isEqualTo(1);
        assertThat(activity("svc-ssh").lastSessionActivity()).isEqualTo(loggedIn);

        clock.advance(Duration.ofMinutes(5));
        Instant typed = clock.instant();
        OutputStream toCat = ssh.getOutputStream();
        toCat.write("hello\n".getBytes(StandardCharsets.UTF_8));
        toCat.flush();
        InputStream fromCat = ssh.getInputStream();
        assertThat(new String(fromCat.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(activity("svc-ssh").lastSessionActivity()).isEqualTo(typed);

        clock.advance(Duration.ofMinutes(5));
        Instant closed = clock.instant();
        toCat.close();
        assertThat(ssh.waitFor()).isZero();
        await().atMost(PATIENCE).until(() -> activity("svc-ssh").sshSessions() == 0);
        clock.advance(Duration.ofHours(2));

        WorkloadActivity after = activity("svc-ssh");
        assertThat(after.sessions()).isZero();
        assertThat(after.lastSessionActivity()).isEqualTo(closed);
    }

    @Test
    void a_terminal_counts_while_open_and_what_is_typed_moves_the_last_activity() throws Exception {
        runtime.start(spec("svc-term", List.of("sleep", "1000"), noAccess()));

        clock.advance(Duration.ofMinutes(1));
        Instant opened = clock.instant();
        try (var terminal = runtime.openTerminal("svc-term", 100, 30)) {
            TerminalScreen screen = new TerminalScreen(terminal.output());
            assertThat(activity("svc-term").terminalSessions()).isEqualTo(1);
            assertThat(activity("svc-term").sessions()).isEqualTo(1);
            assertThat(activity("svc-term").lastSessionActivity()).isEqualTo(opened);

            clock.advance(Duration.ofMinutes(5));
            Instant typed = clock.instant();
            terminal.input().write("echo \"ty\"\"ped\"\n".getBytes(StandardCharsets.UTF_8));
            terminal.input().flush();
            screen.awaitMatch("typed");
            assertThat(activity("svc-term").lastSessionActivity()).isEqualTo(typed);
        }

        WorkloadActivity after = activity("svc-term");
        assertThat(after.terminalSessions()).isZero();
        assertThat(after.lastSessionActivity()).isNotNull();
    }

    @Test
    void a_terminal_whose_shell_exited_no_longer_counts() throws Exception {
        runtime.start(spec("svc-exit", List.of("sleep", "1000"), noAccess()));
        var terminal = runtime.openTerminal("svc-exit", 100, 30);
        terminal.input().write("exit\n".getBytes(StandardCharsets.UTF_8));
        terminal.input().flush();
        // What reads the terminal sees its end; nobody has closed it yet.
        terminal.output().transferTo(OutputStream.nullOutputStream());

        assertThat(activity("svc-exit").terminalSessions()).isZero();
        terminal.close();
        assertThat(activity("svc-exit").terminalSessions()).isZero();
    }

    @Test
    void jupyter_traffic_through_the_proxy_is_the_workloads() {
        runtime.start(spec("svc-nb", List.of("sleep", "1000"), noAccess()));

        clock.advance(Duration.ofMinutes(1));
        jupyter.began("svc-nb");
        assertThat(activity("svc-nb").jupyterSessions()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        Instant answered = clock.instant();
        jupyter.ended("svc-nb");
        clock.advance(Duration.ofHours(1));

        assertThat(activity("svc-nb").sessions()).isZero();
        assertThat(activity("svc-nb").lastSessionActivity()).isEqualTo(answered);
    }

    @Test
    void an_unknown_or_ended_workload_has_no_activity() {
        assertThat(runtime.activity("svc-none")).isEmpty();

        runtime.start(spec("svc-gone", List.of("sleep", "1000"), noAccess()));
        runtime.stop("svc-gone", Duration.ofSeconds(2));

        assertThat(runtime.inspect("svc-gone").state()).isEqualTo(WorkloadState.STOPPED);
        assertThat(runtime.activity("svc-gone")).isEmpty();
    }
}
