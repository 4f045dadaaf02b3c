package io.gantry.shared.events;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Takes {@link RegistryProbe}s as a module's listener would, through the event publication registry; for tests. */
@Component
public class RegistryProbeListener {

    /** The listener's id in {@code event_publication.listener_id}. */
    public static final String ID = "test.registry-probe";

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    @ApplicationModuleListener(id = ID)
    void on(RegistryProbe probe) {
        int attempt = attempts.computeIfAbsent(probe.token(), token -> new AtomicInteger()).incrementAndGet();
        if (attempt <= probe.failures()) {
            throw new IllegalStateException("Probe " + probe.token() + " fails on attempt " + attempt);
        }
        delivered.add(probe.token());
    }

    public int attempts(String token) {
        var count = attempts.get(token);
        return count == null ? 0 : count.get();
    }

    public boolean delivered(String token) {
        return delivered.contains(token);
    }
}
