package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a workload's processes by the {@value #MARKER} variable every one of them inherits: the main command, SSH
 * sessions, terminals, Jupyter and whatever they start, daemons included. Reading {@code /proc} rather than keeping
 * handles is what lets a restarted app find the workloads it started before. The marker is only believed of a
 * sandboxed process where it agrees with the sandbox the process is in (see {@link #trusted}).
 */
final class WorkloadProcesses {

    static final String MARKER = "GANTRY_WORKLOAD";
    /** Which runtime home a process belongs to, so that two installations (or test contexts) on one host never
     *  take each other's processes for orphans. */
    static final String SCOPE = "GANTRY_RUNTIME_HOME";
    private static final Path PROC = Path.of("/proc");
    private static final Duration REAP_WAIT = Duration.ofSeconds(2);

    private WorkloadProcesses() {
    }

    /**
     * Live processes per workload id, of the runtime whose home is {@code scope}: the marked ones and whatever runs
     * under them. A process may rewrite its environment, but not leave its sandbox, whose init carries the marker.
     */
    static Map<String, List<ProcessHandle>> all(String scope) {
        Map<String, Set<ProcessHandle>> found = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> workloadOf(p.pid(), scope)
                .ifPresent(id -> found.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(p)));
        Map<String, List<ProcessHandle>> withDescendants = new HashMap<>();
        found.forEach((id, marked) -> {
            List<ProcessHandle> trusted = trusted(marked);
            if (!trusted.isEmpty()) {
                withDescendants.put(id, withDescendants(trusted));
            }
        });
        return withDescendants;
    }

    static List<ProcessHandle> of(String scope, String workloadId) {
        return withDescendants(trusted(ProcessHandle.allProcesses()
                .filter(p -> workloadOf(p.pid(), scope).filter(workloadId::equals).isPresent())
                .toList()));
    }

    /**
     * The marked processes of one workload that really are its own. Anything inside a sandbox can set the marker to
     * another workload's id; so a process in a sandbox counts only if it is in the PID namespace of the workload's
     * own sandbox, the one that the workload's processes outside any sandbox (which Gantry started: bubblewrap,
     * nsenter) lead into. A marked process in another sandbox is the other workload's, whatever it claims.
     */
    private static List<ProcessHandle> trusted(Collection<ProcessHandle> marked) {
        Optional<String> hostNamespace = pidNamespace(ProcessHandle.current().pid());
        if (hostNamespace.isEmpty()) {
            return List.copyOf(marked);
        }
        List<ProcessHandle> outside = new java.util.ArrayList<>();
        Map<ProcessHandle, String> inside = new HashMap<>();
        for (ProcessHandle process : marked) {
            Optional<String> namespace = pidNamespace(process.pid());
            if (namespace.isEmpty()) {
                continue;
            }
            if (namespace.get().equals(hostNamespace.get())) {
                outside.add(process);
            } else {
                inside.put(process, namespace.get());
            }
        }
        Set<String> own = new java.util.HashSet<>();
        for (ProcessHandle process : outside) {
            process.children().forEach(child -> pidNamespace(child.pid())
                    .filter(namespace -> !namespace.equals(hostNamespace.get())).ifPresent(own::add));
        }
        List<ProcessHandle> trusted = new java.util.ArrayList<>(outside);
        inside.forEach((process, namespace) -> {
            if (own.contains(namespace)) {
                trusted.add(process);
            }
        });
        return trusted;
    }

    /** The PID namespace a process lives in, e.g. {@code pid:[4026531836]}; empty if it cannot be read. */
    private static Optional<String> pidNamespace(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("ns").resolve("pid"))
                    .toString());
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static List<ProcessHandle> withDescendants(Collection<ProcessHandle> marked) {
        Set<ProcessHandle> all = new LinkedHashSet<>(marked);
        marked.forEach(p -> p.descendants().forEach(all::add));
        return List.copyOf(all);
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
     * because a dying shell's children may be re-parented or a process may start another meanwhile. Sandboxes are
     * not asked: their init ends once the main command does, and killing it ends everything inside.
     */
    static void kill(String scope, String workloadId, Duration grace) {
        List<ProcessHandle> found = of(scope, workloadId);
        List<ProcessHandle> processes = found.stream().filter(p -> !isSandbox(p)).toList();
        processes.forEach(ProcessHandle::destroy);
        ProcessTree.awaitGone(processes, grace);
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> left = of(scope, workloadId).stream().filter(ProcessTree::running).toList();
            if (left.isEmpty()) {
                awaitReaped(found);
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            ProcessTree.awaitGone(left, Duration.ofSeconds(2));
        }
    }

    /** Gives the parents of the ended processes a moment to collect them, so that none is seen alive after. */
    private static void awaitReaped(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + REAP_WAIT.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Bubblewrap, which holds a workload's namespaces (and as their init ignores polite signals). */
    private static boolean isSandbox(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/bwrap")).orElse(false);
    }
}
