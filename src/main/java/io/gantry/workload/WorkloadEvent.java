package io.gantry.workload;

import java.time.Instant;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * One transition of a workload, or a warning it was given, with its time and why.
 *
 * @param from the phase it left; null for its first event and for a warning
 * @param reason a message key saying why; null where the transition needs no explanation
 */
@NamedInterface("api")
public record WorkloadEvent(Instant at, Phase from, Phase to, String reason, List<String> reasonArguments) {

    public WorkloadEvent {
        reasonArguments = List.copyOf(reasonArguments);
    }
}
