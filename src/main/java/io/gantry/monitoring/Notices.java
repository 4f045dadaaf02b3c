package io.gantry.monitoring;

import io.gantry.audit.OperationLogArguments;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.modulith.NamedInterface;

/**
 * How other modules tell a user in the app that something happened to their work. An internal API, not a user-facing
 * service: it checks no permission (the platform's own jobs send notices, to users other than the signed-in one) and
 * joins the caller's transaction, so a notice is saved with the change it tells of, or not at all. Users read their
 * notices through {@link NoticeService}.
 */
@Component
@NamedInterface("api")
public class Notices {

    static final int MESSAGE_KEY_MAX = 128;
    static final int DEDUP_KEY_MAX = 200;
    static final int LINK_MAX = 255;
    static final int ARGUMENTS_MAX = 8000;
    /** A route path inside the application, such as {@code containers/12}: never an address elsewhere. */
    private static final Pattern LINK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]*");

    private final NoticeRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Notices(NoticeRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds a notice for the user; returns its id.
     *
     * @param messageKey the bundle key of the text
     * @param arguments the key's arguments, stored as the operation log stores its own (names as text, numbers,
     *                  instants, {@link io.gantry.audit.Phrase}s for words the reader's language names)
     * @param link the route path of the page the notice is about, e.g. {@code containers/12}; null for none
     */
    @Transactional
    public long notify(long userId, String messageKey, List<?> arguments, String link) {
        check(messageKey, link);
        long id = repository.insert(userId, clock.instant(), messageKey, json(arguments), link);
        events.publishEvent(new NoticesChanged(userId));
        return id;
    }

    /**
     * As {@link #notify}, but once per user and {@code dedupKey} (e.g. {@code container:12:end-warning:<end time>}):
     * a periodic job that runs again, or the same job on two replicas at once, adds no second notice. Returns whether
     * this call added it.
     */
    @Transactional
    public boolean notifyOnce(long userId, String dedupKey, String messageKey, List<?> arguments, String link) {
        check(messageKey, link);
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > DEDUP_KEY_MAX) {
            throw new IllegalArgumentException("A dedup key of 1 to " + DEDUP_KEY_MAX + " characters: " + dedupKey);
        }
        boolean added;
        try {
            added = repository.insertOnce(userId, dedupKey, clock.instant(), messageKey, json(arguments), link);
        } catch (DuplicateKeyException sentAtTheSameTime) {
            // H2 (one replica) checks the key before it inserts, so a concurrent twin can still hit the constraint;
            // an H2 transaction survives the error. PostgreSQL's ON CONFLICT never gets here.
            added = false;
        }
        if (added) {
            events.publishEvent(new NoticesChanged(userId));
        }
        return added;
    }

    private static void check(String messageKey, String link) {
        if (messageKey == null || messageKey.isBlank() || messageKey.length() > MESSAGE_KEY_MAX) {
            throw new IllegalArgumentException("A message key of 1 to " + MESSAGE_KEY_MAX + " characters: "
                    + messageKey);
        }
        if (link != null && (link.length() > LINK_MAX || !LINK.matcher(link).matches())) {
            throw new IllegalArgumentException("A link is a route path of this application: " + link);
        }
    }

    private static String json(List<?> arguments) {
        return OperationLogArguments.writeWithin(ARGUMENTS_MAX, arguments == null ? new Object[0]
                : arguments.toArray());
    }
}
