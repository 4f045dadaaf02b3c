package io.gantry.audit;

import java.time.Instant;

/**
 * A search of the operation log. Null bounds are open; the text matches user, action, target, details (the stored
 * text of older lines, the arguments with their names of newer ones) and IP.
 *
 * @param from inclusive
 * @param to exclusive
 */
public record OperationLogQuery(Instant from, Instant to, String text) {

    public static OperationLogQuery all() {
        return new OperationLogQuery(null, null, null);
    }
}
