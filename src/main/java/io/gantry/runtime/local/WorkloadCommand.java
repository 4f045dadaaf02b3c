package io.gantry.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an SSH client runs: the login shell, or a command line through {@code /bin/sh -c}. Like sshd it runs on a
 * PTY when the client asked for one ({@code ssh} to a shell, {@code ssh -t}) and on plain pipes otherwise, so that
 * standard output and standard error stay apart and binary data passes untouched.
 */
final class WorkloadCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(WorkloadCommand.class);
    /** How long a PTY may keep printing after its shell ended, for output still on its way. */
    private static final long PTY_DRAIN_MILLIS = 2_000;
    private static final int BUFFER_SIZE = 8192;

    private final WorkloadSshServer server;
    private final String commandLine;
    private final List<String> program;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private PtyShell terminal;
    private Process process;
    private boolean ended;

    /** @param commandLine what the client asked to run, or null for the login shell */
    WorkloadCommand(WorkloadSshServer server, String commandLine) {
        this.server = server;
        this.commandLine = commandLine;
        this.program = null;
    }

    /** A program that always runs on pipes, whatever the client asked, e.g. the SFTP server behind a subsystem. */
    WorkloadCommand(WorkloadSshServer server, List<String> program) {
        this.server = server;
        this.commandLine = null;
        this.program = List.copyOf(program);
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> environment = server.environmentFor(channel.getSession());
        String name = "ssh-" + server.workloadId() + "-" + channel.getChannelId();
        if (program != null) {
            startOnPipes(program, environment, name);
            return;
        }
        List<String> command = commandLine == null
                ? PtyShell.loginShell(environment)
                : List.of("/bin/sh", "-c", commandLine);
        if (ptyRequested(env)) {
            startOnTerminal(command, environment, env, name);
        } else {
            startOnPipes(command, environment, name);
        }
    }

    /** A pty-req sets the terminal's modes and size; a client may send TERM alone as a plain variable. */
    private static boolean ptyRequested(Environment env) {
        return !env.getPtyModes().isEmpty() || env.getEnv().containsKey(Environment.ENV_COLUMNS);
    }

    private void startOnTerminal(List<String> command, Map<String, String> environment, Environment env,
                                 String name) throws IOException {
        Map<String, String> client = env.getEnv();
        PtyShell shell = PtyShell.open(server.settings().workingDirectory(), environment, command,
                number(client.get(Environment.ENV_COLUMNS)), number(client.get(Environment.ENV_LINES)),
                client.get(Environment.ENV_TERM), server.launcher());
        if (!hold(shell, shell.process())) {
            shell.close();
            return;
        }
        env.addSignalListener((channel, signal) -> shell.resize(number(env.getEnv().get(Environment.ENV_COLUMNS)),
                number(env.getEnv().get(Environment.ENV_LINES))), Signal.WINCH);
        Thread output = pump(name + "-out", shell.output(), out, false);
        pump(name + "-in", in, shell.input(), false);
        Thread.ofVirtual().name(name + "-exit").start(() -> reportExit(output, PTY_DRAIN_MILLIS));
    }

    private void startOnPipes(List<String> command, Map<String, String> environment, String name)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(server.launcher().detachedCommandLine(command))
                .directory(server.settings().workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process started = builder.start();
        if (!hold(null, started)) {
            ProcessTree.terminate(ProcessTree.of(started.toHandle()), ProcessTree.DEFAULT_GRACE);
            return;
        }
        Thread output = pump(name + "-out", started.getInputStream(), out, false);
        Thread errors = pump(name + "-err", started.getErrorStream(), err, false);
        // End of the client's input is end of the command's: `ssh host cat < file` must end.
        pump(name + "-in", in, started.getOutputStream(), true);
        Thread.ofVirtual().name(name + "-exit").start(() -> {
            try {
                errors.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            reportExit(output, 0);
        });
    }

    /** Keeps what was started, unless the channel closed meanwhile and it has to end right away. */
    private synchronized boolean hold(PtyShell startedTerminal, Process started) {
        if (ended) {
            return false;
        }
        terminal = startedTerminal;
        process = started;
        server.started(this, started);
        return true;
    }

    /**
     * Tells the client the exit status once the output is through. On pipes that is at their end of file, as
     * with sshd (a background job that keeps them open keeps the session); a PTY gets a short drain instead.
     *
     * @param drainMillis how long to wait for the output after the exit; 0 waits for its end however long
     */
    private void reportExit(Thread output, long drainMillis) {
        try {
            int status = process.waitFor();
            output.join(drainMillis);
            exit.onExit(status);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Platform threads: pty4j reads in native code, which would pin a virtual thread's carrier. Each chunk is the
     * session's activity.
     */
    private Thread pump(String name, InputStream from, OutputStream to, boolean closeTarget) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            byte[] buffer = new byte[BUFFER_SIZE];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    server.touched();
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException closed) {
                // One side went away: the process ended or the channel closed.
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException alreadyClosed) {
                        // Nothing left to release.
                    }
                }
            }
        });
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    /** MINA calls this when the channel closes, maybe on an I/O thread: the waiting is done elsewhere. */
    @Override
    public void destroy(ChannelSession channel) {
        Thread.ofVirtual().name("ssh-" + server.workloadId() + "-end").start(this::end);
    }

    /** Ends the process with what it started and returns once they are gone. Idempotent. */
    synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            if (terminal != null) {
                terminal.close();
            } else if (process != null) {
                ProcessTree.terminate(ProcessTree.of(process.toHandle()), ProcessTree.DEFAULT_GRACE);
                process.getOutputStream().close();
            }
        } catch (IOException | RuntimeException failure) {
            log.debug("Ending an SSH command of workload {} failed", server.workloadId(), failure);
        } finally {
            server.ended(this);
        }
    }
}
