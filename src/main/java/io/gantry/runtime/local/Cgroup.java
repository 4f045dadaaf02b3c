package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A cgroup v2 group of one workload, where the host lets Gantry write one: memory.max and cpu.max make the kernel
 * enforce the limits. Elsewhere (cgroup v1, no permission) the runtime's watcher enforces memory alone.
 */
final class Cgroup {

    private static final long CPU_PERIOD_MICROS = 100_000;

    private final Path dir;

    private Cgroup(Path dir) {
        this.dir = dir;
    }

    /** A group under {@code root/gantry}, or empty where cgroup v2 is absent or not writable. */
    static Optional<Cgroup> create(Path root, String workloadId, int cpuCores, long memoryMib) {
        if (!Files.isRegularFile(root.resolve("cgroup.controllers")) || !Files.isWritable(root)) {
            return Optional.empty();
        }
        try {
            Path parent = root.resolve("gantry");
            if (!Files.isDirectory(parent)) {
                Files.createDirectory(parent);
                Files.writeString(root.resolve("cgroup.subtree_control"), "+memory +cpu");
            }
            Path dir = parent.resolve(workloadId);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("memory.max"), Long.toString(memoryMib << 20));
            Files.writeString(dir.resolve("cpu.max"), (cpuCores * CPU_PERIOD_MICROS) + " " + CPU_PERIOD_MICROS);
            return Optional.of(new Cgroup(dir));
        } catch (IOException | SecurityException refused) {
            return Optional.empty();
        }
    }

    /** Moves processes into the group; one that ended meanwhile is skipped. */
    void enroll(List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            try {
                Files.writeString(dir.resolve("cgroup.procs"), Long.toString(process.pid()));
            } catch (IOException gone) {
                // The process ended between the search and the move.
            }
        }
    }

    void remove() {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException stillBusy) {
            // The kernel removes an empty group only; a straggler keeps it until the next start of the same id.
        }
    }
}
