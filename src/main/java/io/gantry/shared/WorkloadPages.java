package io.gantry.shared;

import java.util.Collection;
import java.util.Map;

/**
 * The pages of workloads named by reference ("workload:17", as the broker's requests name what their devices are
 * for), so that a page that shows such references links them without knowing the kinds of work. Contributed by the
 * feature that keeps the workloads.
 */
public interface WorkloadPages {

    /**
     * The path inside the application of the page of each reference that names a workload still there; references
     * it does not know (and deleted workloads) are left out. One lookup for a whole list.
     */
    Map<String, String> pages(Collection<String> references);
}
