package io.gantry.workload;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.modulith.NamedInterface;

/**
 * The name a runtime knows a workload by, written {@code <kind>-<key>}: one DNS label, since a workload's Jupyter is
 * served on a host name of its own. A new workload's key is random hex ({@code container-3f9a0c...}); a container
 * migrated from before workloads keeps its old id as key ({@code container-12}), so both read back alike. Not the
 * operation log's {@code kind:name} targets ({@code container:12}), which name a feature's row for people.
 */
@NamedInterface("api")
public record RuntimeId(String kind, String key) {

    private static final Pattern FORM = Pattern.compile("([a-z][a-z0-9]*)-([a-z0-9]+)");
    /** What the database column holds. */
    private static final int MAX = 64;

    public RuntimeId {
        if (kind == null || key == null || !FORM.matcher(kind + "-" + key).matches() || (kind + "-" + key).length() > MAX) {
            throw new IllegalArgumentException("Not a runtime id: kind " + kind + ", key " + key);
        }
    }

    /** A new workload's id, its key from random bytes. */
    public static RuntimeId fresh(String kind, byte[] random) {
        return new RuntimeId(kind, HexFormat.of().formatHex(random));
    }

    /** The id a runtime or a stored row gives back; empty for anything not written as a runtime id. */
    public static Optional<RuntimeId> parse(String text) {
        if (text == null || text.length() > MAX) {
            return Optional.empty();
        }
        Matcher match = FORM.matcher(text);
        return match.matches() ? Optional.of(new RuntimeId(match.group(1), match.group(2))) : Optional.empty();
    }

    public boolean isOf(String workloadKind) {
        return kind.equals(workloadKind);
    }

    /** As stored and as the runtime labels what it makes. */
    @Override
    public String toString() {
        return kind + "-" + key;
    }
}
