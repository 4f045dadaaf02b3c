package io.gantry.runtime.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a workload runs into the command line that starts it where the workload lives: inside its sandbox, or
 * on the host where there is none.
 */
@FunctionalInterface
interface Launcher {

    /**
     * On the host, with SIGHUP at its default: a child inherits ignored signals, so a Gantry started under
     * {@code nohup} would otherwise pass that on, and its sessions' children would outlive their sessions.
     */
    Launcher HOST = command -> {
        if (!Files.isExecutable(Path.of("/usr/bin/env"))) {
            return command;
        }
        List<String> line = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=HUP"));
        line.addAll(command);
        return line;
    };

    List<String> commandLine(List<String> command);

    /**
     * The command line of a process that runs on pipes, not on a terminal of its own: it starts a session of its own
     * without a controlling terminal, so that it cannot reach Gantry's terminal (TIOCSTI would push keystrokes into
     * it). Processes on a PTY get their session from the PTY already; starting those through setsid would take
     * their terminal away.
     */
    default List<String> detachedCommandLine(List<String> command) {
        return inOwnSession(commandLine(command));
    }

    /** {@code line} started through setsid, which waits for it so that its exit status is the command's. */
    static List<String> inOwnSession(List<String> line) {
        if (!Files.isExecutable(SETSID)) {
            return line;
        }
        List<String> detached = new ArrayList<>(List.of(SETSID.toString(), "--wait"));
        detached.addAll(line);
        return detached;
    }

    Path SETSID = Path.of("/usr/bin/setsid");
}
