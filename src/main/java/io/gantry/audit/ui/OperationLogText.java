package io.gantry.audit.ui;

import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.Phrase;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An operation-log line in the reader's language: its details from the message key and arguments, phrases among them
 * translated too, and its target's kind. Lines written before keys existed show their stored text as it is. Notices
 * store their arguments as the log does, and are put into words here too ({@link #message}).
 */
public final class OperationLogText {

    private OperationLogText() {
    }

    static String details(OperationLogEntry entry) {
        if (entry.messageKey() == null) {
            return Formats.orDash(entry.details());
        }
        return message(entry.messageKey(), entry.arguments());
    }

    /** A message key and its stored arguments in the reader's language. */
    public static String message(String key, List<Object> arguments) {
        return Ui.t(key, arguments.stream().map(OperationLogText::argument).toArray());
    }

    /** "user:alice" reads "User alice" (用户 alice); a target of an unknown kind shows as stored. */
    static String target(String target) {
        int colon = target.indexOf(':');
        String kind = colon < 0 ? target : target.substring(0, colon);
        String translated = Ui.t("oplog.target." + kind, colon < 0 ? "" : target.substring(colon + 1));
        return translated.startsWith("!") ? target : translated;
    }

    /** Numbers stay numbers, for the pattern to format; everything else becomes text here. */
    private static Object argument(Object argument) {
        return switch (argument) {
            case null -> "";
            case Phrase phrase when Phrase.TARGET.equals(phrase.key()) && phrase.arguments().size() == 1 ->
                    target(String.valueOf(phrase.arguments().getFirst()));
            case Phrase phrase -> message(phrase.key(), phrase.arguments());
            case Instant at -> Formats.dateTime(at);
            case List<?> items -> items.isEmpty() ? Ui.t("oplog.none") : items.stream()
                    .map(item -> String.valueOf(argument(item)))
                    .collect(Collectors.joining(Ui.t("oplog.list-separator")));
            default -> argument;
        };
    }
}
