package io.gantry.cluster;

/**
 * The CPU and memory a single workload of a device type may ask for (Apulis 3.2.8). The defaults are the manual's:
 * at least 2 cores and 400 MiB, at most 22 cores and 80 GiB.
 */
public record PodLimits(int minCpu, int minMemoryMib, int maxCpu, int maxMemoryMib) {

    public static final PodLimits DEFAULT = new PodLimits(2, 400, 22, 80 * 1024);
    /** The bounds of each limit, in the service and in the form's fields alike. */
    public static final int MAX_CPU = 1024;
    public static final int MAX_MEMORY_MIB = 16 * 1024 * 1024;

    /** Whether one workload (or one node's share of a request) may ask for this CPU and memory. */
    public boolean admits(int cpu, long memoryMib) {
        return admitsCpu(cpu) && admitsMemory(memoryMib);
    }

    public boolean admitsCpu(int cpu) {
        return cpu >= minCpu && cpu <= maxCpu;
    }

    public boolean admitsMemory(long memoryMib) {
        return memoryMib >= minMemoryMib && memoryMib <= maxMemoryMib;
    }
}
