package io.gantry.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Words of an operation-log line that are translated when the line is shown, in the reader's language: a bundle key
 * and its arguments, e.g. a permission's name or a broker's refusal reason. Names of people and things are not
 * phrases: they are stored as text, as they were when the operation happened.
 */
@NamedInterface("api")
public record Phrase(String key, List<Object> arguments) {

    /** The key of {@link #target} phrases, whose one argument is put into words as the log's target column is. */
    public static final String TARGET = "oplog.target";

    public Phrase {
        // Not List.copyOf: an argument may be null (an optional message left empty).
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public static Phrase of(String key, Object... arguments) {
        return new Phrase(key, Arrays.asList(arguments));
    }

    /** A target or workload written "kind:name" (e.g. {@code container:12}), read as "Container 12". */
    public static Phrase target(String target) {
        return of(TARGET, target);
    }

    /** One phrase per constant, keyed by prefix and name, e.g. {@code permission.MONITORING_VIEW}. */
    public static List<Phrase> each(String keyPrefix, Collection<? extends Enum<?>> constants) {
        return constants.stream().map(c -> of(keyPrefix + c.name())).toList();
    }
}
