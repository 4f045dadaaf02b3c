package io.gantry.workload;

import io.gantry.runtime.WorkloadSpec;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.modulith.NamedInterface;

/**
 * A kind of workload (containers, tasks later): the workload module runs every kind the same way and asks the kind
 * only for what is its own. Implementations are beans of the kind's module; this module imports none of them.
 */
@NamedInterface("api")
public interface WorkloadKind {

    /** The kind's name, stored with each of its workloads ("container"). */
    String name();

    /**
     * What the runtime starts for a placed workload of this kind: the common part (image, devices, resources) from
     * the workload, and the kind's own (SSH access and keys, Jupyter, terminal; a task's command).
     */
    WorkloadSpec spec(Workload workload);

    /** The page that shows a workload of this kind, as a path inside the application (for its owner's notices). */
    String page(Workload workload);

    /**
     * Whether its workloads end by themselves (a task's command): such a workload ends SUCCEEDED when its command
     * exits 0 and FAILED with its exit code otherwise, and is removed from its runtime as soon as it ends, after
     * {@link #ended} kept what it needs of it.
     */
    default boolean batch() {
        return false;
    }

    /**
     * A batch workload ended (by itself, stopped, on time, preempted or lost), before its runtime removes it: the
     * kind keeps what it needs of its output. Called once per end; {@code output} is empty when the runtime has none.
     */
    default void ended(Workload workload, InputStream output) {
    }

    /** The pages of several workloads of this kind by workload id, for lists; a kind may read them in one query. */
    default Map<Long, String> pages(Collection<Workload> workloads) {
        return workloads.stream().collect(Collectors.toMap(Workload::id, this::page, (a, b) -> a));
    }
}
