package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.gantry.runtime.WorkloadRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A shell in a workload's Pod through the API's exec with a TTY; closing it ends the exec. */
final class KubernetesTerminal implements WorkloadRuntime.Terminal {

    private final ExecWatch exec;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    KubernetesTerminal(ExecWatch exec, Runnable onClose) {
        this.exec = exec;
        this.onClose = onClose;
    }

    @Override
    public InputStream output() {
        return exec.getOutput();
    }

    @Override
    public OutputStream input() {
        return exec.getInput();
    }

    @Override
    public void resize(int columns, int rows) {
        if (isOpen()) {
            exec.resize(columns, rows);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && !exec.exitCode().isDone();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                exec.close();
            } finally {
                onClose.run();
            }
        }
    }
}
