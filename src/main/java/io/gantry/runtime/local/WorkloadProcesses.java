package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a workload's processes by the {@value #MARKER} variable every one of them inherits: the main command, SSH
 * sessions, terminals, Jupyter and whatever they start, daemons included. Reading {@code /proc} rather than keeping
 * handles is what lets a restarted app find the workloads it started before.
 */
final class WorkloadProcesses {

    static final String MARKER = "GANTRY_WORKLOAD";
    /** Which runtime home a process belongs to, so that two installations (or test contexts) on one host never
     *  take each other's processes for orphans. */
    static final String SCOPE = "GANTRY_RUNTIME_HOME";
    private static final Path PROC = Path.of("/proc");

    private WorkloadProcesses() {
    }

    /** Live processes per workload id, of the runtime whose home is {@code scope}. */
    static Map<String, List<ProcessHandle>> all(String scope) {
        Map<String, List<ProcessHandle>> found = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> workloadOf(p.pid(), scope)
                .ifPresent(id -> found.computeIfAbsent(id, k -> new ArrayList<>()).add(p)));
        return found;
    }

    static List<ProcessHandle> of(String scope, String workloadId) {
        return ProcessHandle.allProcesses()
                .filter(p -> workloadOf(p.pid(), scope).filter(workloadId::equals).isPresent())
                .toList();
    }

    /** The workload a process belongs to; empty for processes of others or that vanished meanwhile. */
    static Optional<String> workloadOf(long pid, String scope) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        String workload = null;
        boolean inScope = false;
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                if (entry.startsWith(MARKER + "=")) {
                    workload = entry.substring(MARKER.length() + 1);
                } else if (entry.equals(SCOPE + "=" + scope)) {
                    inScope = true;
                }
                start = i + 1;
            }
        }
        return inScope ? Optional.ofNullable(workload) : Optional.empty();
    }

    /**
     * Asks every process of the workload to end, then kills what is left after the grace period. Repeats the search,
     * because a dying shell's children may be re-parented or a process may start another meanwhile.
     */
    static void kill(String scope, String workloadId, Duration grace) {
        List<ProcessHandle> processes = of(scope, workloadId);
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(50);
        }
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> left = of(scope, workloadId);
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
