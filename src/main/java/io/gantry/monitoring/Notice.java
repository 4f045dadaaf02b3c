package io.gantry.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened to a user's work, told in the app (a warning before a container ends, its stop).
 *
 * @param messageKey the bundle key of the text, put into words in the reader's language when shown
 * @param arguments the key's arguments: text, numbers, instants, {@link io.gantry.audit.Phrase}s and lists of these
 * @param link the route path of the page it is about (e.g. {@code containers/12}), or null
 * @param readAt when the user read it, null while unread
 */
public record Notice(long id, Instant createdAt, String messageKey, List<Object> arguments, String link,
                     Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
