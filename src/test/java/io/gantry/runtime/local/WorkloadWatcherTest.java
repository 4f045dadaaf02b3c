package io.gantry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.runtime.WorkloadSpec;
import io.gantry.runtime.WorkloadState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's round over real processes, with the scan of {@code /proc} counted. */
class WorkloadWatcherTest {

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();
    private final List<LocalWorkload> held = new ArrayList<>();
    private final Map<String, List<ProcessHandle>> processes = new HashMap<>();
    private final AtomicInteger scans = new AtomicInteger();
    private final List<String> ended = new ArrayList<>();
    private final WorkloadWatcher watcher = new WorkloadWatcher(() -> held, () -> {
        scans.incrementAndGet();
        return Map.copyOf(processes);
    }, (workload, state, exitCode, reason, arguments) -> {
        ended.add(workload.id() + " " + state + " " + reason + " " + arguments);
        workload.status = new io.gantry.runtime.WorkloadStatus(workload.id(), state, exitCode, reason, arguments,
                Clock.systemUTC().instant());
    });

    @AfterEach
    void stop() {
        watcher.close();
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void one_scan_of_the_processes_serves_every_workload_in_a_round() throws Exception {
        for (int i = 1; i <= 5; i++) {
            hold("svc-" + i, 512);
        }

        watcher.tick();
        assertThat(scans).as("scans in one round over five workloads").hasValue(1);
        watcher.tick();
        assertThat(scans).as("scans in two rounds").hasValue(2);
        assertThat(ended).as("all five live and within their memory").isEmpty();
    }

    @Test
    void each_workload_is_measured_by_the_processes_the_scan_found_for_it() throws Exception {
        hold("small", 512);
        LocalWorkload tight = hold("tight", 1);
        // This test's own JVM, far over a mebibyte, counted as one of the tight workload's processes.
        processes.put("tight", List.of(tight.main, ProcessHandle.current()));

        watcher.tick();

        assertThat(scans).hasValue(1);
        assertThat(ended).singleElement().asString().startsWith("tight FAILED runtime.reason.memory [1, ");
    }

    @Test
    void a_workload_whose_main_process_ended_is_ended_with_its_exit_code() throws Exception {
        LocalWorkload done = hold("done", 512);
        hold("going-on", 512);
        done.mainProcess.destroyForcibly();
        assertThat(done.mainProcess.waitFor(10, TimeUnit.SECONDS)).isTrue();

        watcher.tick();

        assertThat(ended).containsExactly("done FAILED runtime.reason.main-ended [137]");
        watcher.tick();
        assertThat(ended).as("an ended workload is not looked at again").hasSize(1);
    }

    @Test
    void no_scan_while_no_workload_runs() throws Exception {
        watcher.tick();
        LocalWorkload only = hold("only", 512);
        only.mainProcess.destroyForcibly();
        only.mainProcess.waitFor(10, TimeUnit.SECONDS);
        watcher.tick();
        watcher.tick();

        assertThat(scans).as("one round saw a live workload").hasValue(1);
    }

    /** A workload whose main process is a real {@code sleep}, found by the scan as its only process. */
    private LocalWorkload hold(String id, long memoryMib) throws Exception {
        Process main = new ProcessBuilder("sleep", "1000").start();
        started.add(main);
        WorkloadSpec spec = LocalRuntimeTest.spec(id, List.of("sleep", "1000"), false, memoryMib);
        LocalWorkload workload = new LocalWorkload(spec, folder.resolve(id), Map.of(), main, main.toHandle(),
                Clock.systemUTC().instant(), -1, Clock.systemUTC());
        held.add(workload);
        processes.put(id, List.of(main.toHandle()));
        return workload;
    }
}
