package io.gantry.broker.internal;

/**
 * A node as the broker sees it: which spec its devices are, how many, in groups of which size, and its CPU and
 * memory. A node that is not schedulable keeps its work but takes no new work.
 */
public record Node(long id, long specId, int devices, int groupSize, int cpuCores, long memoryMib,
                   boolean schedulable) {

    public Node {
        if (groupSize < 1) {
            throw new IllegalArgumentException("A topology group has at least one device");
        }
    }

    /** The topology group of a device: devices 0..g-1 form group 0, g..2g-1 group 1, and so on. */
    public int groupOf(int device) {
        return device / groupSize;
    }

    public int groups() {
        return (devices + groupSize - 1) / groupSize;
    }
}
