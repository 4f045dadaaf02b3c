package io.gantry.runtime.ui;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import io.gantry.runtime.WorkloadRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** A real shell on a real PTY of this machine, as the local runtime gives one inside a workload. */
final class PtyShell implements WorkloadRuntime.Terminal {

    private final PtyProcess process;

    private PtyShell(PtyProcess process) {
        this.process = process;
    }

    /** An interactive {@code /bin/sh} with a plain prompt and no start-up files. */
    static PtyShell start(int columns, int rows) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("TERM", "xterm-256color");
        environment.put("LANG", "C.UTF-8");
        environment.put("PS1", "$ ");
        try {
            return new PtyShell(new PtyProcessBuilder(new String[] {"/bin/sh", "-i"})
                    .setEnvironment(environment)
                    .setInitialColumns(columns)
                    .setInitialRows(rows)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public OutputStream input() {
        return process.getOutputStream();
    }

    @Override
    public void resize(int columns, int rows) {
        process.setWinSize(new WinSize(columns, rows));
    }

    @Override
    public boolean isOpen() {
        return process.isAlive();
    }

    /** An interactive shell ignores SIGTERM; closing a terminal ends its shell for sure. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
