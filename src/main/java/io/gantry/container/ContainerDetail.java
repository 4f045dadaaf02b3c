package io.gantry.container;

import io.gantry.broker.Explanation;
import io.gantry.runtime.WorkloadMetrics;
import java.util.List;
import java.util.Optional;

/**
 * What a container's detail page shows, read in one call: the container, what the viewer may do with it, how to reach
 * it, its usage and output now, why its device request waits or was refused, and its events.
 *
 * @param specName the name of its devices' accelerator spec
 * @param operable whether the viewer may stop, delete or open a terminal in it
 * @param owner whether the viewer owns it (only the owner may save it as an image)
 * @param explanation why its device request waits or was refused, or null when it does neither
 * @param logTail the last lines of its output, as many as were asked for
 */
public record ContainerDetail(Container container, String specName, boolean operable, boolean owner,
                              ContainerService.Connection connection, Optional<WorkloadMetrics> metrics,
                              List<String> logTail, Explanation explanation, List<ContainerEvent> events) {

    public ContainerDetail {
        logTail = List.copyOf(logTail);
        events = List.copyOf(events);
    }
}
