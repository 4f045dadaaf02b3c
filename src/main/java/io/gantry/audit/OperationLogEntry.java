package io.gantry.audit;

import java.time.Instant;

/** One line of the operation log: who did what, on what, when and from where. */
public record OperationLogEntry(long id, Instant at, String username, String sourceIp, String action, String target,
                                String details) {
}
