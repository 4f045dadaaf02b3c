package io.gantry.runtime.local;

import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import io.gantry.runtime.WorkloadStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the local runtime holds of one workload: its process, folders, side services and latest status. */
final class LocalWorkload {

    final WorkloadSpec spec;
    final Path directory;
    final Path root;
    final Path log;
    final Map<String, String> environment;
    /** The main process; for a workload adopted after a restart only its handle is known, not its exit code. */
    final ProcessHandle main;
    final Process mainProcess;
    /** The account the workload runs as in its sandbox; -1 where it runs on the host without one. */
    final int uid;
    volatile WorkloadSshServer ssh;
    volatile JupyterServer jupyter;
    volatile Cgroup cgroup;
    volatile WorkloadStatus status;
    /** Set once by whoever ends the workload, so that a stop and the watcher never end it twice. */
    boolean ending;
    /** Counted down once the workload's processes are gone and its final status is set. */
    final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    /** Web terminals open through the runtime. */
    final SessionMeter terminals;
    private long lastCpuTicks = -1;
    private long lastReadingNanos;
    /** The watcher's readings: CPU ticks only ever added to, so that a process that ended hides no one's use. */
    private long sampledTicks = -1;
    private long usedTicks;
    private long usedNanos;
    /** Where the previous report of activity left off, and what it said. */
    private long reportedTicks;
    private long reportedNanos;
    private double reportedCores;

    LocalWorkload(WorkloadSpec spec, Path directory, Map<String, String> environment, Process mainProcess,
                  ProcessHandle main, Instant now, int uid, Clock clock) {
        this.terminals = new SessionMeter(clock);
        this.uid = uid;
        this.spec = spec;
        this.directory = directory;
        this.root = directory.resolve("root");
        this.log = directory.resolve("output.log");
        this.environment = Map.copyOf(environment);
        this.mainProcess = mainProcess;
        this.main = main;
        this.status = new WorkloadStatus(spec.id(), WorkloadState.RUNNING, null, null, List.of(), now);
    }

    String id() {
        return spec.id();
    }

    boolean live() {
        return status.state().isLive();
    }

    Optional<Integer> exitCode() {
        if (mainProcess == null || mainProcess.isAlive()) {
            return Optional.empty();
        }
        return Optional.of(mainProcess.exitValue());
    }

    /** CPU use in percent of one core since the previous call; 0 on the first. */
    synchronized double cpuPercent(long ticksNow, long nanosNow) {
        double percent = lastCpuTicks < 0 ? 0 : 100 * cores(ticksNow - lastCpuTicks, nanosNow - lastReadingNanos);
        lastCpuTicks = ticksNow;
        lastReadingNanos = nanosNow;
        return percent;
    }

    /** The watcher's reading of the CPU ticks the workload's processes have used. */
    synchronized void sampleCpu(long ticksNow, long nanosNow) {
        if (sampledTicks < 0) {
            reportedNanos = nanosNow;
        } else {
            usedTicks += Math.max(0, ticksNow - sampledTicks);
        }
        sampledTicks = ticksNow;
        usedNanos = nanosNow;
    }

    /**
     * Cores used from the previous call's last reading to the watcher's latest; the previous answer again when the
     * watcher has read nothing since, 0 before it has read twice.
     */
    synchronized double cpuCoresSinceLastReport() {
        if (sampledTicks >= 0 && usedNanos > reportedNanos) {
            reportedCores = cores(usedTicks - reportedTicks, usedNanos - reportedNanos);
            reportedTicks = usedTicks;
            reportedNanos = usedNanos;
        }
        return reportedCores;
    }

    private static double cores(long ticks, long nanos) {
        return nanos <= 0 ? 0 : Math.max(0, ticks / (double) ProcessUsage.TICKS_PER_SECOND / (nanos / 1e9));
    }
}
