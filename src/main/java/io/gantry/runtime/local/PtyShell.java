package io.gantry.runtime.local;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import io.gantry.runtime.WorkloadRuntime;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A shell on a real pseudo-terminal, for SSH sessions and the web terminal: programs in it see a TTY, so editors,
 * progress bars and {@code tty} behave as on any machine. Closing it hangs up the terminal and ends the shell with
 * everything it started, except what was started under {@code nohup} ({@link ProcessTree}). The shell starts with
 * SIGHUP at its default whatever Gantry's own disposition, so that only a user's {@code nohup} keeps a process.
 */
public final class PtyShell implements WorkloadRuntime.Terminal {

    public static final String DEFAULT_TERM = "xterm-256color";
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;
    private static final long REAP_SECONDS = 10;

    private final PtyProcess process;
    private boolean closed;

    private PtyShell(PtyProcess process) {
        this.process = process;
    }

    /** The login shell with {@value #DEFAULT_TERM}. */
    public static PtyShell open(Path workingDirectory, Map<String, String> environment, int columns, int rows)
            throws IOException {
        return open(workingDirectory, environment, loginShell(environment), columns, rows, DEFAULT_TERM);
    }

    /**
     * Starts {@code command} on a new terminal.
     *
     * @param environment the whole environment of the shell (nothing of this JVM's is inherited); must hold
     *                    {@value WorkloadProcesses#MARKER}
     * @param term the terminal type the client emulates, or null for {@value #DEFAULT_TERM}
     */
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    public static PtyShell open(Path workingDirectory, Map<String, String> environment, List<String> command,
                                int columns, int rows, String term) throws IOException {
        return open(workingDirectory, environment, command, columns, rows, term, Launcher.HOST);
    }

    /** Starts {@code command} on a new terminal, where {@code launcher} puts it (e.g. in the workload's sandbox). */
    static PtyShell open(Path workingDirectory, Map<String, String> environment, List<String> command,
                         int columns, int rows, String term, Launcher launcher) throws IOException {
        if (!environment.containsKey(WorkloadProcesses.MARKER)) {
            throw new IllegalArgumentException("The environment lacks " + WorkloadProcesses.MARKER);
        }
        Map<String, String> shellEnvironment = new HashMap<>(environment);
        shellEnvironment.put("TERM", term == null || term.isBlank() ? DEFAULT_TERM : term);
        List<String> started = launcher == Launcher.HOST ? command : onSandboxTerminal(command);
        PtyProcess process = new PtyProcessBuilder(launcher.commandLine(started).toArray(String[]::new))
                .setDirectory(workingDirectory.toString())
                .setEnvironment(shellEnvironment)
                .setInitialColumns(columns > 0 ? columns : DEFAULT_COLUMNS)
                .setInitialRows(rows > 0 ? rows : DEFAULT_ROWS)
                // Keeps what a short command printed readable after it ended, e.g. `ssh -t host tty`.
                .setUnixOpenTtyToPreserveOutputAfterTermination(true)
                .start();
        return new PtyShell(process);
    }

    /**
     * A sandbox has a terminal device file system of its own (so that its programs can open terminals, as tmux does),
     * where the host's terminal that Gantry opened has no name: {@code tty} would say "not a tty". {@code script}
     * inside the sandbox gives the command a terminal of the sandbox's own and relays it to Gantry's, window changes
     * included.
     */
    private static List<String> onSandboxTerminal(List<String> command) {
        if (!Files.isExecutable(SCRIPT)) {
            return command;
        }
        String line = command.stream().map(PtyShell::quoted).collect(java.util.stream.Collectors.joining(" "));
        return List.of(SCRIPT.toString(), "--quiet", "--flush", "--return", "--command", line, "/dev/null");
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The environment's SHELL as a login shell, else bash, else sh. */
    public static List<String> loginShell(Map<String, String> environment) {
        String shell = environment.get("SHELL");
        if (shell == null || !Files.isExecutable(Path.of(shell))) {
            shell = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
        }
        return List.of(shell, "-l");
    }

    public Process process() {
        return process;
    }

    /** What the shell and its programs print, standard error included (a terminal has one stream). */
    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    /** What the user types. */
    @Override
    public OutputStream input() {
        return process.getOutputStream();
    }

    @Override
    public void resize(int columns, int rows) {
        if (columns > 0 && rows > 0 && process.isAlive()) {
            process.setWinSize(new WinSize(columns, rows));
        }
    }

    @Override
    public boolean isOpen() {
        return process.isAlive();
    }

    /** Ends the shell and its process tree; returns once they are gone. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // pty4j's process has no handle of its own; the pid gives one.
        List<ProcessHandle> tree = ProcessHandle.of(process.pid()).map(ProcessTree::of).orElse(List.of());
        // Closing the terminal is a hang-up: the shell gets SIGHUP (an interactive bash ignores SIGTERM).
        closeQuietly(process.getOutputStream());
        closeQuietly(process.getInputStream());
        ProcessTree.terminate(tree, ProcessTree.DEFAULT_GRACE);
        // pty4j learns of the exit on a thread of its own; until it has, the shell would still look open.
        try {
            process.waitFor(REAP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException alreadyClosed) {
            // Nothing left to release.
        }
    }
}
