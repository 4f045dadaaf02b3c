package io.gantry.runtime.local;

import io.gantry.runtime.WorkloadRuntime;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A web terminal as its workload's activity sees it: a session from its opening until it is closed or its shell's
 * output ends (the shell exited), with each chunk typed or printed as traffic.
 */
final class MeteredTerminal implements WorkloadRuntime.Terminal {

    private final WorkloadRuntime.Terminal shell;
    private final SessionMeter meter;
    private final AtomicBoolean counted = new AtomicBoolean(true);
    private final InputStream output;
    private final OutputStream input;

    MeteredTerminal(WorkloadRuntime.Terminal shell, SessionMeter meter) {
        this.shell = shell;
        this.meter = meter;
        meter.opened();
        this.output = new FilterInputStream(shell.output()) {
            @Override
            public int read() throws IOException {
                int read = endingOnFailure(in::read);
                counted(read < 0 ? -1 : 1);
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return counted(endingOnFailure(() -> in.read(buffer, offset, length)));
            }
        };
        this.input = new FilterOutputStream(shell.input()) {
            @Override
            public void write(int b) throws IOException {
                meter.touched();
                out.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                meter.touched();
                out.write(buffer, offset, length);
            }
        };
    }

    /** A PTY may report its shell's exit by failing the read rather than by its end. */
    private int endingOnFailure(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException ended) {
            ended();
            throw ended;
        }
    }

    @FunctionalInterface
    private interface Read {
        int read() throws IOException;
    }

    /** Notes what a read returned: traffic, or the end of the session. */
    private int counted(int read) {
        if (read > 0) {
            meter.touched();
        } else if (read < 0) {
            ended();
        }
        return read;
    }

    private void ended() {
        if (counted.compareAndSet(true, false)) {
            meter.closed();
        }
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public OutputStream input() {
        return input;
    }

    @Override
    public void resize(int columns, int rows) {
        shell.resize(columns, rows);
    }

    @Override
    public boolean isOpen() {
        return shell.isOpen();
    }

    @Override
    public void close() {
        try {
            shell.close();
        } finally {
            ended();
        }
    }
}
