package io.gantry.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * What Gantry's Jupyter proxy passes to each workload, for {@link WorkloadRuntime#activity}: Jupyter is reached only
 * through that proxy, whatever runtime serves it, so the proxy tells and the runtime reads. A counter and a timestamp
 * per workload, nothing per request.
 */
@Component
public class JupyterTraffic {

    /** How long a plain request keeps counting as a session: an open notebook polls Jupyter more often than this. */
    public static final Duration RECENT = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Workload> workloads = new ConcurrentHashMap<>();

    public JupyterTraffic(Clock clock) {
        this.clock = clock;
    }

    /** A request or a WebSocket to the workload's Jupyter begins; each call is followed by one {@link #ended}. */
    public void began(String workloadId) {
        Workload workload = workloads.computeIfAbsent(workloadId, id -> new Workload());
        workload.open.incrementAndGet();
        workload.last = clock.instant();
    }

    /** Traffic on an open WebSocket. */
    public void passed(String workloadId) {
        Workload workload = workloads.get(workloadId);
        if (workload != null) {
            workload.last = clock.instant();
        }
    }

    /** A request was answered or a WebSocket closed. */
    public void ended(String workloadId) {
        Workload workload = workloads.get(workloadId);
        if (workload != null) {
            workload.open.updateAndGet(open -> Math.max(0, open - 1));
            workload.last = clock.instant();
        }
    }

    /** Requests under way and WebSockets open now, or one when none is but a request passed {@link #RECENT}ly. */
    public int sessions(String workloadId) {
        Workload workload = workloads.get(workloadId);
        if (workload == null) {
            return 0;
        }
        int open = workload.open.get();
        if (open > 0) {
            return open;
        }
        Instant last = workload.last;
        return last != null && last.isAfter(clock.instant().minus(RECENT)) ? 1 : 0;
    }

    /** The last request, WebSocket frame, opening or closing; null if none passed. */
    public Instant last(String workloadId) {
        Workload workload = workloads.get(workloadId);
        return workload == null ? null : workload.last;
    }

    /** Forgets a removed workload. */
    public void forget(String workloadId) {
        workloads.remove(workloadId);
    }

    private static final class Workload {
        final AtomicInteger open = new AtomicInteger();
        volatile Instant last;
    }
}
