package io.gantry.cluster;

/** A bundle of CPU cores and memory offered with a spec. */
public record Flavor(long id, long specId, String name, int cpuCores, int memoryMib) {
}
