package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PtyShellTest {

    @TempDir
    Path workingDirectory;

    private PtyShell shell;
    private TerminalScreen screen;

    @AfterEach
    void closeShell() {
        if (shell != null) {
            shell.close();
        }
    }

    private void open(List<String> command, String term) throws IOException {
        shell = PtyShell.open(workingDirectory, Map.of("GANTRY_WORKLOAD", "container-7", "PATH", "/usr/bin:/bin"),
                command, 100, 30, term);
        screen = new TerminalScreen(shell.output());
    }

    @Test
    void runsWhatIsTypedAndShowsItsOutput() throws Exception {
        open(List.of("/bin/sh"), null);
        shell.input().write("echo h''i; echo $TERM; tty\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();

        assertThat(screen.awaitMatch("\\bhi\\r?\\n")).isNotNull();
        assertThat(screen.awaitMatch("xterm-256color")).isNotNull();
        assertThat(screen.awaitMatch("/dev/pts/\\d+")).isNotNull();
    }

    @Test
    void keepsTheWorkloadVariableAndStartsInTheWorkingDirectory() throws Exception {
        open(List.of("/bin/sh", "-c", "echo \"id=$GANTRY_WORKLOAD dir=$(pwd)\""), "vt100");

        assertThat(screen.awaitMatch("id=container-7 dir=" + Pattern.quote(workingDirectory.toString())))
                .isNotNull();
    }

    @Test
    void resizesTheTerminal() throws Exception {
        open(List.of("/bin/sh"), null);
        shell.resize(132, 43);
        shell.input().write("stty size\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();

        assertThat(screen.awaitMatch("43 132")).isNotNull();
    }

    @Test
    void closingEndsTheShellAndWhatItStarted() throws Exception {
        open(PtyShell.loginShell(Map.of()), null);
        shell.input().write("sleep 1000 & echo child=$!\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();
        long child = Long.parseLong(screen.awaitMatch("child=(\\d+)").group(1));
        ProcessHandle sleeper = ProcessHandle.of(child).orElseThrow();
        // Until the forked shell has become `sleep`, its signal dispositions are the shell's, not the program's.
        Path comm = Path.of("/proc", Long.toString(child), "comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(comm).strip().equals("sleep") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        shell.close();

        assertThat(shell.isOpen()).isFalse();
        // Orphans wait as zombies until init reaps them, which may take a while in a container.
        assertThat(ProcessTree.running(sleeper)).isFalse();
        assertThat(ProcessHandle.of(shell.process().pid()).filter(ProcessTree::running)).isEmpty();
    }

    @Test
    void closingEndsWhatTheShellStartedEvenWhenGantryIgnoresHangups() throws Exception {
        try (IgnoredHangups nohup = new IgnoredHangups()) {
            open(List.of("/bin/sh"), null);
        }
        shell.input().write("sleep 1000 & echo child=$!\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();
        long child = Long.parseLong(screen.awaitMatch("child=(\\d+)").group(1));
        ProcessHandle sleeper = ProcessHandle.of(child).orElseThrow();
        Path comm = Path.of("/proc", Long.toString(child), "comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(comm).strip().equals("sleep") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        shell.close();

        assertThat(ProcessTree.running(sleeper)).isFalse();
    }

    @Test
    void leavesWhatWasStartedWithNohupRunningAsSshdDoes() throws Exception {
        open(List.of("/bin/sh"), null);
        shell.input().write("nohup sleep 1000 >/dev/null 2>&1 & echo kept=$!\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();
        long pid = Long.parseLong(screen.awaitMatch("kept=(\\d+)").group(1));
        ProcessHandle kept = ProcessHandle.of(pid).orElseThrow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ProcessTree.ignoresHangup(pid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            shell.close();

            assertThat(ProcessTree.running(kept)).isTrue();
        } finally {
            kept.destroyForcibly();
        }
    }

    @Test
    void refusesAnEnvironmentWithoutTheWorkloadVariable() {
        assertThatThrownBy(() -> PtyShell.open(workingDirectory, Map.of("PATH", "/bin"), 80, 24))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
