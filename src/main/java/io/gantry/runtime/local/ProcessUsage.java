package io.gantry.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of processes, read from {@code /proc}. A process's CPU time includes that of the
 * children it has waited for, so that the time of a short-lived command stays counted after it ended.
 */
record ProcessUsage(long cpuTicks, long residentBytes) {

    /** Linux reports CPU time in clock ticks of 1/100 s on every architecture Gantry runs on. */
    static final int TICKS_PER_SECOND = 100;
    private static final long PAGE_SIZE = 4096;

    static ProcessUsage sum(List<ProcessHandle> processes) {
        long ticks = 0;
        long resident = 0;
        for (ProcessHandle process : processes) {
            ProcessUsage one = of(process.pid());
            ticks += one.cpuTicks;
            resident += one.residentBytes;
        }
        return new ProcessUsage(ticks, resident);
    }

    static ProcessUsage of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // The command name in parentheses may hold spaces; the fields count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            String[] statm = Files.readString(dir.resolve("statm")).trim().split(" ");
            return new ProcessUsage(ticks, Long.parseLong(statm[1]) * PAGE_SIZE);
        } catch (IOException | RuntimeException gone) {
            return new ProcessUsage(0, 0);
        }
    }
}
