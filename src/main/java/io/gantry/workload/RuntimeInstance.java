package io.gantry.workload;

import io.gantry.runtime.WorkloadRuntime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This replica's runtime instance, recorded on each container it starts: {@code gantry.runtime.instance-id} when set,
 * else the runtime's own (host name and home for the local runtime), so that it survives a restart of the replica.
 */
@Component
public class RuntimeInstance {

    private static final int MAX = 255;

    private final String id;

    RuntimeInstance(WorkloadRuntime runtime, @Value("${gantry.runtime.instance-id:}") String configured) {
        String chosen = configured.isBlank() ? runtime.instanceId() : configured.strip();
        this.id = chosen.length() <= MAX ? chosen : chosen.substring(0, 190) + "#" + sha256(chosen);
    }

    public String id() {
        return id;
    }

    boolean holds(Workload workload) {
        return id.equals(workload.runtimeInstance());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
