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
}
