package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ends a process with what it started: SIGTERM to the children first and then the parent, SIGKILL to whatever
 * still lives after a grace. A descendant that ignores SIGHUP ({@code nohup}) is left running with its own
 * children, as sshd leaves it when a session ends; the runtime ends it with the workload. Sessions start with
 * SIGHUP at its default ({@link Launcher#HOST}, {@link Sandbox#enter}), so only a user's own {@code nohup} counts.
 */
final class ProcessTree {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    /** How long a killed process may take to be gone; on a loaded machine that is not immediate. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    private static final long SIGHUP_MASK = 1L;

    private ProcessTree() {
    }

    /** The tree of {@code root} as it is now, children before their parents, {@code root} last. */
    static List<ProcessHandle> of(ProcessHandle root) {
        List<ProcessHandle> members = new ArrayList<>();
        collect(root, members);
        members.add(root);
        return members;
    }

    private static void collect(ProcessHandle parent, List<ProcessHandle> members) {
        parent.children().filter(child -> !ignoresHangup(child.pid())).forEach(child -> {
            collect(child, members);
            members.add(child);
        });
    }

    /**
     * Terminates the given processes, taken as one snapshot so that none escapes by being re-parented meanwhile,
     * and returns once they are gone: SIGKILL is delivered asynchronously, so it waits for that too.
     */
    static void terminate(Collection<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        awaitGone(processes, grace);
        processes.stream().filter(ProcessTree::running).forEach(ProcessHandle::destroyForcibly);
        awaitGone(processes, KILL_WAIT);
    }

    /** Waits until none of the processes runs any more, or the patience ran out; true if none does. */
    static boolean awaitGone(Collection<ProcessHandle> processes, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (processes.stream().anyMatch(ProcessTree::running)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie: an orphan that ended waits as a zombie until the machine's init reaps it, which in a
     * container may be late or never, and there is nothing left to end.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The state follows the command name, which is in parentheses and may hold anything.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException gone) {
            return process.isAlive();
        }
    }

    /** Whether the process ignores SIGHUP, read from the SigIgn mask in /proc; false where it cannot be read. */
    static boolean ignoresHangup(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & SIGHUP_MASK) != 0;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended meanwhile or /proc is not there: treat it like any other process.
        }
        return false;
    }
}
