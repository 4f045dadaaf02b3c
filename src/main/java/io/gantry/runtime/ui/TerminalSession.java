package io.gantry.runtime.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import io.gantry.runtime.WorkloadRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a {@link WebTerminal} to a shell: what the shell prints appears on the screen through server push, what
 * the user types goes to the shell, and the shell's window follows the screen's size. When the shell ends, the
 * screen says so and the end listeners run; when the component leaves the page (not when it moves on it), which
 * also happens when its UI closes (a closed browser, once its heartbeats stop) or its session ends, the shell is
 * closed.
 */
public final class TerminalSession {

    private static final Logger log = LoggerFactory.getLogger(TerminalSession.class);

    /** How long output may wait for more before it is pushed: short enough to feel immediate when typing. */
    static final Duration LINGER = Duration.ofMillis(15);
    /** A batch this large is pushed at once, without waiting for the linger time. */
    static final int BATCH_CHARS = 8 * 1024;
    /** How much output may wait for a slow browser before the shell is made to wait. */
    static final int BACKLOG_CHARS = 256 * 1024;
    private static final int READ_BYTES = 8 * 1024;

    private final WebTerminal screen;
    private final WorkloadRuntime.Terminal shell;
    private final Outbox outbox = new Outbox(LINGER, BATCH_CHARS, BACKLOG_CHARS);
    /**
     * Reading and writing a PTY blocks in native code, which pins a virtual thread to its carrier: a few idle terminals
     * would take every carrier and with them every request of the application. So the PTY's own threads are platform
     * threads, daemons so that an open terminal never keeps the JVM from ending.
     */
    private static final ThreadFactory PTY_THREADS = Thread.ofPlatform().daemon().name("terminal-pty-", 0).factory();

    /** One thread writes to the shell, so that typing keeps its order and a stuck shell never blocks the page. */
    private final ExecutorService toShell = Executors.newSingleThreadExecutor(PTY_THREADS);
    private final List<Runnable> endListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private volatile Thread pusher;
    private Registration attachRegistration;

    private TerminalSession(WebTerminal screen, WorkloadRuntime.Terminal shell) {
        this.screen = screen;
        this.shell = shell;
    }

    /**
     * Shows the shell on the screen, from now on if the screen is on a page, else from when it is added to one.
     * Call it from the page's code (with the UI locked), as any change to a component.
     */
    public static TerminalSession connect(WebTerminal screen, WorkloadRuntime.Terminal shell) {
        TerminalSession session = new TerminalSession(screen, shell);
        screen.addDataListener(session::send);
        screen.addResizeListener(size -> session.toShell(() -> shell.resize(size.columns(), size.rows())));
        screen.addDetachListener(event -> session.leftPage(event.getUI()));
        if (screen.isAttached()) {
            session.start(screen.getUI().orElseThrow());
        } else {
            session.attachRegistration = screen.addAttachListener(event -> session.start(event.getUI()));
        }
        return session;
    }

    /** Runs in the page's UI once the shell has ended: by itself (exit, its workload stopped) or by {@link #close}. */
    public Registration addEndListener(Runnable listener) {
        endListeners.add(listener);
        return () -> endListeners.remove(listener);
    }

    /** Ends the shell; the screen then says so and the end listeners run, as when the shell exits. */
    public void close() {
        closeShell();
    }

    /** Closing may wait for a remote end (an exec stream); the page that asks must not wait with it. */
    private void closeShell() {
        PTY_THREADS.newThread(shell::close).start();
    }

    private void start(UI ui) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (attachRegistration != null) {
            attachRegistration.remove();
        }
        PTY_THREADS.newThread(this::readOutput).start();
        pusher = Thread.ofVirtual().name("terminal-push").start(() -> pushOutput(ui));
    }

    private void readOutput() {
        Utf8Decoder decoder = new Utf8Decoder();
        byte[] buffer = new byte[READ_BYTES];
        try {
            InputStream output = shell.output();
            int read;
            while ((read = output.read(buffer)) != -1) {
                outbox.put(decoder.decode(buffer, 0, read));
            }
            outbox.put(decoder.finish());
        } catch (IOException closedUnderneath) {
            // A PTY reports its end this way when the shell exits or is closed; the end is reported below.
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } finally {
            outbox.close();
        }
    }

    private void pushOutput(UI ui) {
        try {
            String batch;
            while ((batch = outbox.take()) != null) {
                String text = batch;
                // One push in flight at a time: a slow browser slows the shell down instead of queueing pushes.
                ui.access(() -> screen.write(text)).get();
            }
            ended(ui);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (UIDetachedException pageGone) {
            abandon();
        } catch (ExecutionException e) {
            // A push queued while the tab closed fails with the page gone: the usual end, not a fault.
            if (!(e.getCause() instanceof UIDetachedException)) {
                log.warn("Terminal output could not be shown; closing the shell", e.getCause());
            }
            abandon();
        }
    }

    private void ended(UI ui) {
        shell.close();
        toShell.shutdown();
        if (abandoned.get()) {
            return;
        }
        try {
            ui.access(() -> {
                screen.write("\r\n\u001b[2m" + screen.getTranslation("terminal.ended") + "\u001b[0m\r\n");
                endListeners.forEach(Runnable::run);
            });
        } catch (UIDetachedException pageGone) {
            // Nobody is left to tell.
        }
    }

    private void leftPage(UI ui) {
        if (ui.isClosing()) {
            abandon();
            return;
        }
        // Moving the screen on the page detaches and attaches it in one round trip; only a screen that stays off the
        // page ends the session.
        ui.beforeClientResponse(ui, context -> {
            if (!screen.isAttached()) {
                abandon();
            }
        });
    }

    /** The page is gone: the shell is closed and nothing more is shown. */
    private void abandon() {
        if (!abandoned.compareAndSet(false, true)) {
            return;
        }
        closeShell();
        outbox.close();
        toShell.shutdown();
        Thread running = pusher;
        if (running != null) {
            running.interrupt();
        }
    }

    private void send(String typed) {
        byte[] bytes = typed.getBytes(StandardCharsets.UTF_8);
        toShell(() -> {
            OutputStream input = shell.input();
            input.write(bytes);
            input.flush();
        });
    }

    private void toShell(ShellWrite write) {
        try {
            toShell.execute(() -> {
                try {
                    write.run();
                } catch (IOException shellGone) {
                    // The shell has ended; the output side reports it.
                }
            });
        } catch (RejectedExecutionException afterTheEnd) {
            // Typed after the shell ended: nothing reads it any more.
        }
    }

    @FunctionalInterface
    private interface ShellWrite {
        void run() throws IOException;
    }
}
