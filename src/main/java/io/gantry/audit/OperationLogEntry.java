package io.gantry.audit;

import java.time.Instant;
import java.util.List;

/**
 * One line of the operation log: who did what, on what, when and from where.
 *
 * @param details the English text of a line written before lines had a message key; null on newer lines
 * @param messageKey the bundle key of the details, null on older lines or lines without details
 * @param arguments the key's arguments: text, numbers, instants, {@link Phrase}s and lists of these
 */
public record OperationLogEntry(long id, Instant at, String username, String sourceIp, String action, String target,
                                String details, String messageKey, List<Object> arguments) {
}
