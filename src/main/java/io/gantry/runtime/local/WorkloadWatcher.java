package io.gantry.runtime.local;

import io.gantry.runtime.WorkloadState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tick, ends the workloads whose main process ended or whose processes use more memory than they were given,
 * enrolls new processes in their cgroup and reads their CPU time for {@code activity}. One scan of {@code /proc}
 * per tick serves every workload: reading each process's environment is the watcher's cost, and it would otherwise
 * grow with the number of workloads times the number of processes on the machine.
 */
final class WorkloadWatcher implements AutoCloseable {

    /** Ends a workload for the watcher; what it says is published, as the workload ended on its own. */
    @FunctionalInterface
    interface Ending {
        void end(LocalWorkload workload, WorkloadState state, Integer exitCode, String reason, List<String> arguments);
    }

    private static final Logger log = LoggerFactory.getLogger(WorkloadWatcher.class);

    private final Supplier<? extends Collection<LocalWorkload>> workloads;
    private final Supplier<Map<String, List<ProcessHandle>>> scan;
    private final Ending ending;
    private ScheduledExecutorService schedule;

    /**
     * @param workloads the workloads the runtime holds now
     * @param scan      the live processes of the runtime's workloads, by workload id ({@link WorkloadProcesses#all})
     */
    WorkloadWatcher(Supplier<? extends Collection<LocalWorkload>> workloads,
                    Supplier<Map<String, List<ProcessHandle>>> scan, Ending ending) {
        this.workloads = workloads;
        this.scan = scan;
        this.ending = ending;
    }

    /** Ticks every {@code interval} on a thread of its own until closed. */
    synchronized WorkloadWatcher every(Duration interval) {
        if (schedule == null) {
            schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("local-runtime-watch").factory());
            long every = interval.toMillis();
            schedule.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One look at every live workload; no scan at all while none runs. */
    void tick() {
        List<LocalWorkload> live = workloads.get().stream().filter(LocalWorkload::live).toList();
        if (live.isEmpty()) {
            return;
        }
        Map<String, List<ProcessHandle>> processes;
        try {
            processes = scan.get();
        } catch (RuntimeException e) {
            log.warn("Reading the workloads' processes failed", e);
            return;
        }
        for (LocalWorkload workload : live) {
            try {
                watch(workload, processes.getOrDefault(workload.id(), List.of()));
            } catch (RuntimeException e) {
                log.warn("Watching workload {} failed", workload.id(), e);
            }
        }
    }

    private void watch(LocalWorkload workload, List<ProcessHandle> processes) {
        if (!workload.live()) {
            return;
        }
        if (!workload.main.isAlive()) {
            Integer exit = workload.exitCode().orElse(null);
            if (workload.spec.batch() && exit != null && exit == 0) {
                ending.end(workload, WorkloadState.SUCCEEDED, exit, null, List.of());
            } else if (exit == null) {
                ending.end(workload, WorkloadState.FAILED, null, "runtime.reason.ended-unknown", List.of());
            } else {
                ending.end(workload, WorkloadState.FAILED, exit, workload.spec.batch() ? "runtime.reason.exit-code"
                        : "runtime.reason.main-ended", List.of(Integer.toString(exit)));
            }
            return;
        }
        if (workload.cgroup != null) {
            workload.cgroup.enroll(processes);
        }
        long limit = workload.spec.resources().memoryMib() << 20;
        ProcessUsage usage = ProcessUsage.sum(processes);
        workload.sampleCpu(usage.cpuTicks(), System.nanoTime());
        long used = usage.residentBytes();
        if (limit > 0 && used > limit) {
            ending.end(workload, WorkloadState.FAILED, null, "runtime.reason.memory",
                    List.of(Long.toString(workload.spec.resources().memoryMib()), Long.toString(used >> 20)));
        }
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
