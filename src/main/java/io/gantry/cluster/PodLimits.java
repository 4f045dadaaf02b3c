package io.gantry.cluster;

/**
 * The CPU and memory a single workload of a device type may ask for (Apulis 3.2.8). The defaults are the manual's:
 * at least 2 cores and 400 MiB, at most 22 cores and 80 GiB.
 */
public record PodLimits(int minCpu, int minMemoryMib, int maxCpu, int maxMemoryMib) {

    public static final PodLimits DEFAULT = new PodLimits(2, 400, 22, 80 * 1024);

    public boolean admits(int cpu, int memoryMib) {
        return cpu >= minCpu && cpu <= maxCpu && memoryMib >= minMemoryMib && memoryMib <= maxMemoryMib;
    }
}
