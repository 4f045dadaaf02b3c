package io.gantry.network;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Running containers for tests, until the container feature exists: a test marks a key as used by containers. */
@Component
public class TestKeyUsage implements KeyUsage {

    private static final Map<Long, List<String>> RUNNING = new ConcurrentHashMap<>();

    public static void runWith(long keyId, String... containers) {
        RUNNING.put(keyId, List.of(containers));
    }

    public static void stopAll(long keyId) {
        RUNNING.remove(keyId);
    }

    @Override
    public List<String> runningWorkloadsUsing(long keyId) {
        return RUNNING.getOrDefault(keyId, List.of());
    }
}
